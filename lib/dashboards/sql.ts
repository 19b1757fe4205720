// SQL fragments the dashboards share, so "unapplied cash" and "what an application does to it" mean the same
// thing on every page and in the close checklist.
import { Prisma } from "../db/client.ts";
import { SHORTFALL_REASONS } from "../posting/build-receipt-journal.ts";

/**
 * Receipts that are cash to apply: returned payments (the money went back) and duplicates (the same money
 * recorded twice) carry an unapplied amount but are not cash anyone can apply.
 */
export const NOT_CASH_STATES = ["RETURNED", "DUPLICATE"] as const;
export const notCashStatesSql = Prisma.raw(NOT_CASH_STATES.map((s) => `'${s}'`).join(", "));

/**
 * How much of the receipt's cash an application consumes, mirroring build-receipt-journal.ts: invoice and
 * on-account applications and overpayment write-offs consume cash; shortfall write-offs (bank charges, small
 * balances, discounts) settle invoice value the cash did not cover, so they give cash back; deductions move none.
 */
export function cashEffectSql(alias: string): Prisma.Sql {
  const a = Prisma.raw(`"${alias}"`);
  const shortfall = Prisma.raw([...SHORTFALL_REASONS].map((r) => `'${r}'`).join(", "));
  return Prisma.sql`(case
    when ${a}.kind in ('INVOICE', 'ON_ACCOUNT') then ${a}."amountMinor"
    when ${a}.kind = 'WRITE_OFF' and coalesce(${a}."reasonCode", '') in (${shortfall}) then -${a}."amountMinor"
    when ${a}.kind = 'WRITE_OFF' then ${a}."amountMinor"
    else 0::bigint end)`;
}

export const EXCEPTION_DONE_SQL = Prisma.raw(`'RESOLVED', 'CANCELLED'`);

/** percentile_cont results arrive as float8 arrays; durations are reported as whole units. */
export function roundPercentiles(p: (number | null)[] | null | undefined): (number | null)[] {
  return (p ?? []).map((v) => (v === null || v === undefined ? null : Math.round(v)));
}
