// Admins set each user's write-off limits per currency (the whole set at once, audited with before/after and a
// reason). Limits never compare across currencies: each row is in minor units of its own currency.
import type { z } from "zod";
import { db } from "../db/client.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { problem } from "../http/problem.ts";
import { fromMinor, isCurrency, toMinor } from "../money/money.ts";
import type { setWriteOffLimitsBody } from "./write-off-limit-schemas.ts";

export async function listWriteOffLimits() {
  const [users, rows] = await Promise.all([
    db.user.findMany({ orderBy: { email: "asc" }, select: { id: true, email: true, name: true, role: true } }),
    db.writeOffLimit.findMany({ orderBy: { currency: "asc" } }),
  ]);
  return {
    items: users.map((u) => ({
      userId: u.id, email: u.email, name: u.name, role: u.role,
      limits: rows.filter((r) => r.userId === u.id).map((r) => ({
        currency: r.currency, perWriteOff: fromMinor(r.perWriteOffMinor, r.currency), perReceipt: fromMinor(r.perReceiptMinor, r.currency),
        perInvoice: fromMinor(r.perInvoiceMinor, r.currency), perDay: fromMinor(r.perDayMinor, r.currency), updatedAt: r.updatedAt.toISOString(),
      })),
    })),
  };
}

function minorOf(value: string, currency: string, path: string): bigint {
  try {
    return toMinor(value, currency);
  } catch (err) {
    throw problem(422, `${path}: ${err instanceof Error ? err.message : String(err)}`, { errors: [{ path, message: "not an amount this currency can have" }] });
  }
}

export async function setWriteOffLimits(userId: string, body: z.infer<typeof setWriteOffLimitsBody>, actor: { id: string; email: string; ip?: string | null; requestId?: string | null }) {
  const seen = new Set<string>();
  const rows = body.limits.map((l, i) => {
    const at = `body.limits.${i}`;
    if (!isCurrency(l.currency)) throw problem(422, `${at}.currency: ${l.currency} is not an ISO 4217 currency`, { errors: [{ path: `${at}.currency`, message: "unknown currency" }] });
    if (seen.has(l.currency)) throw problem(422, `${at}.currency: ${l.currency} is given twice`, { errors: [{ path: `${at}.currency`, message: "duplicate" }] });
    seen.add(l.currency);
    const r = {
      currency: l.currency, perWriteOffMinor: minorOf(l.perWriteOff, l.currency, `${at}.perWriteOff`), perReceiptMinor: minorOf(l.perReceipt, l.currency, `${at}.perReceipt`),
      perInvoiceMinor: minorOf(l.perInvoice, l.currency, `${at}.perInvoice`), perDayMinor: minorOf(l.perDay, l.currency, `${at}.perDay`),
    };
    if (r.perWriteOffMinor > r.perDayMinor) throw problem(422, `${at}.perWriteOff: larger than the daily limit`, { errors: [{ path: `${at}.perWriteOff`, message: "must not exceed perDay" }] });
    return r;
  });
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true } });
    if (!user) throw problem(404, `user ${userId} not found`);
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${`write-off:user:${userId}`}, 0))`; // not while one of theirs is checked
    const before = await tx.writeOffLimit.findMany({ where: { userId } });
    await tx.writeOffLimit.deleteMany({ where: { userId, currency: { notIn: rows.map((r) => r.currency) } } });
    for (const r of rows) {
      await tx.writeOffLimit.upsert({ where: { userId_currency: { userId, currency: r.currency } }, create: { userId, ...r, updatedById: actor.id }, update: { ...r, updatedById: actor.id } });
    }
    const show = (x: { currency: string; perWriteOffMinor: bigint; perReceiptMinor: bigint; perInvoiceMinor: bigint; perDayMinor: bigint }) =>
      ({ currency: x.currency, perWriteOff: fromMinor(x.perWriteOffMinor, x.currency), perReceipt: fromMinor(x.perReceiptMinor, x.currency), perInvoice: fromMinor(x.perInvoiceMinor, x.currency), perDay: fromMinor(x.perDayMinor, x.currency) });
    await writeAudit({
      actorType: "user", actorId: actor.id, actorLabel: actor.email, action: "write_off_limits.updated", targetType: "User", targetId: userId,
      details: { user: user.email, before: before.map(show), after: rows.map(show), reason: body.reason }, ip: actor.ip ?? null, requestId: actor.requestId ?? null,
    }, tx);
  });
  return (await listWriteOffLimits()).items.find((u) => u.userId === userId)!;
}
