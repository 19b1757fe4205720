// Hand-built rows for the dashboard and close tests: small, explicit, every amount chosen so expected figures can
// be worked out by hand. Used only by *.test.ts files.
import { getDb } from "../db/client.ts";

export const NOW = new Date("2026-11-27T12:00:00Z");
export const at = (iso: string) => new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);

let seq = 0;
const next = (p: string) => `${p}${++seq}`;

export async function seedBase() {
  const db = getDb();
  await db.legalEntity.createMany({ data: [
    { id: "e_us", code: "US01", name: "Demo Inc.", country: "US", functionalCurrency: "USD" },
    { id: "e_uk", code: "UK01", name: "Demo Ltd", country: "GB", functionalCurrency: "GBP" },
    { id: "e_de", code: "DE01", name: "Demo GmbH", country: "DE", functionalCurrency: "EUR" },
  ] });
  await db.bankAccount.createMany({ data: [
    { id: "b_us", entityId: "e_us", bankName: "Chase", accountNumber: "111", currency: "USD", name: "US Operating", glAccount: "1010" },
    { id: "b_de", entityId: "e_de", bankName: "Deutsche", accountNumber: "222", currency: "EUR", name: "DE Haupt", glAccount: "1030" },
  ] });
  await db.user.createMany({ data: [
    { id: "u_a", email: "alex@x.dev", name: "Alex", role: "AR_ANALYST", passwordHash: "x" },
    { id: "u_b", email: "bea@x.dev", name: "Bea", role: "AR_ANALYST", passwordHash: "x" },
    { id: "u_c", email: "casey@x.dev", name: "Casey", role: "CONTROLLER", passwordHash: "x" },
  ] });
}

type ReceiptInput = Partial<{
  id: string; entityId: string; bankAccountId: string | null; currency: string; amountMinor: bigint; unappliedMinor: bigint; valueDate: Date;
  channel: "ACH" | "WIRE" | "CHECK" | "CARD" | "SEPA" | "OTHER"; state: string; receivedAt: Date; postedAt: Date | null; postingLatencyMs: number | null;
  payerName: string; bankReference: string;
}>;

export async function receipt(r: ReceiptInput = {}) {
  const amountMinor = r.amountMinor ?? 10_000n;
  const receivedAt = r.receivedAt ?? NOW;
  return getDb().receipt.create({
    data: {
      id: r.id ?? next("r"), entityId: r.entityId ?? "e_us", bankAccountId: r.bankAccountId === undefined ? null : r.bankAccountId, currency: r.currency ?? "USD",
      amountMinor, unappliedMinor: r.unappliedMinor ?? amountMinor, valueDate: r.valueDate ?? at(receivedAt.toISOString().slice(0, 10)),
      channel: r.channel ?? "ACH", state: (r.state ?? "RECEIVED") as never, naturalKey: next("nk"), sourceSystem: "bank", sourceId: next("s"),
      receivedAt, postedAt: r.postedAt ?? null, postingLatencyMs: r.postingLatencyMs ?? null, payerName: r.payerName ?? null, bankReference: r.bankReference ?? null,
    },
  });
}

export async function application(a: { receiptId: string; amountMinor: bigint; appliedAt: Date; kind?: "INVOICE" | "ON_ACCOUNT" | "WRITE_OFF" | "DEDUCTION"; reasonCode?: string; appliedByType?: string; reversedAt?: Date; currency?: string }) {
  return getDb().application.create({
    data: { receiptId: a.receiptId, kind: a.kind ?? "INVOICE", amountMinor: a.amountMinor, currency: a.currency ?? "USD", reasonCode: a.reasonCode ?? null,
      appliedByType: a.appliedByType ?? "engine", appliedAt: a.appliedAt, reversedAt: a.reversedAt ?? null },
  });
}

export async function exceptionCase(c: { code: string; status?: string; entityId?: string; createdAt: Date; resolvedAt?: Date; resolvedById?: string; assigneeId?: string; receiptId?: string; amountMinor?: bigint; currency?: string }) {
  return getDb().exceptionCase.create({
    data: {
      code: c.code as never, status: (c.status ?? "OPEN") as never, entityId: c.entityId ?? "e_us", createdAt: c.createdAt, slaDueAt: new Date(c.createdAt.getTime() + 48 * 3_600_000),
      resolvedAt: c.resolvedAt ?? null, resolvedById: c.resolvedById ?? null, assigneeId: c.assigneeId ?? null, receiptId: c.receiptId ?? null,
      amountMinor: c.amountMinor ?? null, currency: c.currency ?? (c.amountMinor !== undefined ? "USD" : null), reasons: [],
    },
  });
}

export async function journal(j: { entityId?: string; currency?: string; status: "POSTED" | "FAILED" | "PENDING"; postedAt?: Date; createdAt?: Date; receiptId?: string; lines: { account: string; debit?: bigint; credit?: bigint }[] }) {
  const id = next("je");
  return getDb().journalEntry.create({
    data: {
      id, entityId: j.entityId ?? "e_us", currency: j.currency ?? "USD", kind: "cash_receipt", idempotencyKey: `k-${id}`, status: j.status, receiptId: j.receiptId ?? null,
      postedAt: j.postedAt ?? null, createdAt: j.createdAt ?? NOW,
      lines: { create: j.lines.map((l) => ({ account: l.account, debitMinor: l.debit ?? 0n, creditMinor: l.credit ?? 0n })) },
    },
  });
}

export async function statement(s: { bankAccountId: string; day: string; opening: bigint; closing: bigint; balanceCheck?: string; difference?: bigint }) {
  const db = getDb();
  const doc = await db.sourceDocument.create({ data: { kind: "bank_statement", sourceSystem: "bank", sha256: next("sha"), byteSize: 1, content: Buffer.from("x") } });
  return db.bankStatement.create({
    data: { bankAccountId: s.bankAccountId, documentId: doc.id, statementRef: next("st"), format: "camt.053", openingBalanceMinor: s.opening, openingDate: at(s.day),
      closingBalanceMinor: s.closing, closingDate: at(s.day), balanceCheck: s.balanceCheck ?? "ok", balanceDifferenceMinor: s.difference ?? null, controlTotals: "not_applicable",
      receivedAt: new Date(at(s.day).getTime() + 30 * 3_600_000) },
  });
}

export async function bankLine(b: { bankAccountId: string; amountMinor: bigint; valueDate: string; reconciled?: boolean; currency?: string }) {
  return getDb().bankTransaction.create({
    data: { bankAccountId: b.bankAccountId, naturalKey: next("bt"), amountMinor: b.amountMinor, currency: b.currency ?? "USD", valueDate: at(b.valueDate), reconciled: b.reconciled ?? false },
  });
}
