// Crediting a deduction is a write-off under the controls issue's limits (lib/exceptions/write-off-limits.ts), all of
// them, in the entity's FUNCTIONAL currency: per write-off; per day (this user's write-offs and deduction credits
// today, made or approved, plus their pending proposals); per receipt and per invoice (every write-off and deduction
// credit or auto-write-off there, by anyone, plus pending proposals). The same advisory locks as the exception
// write-offs serialise the check, so a deduction credit and a write-off on one invoice cannot both slip under a limit.
import type { Tx } from "../exceptions/action-context.ts";
import {
  limitBreaches, loadWriteOffLimit, loadWriteOffUsage, lockWriteOffUsage, startOfUtcDay, type Usage, type WriteOffScope,
} from "../exceptions/write-off-limits.ts";
import { MissingRateError, otherUsageCurrencies, toFunctional, type FunctionalScope } from "../exceptions/write-off-functional.ts";

export type DeductionForLimits = { id: string; entityId: string; currency: string; invoiceId: string | null; receiptId: string | null };

/** Deduction credits (and auto write-offs) already counted, per currency; the deduction being decided is left out. */
async function deductionUsage(tx: Tx, d: DeductionForLimits, userId: string, today: Date): Promise<Map<string, Usage>> {
  const rows = await tx.$queryRaw<{ currency: string; day: bigint; receipt: bigint; invoice: bigint }[]>`
    with counted as (
      select currency, "receiptId", "invoiceId",
             ("validMinor" + "writtenOffMinor") as done,
             case when status = 'OPEN' and proposal is not null then (proposal->>'validMinor')::bigint else 0 end as pending,
             ("resolvedById" = ${userId} or "approvedById" = ${userId}) and "resolvedAt" >= ${today} as mine_today,
             status = 'OPEN' and proposal is not null and "proposedById" = ${userId} as mine_pending
        from "Deduction"
       where id <> ${d.id} and ("receiptId" = ${d.receiptId} or "invoiceId" = ${d.invoiceId} or "resolvedById" = ${userId} or "approvedById" = ${userId} or "proposedById" = ${userId})
    )
    select currency,
           coalesce(sum(case when mine_today then done else 0 end) + sum(case when mine_pending then pending else 0 end), 0) as day,
           coalesce(sum(case when "receiptId" = ${d.receiptId} then done + pending else 0 end), 0) as receipt,
           coalesce(sum(case when "invoiceId" = ${d.invoiceId} then done + pending else 0 end), 0) as invoice
      from counted group by currency`;
  return new Map(rows.map((r) => [r.currency, { dayMinor: BigInt(r.day), receiptMinor: BigInt(r.receipt), invoiceMinor: BigInt(r.invoice) }]));
}

async function functionalScope(tx: Tx, d: DeductionForLimits, now: Date): Promise<FunctionalScope> {
  // The receipt's value date when the deduction came with a payment, else the day of the decision.
  const [row] = await tx.$queryRaw<{ currency: string; valueDate: string | null }[]>`
    select e."functionalCurrency" as currency, (select to_char(r."valueDate", 'YYYY-MM-DD') from "Receipt" r where r.id = ${d.receiptId}) as "valueDate"
      from "LegalEntity" e where e.id = ${d.entityId}`;
  if (!row) throw new Error(`legal entity ${d.entityId} not found`);
  return { currency: row.currency, valueDate: row.valueDate ?? now.toISOString().slice(0, 10) };
}

/** Every limit crediting `amountMinor` of this deduction would take this user over, in words; empty = within all. */
export async function deductionCreditBreaches(tx: Tx, d: DeductionForLimits, userId: string, amountMinor: bigint, now = new Date()): Promise<string[]> {
  await lockWriteOffUsage(tx, userId, d.invoiceId);
  const today = startOfUtcDay(now);
  const fn = await functionalScope(tx, d, now);
  // Exception write-offs (Applications and pending proposals) by currency, as the write-off check counts them.
  const scope: WriteOffScope = { userId, currency: d.currency, receiptId: d.receiptId ?? "", invoiceId: d.invoiceId, amountMinor };
  const usage = new Map<string, Usage>();
  for (const c of [d.currency, ...(await otherUsageCurrencies(tx, scope, d.currency, today))]) usage.set(c, await loadWriteOffUsage(tx, { ...scope, currency: c }, now));
  for (const [c, u] of await deductionUsage(tx, d, userId, today)) {
    const sum = usage.get(c) ?? { dayMinor: 0n, receiptMinor: 0n, invoiceMinor: 0n };
    usage.set(c, { dayMinor: sum.dayMinor + u.dayMinor, receiptMinor: sum.receiptMinor + u.receiptMinor, invoiceMinor: sum.invoiceMinor + u.invoiceMinor });
  }
  let converted;
  try {
    converted = await toFunctional(tx, fn, { currency: d.currency, minor: amountMinor }, usage);
  } catch (e) {
    if (e instanceof MissingRateError) return [`${e.message}: the limits in ${fn.currency} cannot be compared`];
    throw e;
  }
  const limit = await loadWriteOffLimit(tx, userId, fn.currency);
  const breaches = limitBreaches(limit, converted.usage, { currency: fn.currency, amountMinor: converted.amountMinor, invoiceId: d.invoiceId });
  return converted.note && breaches.length ? breaches.map((b) => `${b} (${converted.note})`) : breaches;
}
