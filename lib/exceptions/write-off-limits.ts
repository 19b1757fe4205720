// Write-off limits that add up. A user's limits are set per currency (WriteOffLimit); a write-off is compared with
// the limits in its entity's FUNCTIONAL currency, converted at the value date's rate (issue 17; no row for that
// currency, or no rate = a second person decides).
// Four limits, each against what is already written off plus this one (pending proposals count like executed ones):
//   perWriteOff  this write-off alone
//   perDay       this user's write-offs today (UTC), made or approved by them, plus their pending proposals
//   perReceipt   every write-off on this receipt, by anyone (so two people cannot take turns on one receipt)
//   perInvoice   every write-off on this invoice, by anyone (200 small write-offs of one invoice add up)
// Callers hold the receipt lock; lockWriteOffUsage serialises the rest (the user's day, the invoice) so two
// simultaneous requests cannot both slip under a limit.
import { formatMoney } from "../money/money.ts";
import type { Tx } from "./action-context.ts";
import type { PlanLine } from "./validate-plan.ts";
import { functionalScopeOf, MissingRateError, otherUsageCurrencies, toFunctional } from "./write-off-functional.ts";

export type WriteOffScope = { userId: string; currency: string; receiptId: string; invoiceId: string | null; amountMinor: bigint; excludeCaseId?: string };
export type LimitRow = { perWriteOffMinor: bigint; perReceiptMinor: bigint; perInvoiceMinor: bigint; perDayMinor: bigint };
export type Usage = { dayMinor: bigint; receiptMinor: bigint; invoiceMinor: bigint };

/** Receipt states where writing off a difference makes sense: cash still being worked on, never a finished one. */
export const WRITE_OFF_STATES: readonly string[] = ["RECEIVED", "IDENTIFIED", "MATCHED", "UNIDENTIFIED", "NEEDS_REVIEW", "SHORT_PAY", "OVERPAYMENT", "ESCALATED"];

export function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** Transaction-scoped advisory locks on the user's write-off day and on the invoice, always taken in key order. */
export async function lockWriteOffUsage(tx: Tx, userId: string, invoiceId: string | null): Promise<void> {
  const keys = [`write-off:user:${userId}`, ...(invoiceId ? [`write-off:invoice:${invoiceId}`] : [])].sort();
  for (const key of keys) await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}

export async function loadWriteOffLimit(tx: Tx, userId: string, currency: string): Promise<LimitRow | null> {
  return tx.writeOffLimit.findUnique({
    where: { userId_currency: { userId, currency } },
    select: { perWriteOffMinor: true, perReceiptMinor: true, perInvoiceMinor: true, perDayMinor: true },
  });
}

export async function loadWriteOffUsage(tx: Tx, s: WriteOffScope, now = new Date()): Promise<Usage> {
  const today = startOfUtcDay(now);
  const exclude = s.excludeCaseId ?? "";
  const [row] = await tx.$queryRaw<{ day: bigint; receipt: bigint; invoice: bigint }[]>`
    with done as (
      select "receiptId", "invoiceId", "amountMinor", "appliedById", "approvedById", "appliedAt" from "Application"
       where kind = 'WRITE_OFF' and "reversedAt" is null and currency = ${s.currency}
         and ("receiptId" = ${s.receiptId} or "invoiceId" = ${s.invoiceId} or
              (("appliedById" = ${s.userId} or "approvedById" = ${s.userId}) and "appliedAt" >= ${today}))
    ), pending as (
      select c.id, c."receiptId", c."proposedById", (c.proposal->>'writeOffMinor')::bigint as amount, c.proposal->'lines' as lines from "ExceptionCase" c
       where c.status = 'PENDING_APPROVAL' and c.id <> ${exclude} and c.proposal->>'currency' = ${s.currency}
         and (c."receiptId" = ${s.receiptId} or c."proposedById" = ${s.userId}
              or exists (select 1 from jsonb_array_elements(c.proposal->'lines') l where l->>'kind' = 'WRITE_OFF' and l->>'invoiceId' = ${s.invoiceId}))
    )
    select
      coalesce((select sum("amountMinor") from done where ("appliedById" = ${s.userId} or "approvedById" = ${s.userId}) and "appliedAt" >= ${today}), 0)
        + coalesce((select sum(amount) from pending where "proposedById" = ${s.userId}), 0) as day,
      coalesce((select sum("amountMinor") from done where "receiptId" = ${s.receiptId}), 0)
        + coalesce((select sum(amount) from pending where "receiptId" = ${s.receiptId}), 0) as receipt,
      coalesce((select sum("amountMinor") from done where "invoiceId" = ${s.invoiceId}), 0)
        + coalesce((select sum((l->>'amountMinor')::bigint) from pending p, jsonb_array_elements(p.lines) l
                    where l->>'kind' = 'WRITE_OFF' and l->>'invoiceId' = ${s.invoiceId}), 0) as invoice`;
  return { dayMinor: BigInt(row!.day), receiptMinor: BigInt(row!.receipt), invoiceMinor: BigInt(row!.invoice) };
}

