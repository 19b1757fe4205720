// THE definition of "unapplied cash", used by the home page, the dashboards (overview and aging), the snapshot
// trend and close readiness, so the same question gets the same answer to the cent on every page.
//
// Unapplied cash = the sum of Receipt.unappliedMinor over receipts with something left to apply
// (unappliedMinor > 0), per legal entity and currency, EXCLUDING:
//   - RETURNED receipts: the bank took the money back; nothing is left to apply;
//   - DUPLICATE receipts: the same money recorded twice; only the original counts.
// Receipts in every other state count, whatever their exception status. Age is counted from the VALUE DATE.
// The same condition is written once more in SQL, in cashline_unapplied_counts() (migration 20261206010000), for
// the triggers that keep the roll-up: change both together (findRollupDrift would report the difference).
import { db, Prisma } from "../db/client.ts";
import { notCashStatesSql } from "../dashboards/sql.ts";
import { totalsByCurrency, type CurrencyTotal } from "./totals-by-currency.ts";

export const UNAPPLIED_CASH_EXCLUSIONS = "Returned payments and duplicates are left out: they are not cash anyone can apply.";

/** The SQL condition (on alias r) every unapplied-cash figure uses. */
export function unappliedCashWhere(alias = "r"): Prisma.Sql {
  const r = Prisma.raw(`"${alias}"`);
  return Prisma.sql`${r}."unappliedMinor" > 0 and ${r}.state not in (${notCashStatesSql})`;
}

export type UnappliedCashFilter = { entity?: string; currency?: string; valueFrom?: string; valueTo?: string };
/** One row per entity, currency and value date: small (a few thousand rows) and enough for totals, aging and close. */
export type UnappliedCashRow = { entityId: string; entity: string; currency: string; valueDate: string; count: number; amountMinor: bigint };
type Raw = { entityId: string; entity: string; currency: string; valueDate: Date; n: bigint; total: bigint };
const toRows = (rows: Raw[]): UnappliedCashRow[] =>
  rows.map((r) => ({ entityId: r.entityId, entity: r.entity, currency: r.currency, valueDate: r.valueDate.toISOString().slice(0, 10), count: Number(r.n), amountMinor: r.total }));

/**
 * Unapplied cash per entity, currency and value date, read from the roll-up the Receipt triggers keep
 * (UnappliedCashByValueDate plus the movements not folded in yet: one statement, one snapshot, so exact at any
 * moment). At 10,000,000 receipts this reads a few thousand rows instead of every receipt with cash left.
 * findRollupDrift checks it against the receipts themselves.
 */
export async function getUnappliedCash(f: UnappliedCashFilter = {}): Promise<UnappliedCashRow[]> {
  return toRows(await db.$queryRaw<Raw[]>`
    select u."entityId", e.code as entity, u.currency::text as currency, u."valueDate", sum(u.count)::bigint as n, sum(u."amountMinor")::bigint as total
      from (select "entityId", currency, "valueDate", count, "amountMinor" from "UnappliedCashByValueDate"
            union all
            select "entityId", currency, "valueDate", count, "amountMinor" from "UnappliedCashMovement") u
      join "LegalEntity" e on e.id = u."entityId"
     where true
       ${f.entity ? Prisma.sql`and e.code = ${f.entity}` : Prisma.empty}
       ${f.currency ? Prisma.sql`and u.currency = ${f.currency}` : Prisma.empty}
       ${f.valueFrom ? Prisma.sql`and u."valueDate" >= ${f.valueFrom}::date` : Prisma.empty}
       ${f.valueTo ? Prisma.sql`and u."valueDate" <= ${f.valueTo}::date` : Prisma.empty}
     group by 1, 2, 3, 4
    having sum(u.count) <> 0
     order by 2, 3, 4`);
}

/** The same rows computed from the receipts themselves (every receipt with cash left): what the roll-up must equal. */
export async function getUnappliedCashFromReceipts(): Promise<UnappliedCashRow[]> {
  return toRows(await db.$queryRaw<Raw[]>`
    select r."entityId", e.code as entity, r.currency::text as currency, r."valueDate", count(*)::bigint as n, sum(r."unappliedMinor")::bigint as total
      from "Receipt" r join "LegalEntity" e on e.id = r."entityId"
     where ${unappliedCashWhere("r")}
     group by 1, 2, 3, 4
     order by 2, 3, 4`);
}

/** Totals per currency (sorted), from the rows above. */
export function unappliedByCurrency(rows: UnappliedCashRow[]): CurrencyTotal[] {
  return totalsByCurrency(rows);
}