/** Pure: every limit this write-off would go over, in words; empty = within all of them. */
export function limitBreaches(limit: LimitRow | null, usage: Usage, s: Pick<WriteOffScope, "currency" | "amountMinor" | "invoiceId">): string[] {
  const m = (x: bigint) => formatMoney(x, s.currency);
  if (!limit) return [`no write-off limit in ${s.currency}`];
  const out: string[] = [];
  const already = (x: bigint, where: string) => (x > 0n ? ` (${m(x)} already ${where})` : "");
  if (s.amountMinor > limit.perWriteOffMinor) out.push(`per write-off ${m(limit.perWriteOffMinor)}`);
  if (usage.dayMinor + s.amountMinor > limit.perDayMinor) out.push(`per day ${m(limit.perDayMinor)}${already(usage.dayMinor, "today")}`);
  if (usage.receiptMinor + s.amountMinor > limit.perReceiptMinor) out.push(`per receipt ${m(limit.perReceiptMinor)}${already(usage.receiptMinor, "on it")}`);
  if (s.invoiceId && usage.invoiceMinor + s.amountMinor > limit.perInvoiceMinor) out.push(`per invoice ${m(limit.perInvoiceMinor)}${already(usage.invoiceMinor, "on it")}`);
  return out;
}

/**
 * Locks, loads and compares: what this user's limits say about this write-off — in the receipt's entity's functional
 * currency (write-off-functional.ts): the write-off and the usage in every currency are converted at the value
 * date's rate and the limit row in the functional currency applies.
 */
export async function checkWriteOffLimits(tx: Tx, s: WriteOffScope): Promise<{ breaches: string[]; limit: LimitRow | null; usage: Usage }> {
  await lockWriteOffUsage(tx, s.userId, s.invoiceId);
  const fn = await functionalScopeOf(tx, s.receiptId);
  const others = await otherUsageCurrencies(tx, s, s.currency, startOfUtcDay(new Date()));
  const byCurrency = new Map<string, Usage>();
  for (const c of [s.currency, ...others]) byCurrency.set(c, await loadWriteOffUsage(tx, { ...s, currency: c }));
  const limit = await loadWriteOffLimit(tx, s.userId, fn.currency);
  let converted;
  try {
    converted = await toFunctional(tx, fn, { currency: s.currency, minor: s.amountMinor }, byCurrency);
  } catch (e) {
    if (e instanceof MissingRateError) return { breaches: [`${e.message}: the limits in ${fn.currency} cannot be compared`], limit, usage: byCurrency.get(s.currency)! };
    throw e;
  }
  const breaches = limitBreaches(limit, converted.usage, { currency: fn.currency, amountMinor: converted.amountMinor, invoiceId: s.invoiceId });
  return { breaches: converted.note && breaches.length ? breaches.map((b) => `${b} (${converted.note})`) : breaches, limit, usage: converted.usage };
}

export const limitJson = (l: LimitRow | null) => l ? Object.fromEntries(Object.entries(l).map(([k, v]) => [k, String(v)])) : null;

/** The invoice a plan writes off a shortfall on (null: an excess write-off). */
export function writeOffInvoiceId(lines: PlanLine[]): string | null {
  for (const l of lines) if (l.kind === "WRITE_OFF" && l.invoiceId) return l.invoiceId;
  return null;
}
