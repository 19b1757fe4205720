// THE definition of "unapplied cash", used by the home page, the dashboards (overview and aging), the snapshot
// trend and close readiness, so the same question gets the same answer to the cent on every page.
//
// Unapplied cash = the sum of Receipt.unappliedMinor over receipts with something left to apply
// (unappliedMinor > 0), per legal entity and currency, EXCLUDING:
//   - RETURNED receipts: the bank took the money back; nothing is left to apply;
//   - DUPLICATE receipts: the same money recorded twice; only the original counts.
// Receipts in every other state count, whatever their exception status. Age is counted from the VALUE DATE.
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
/** One row per entity, currency and value date: small (a few hundred rows) and enough for totals, aging and close. */
export type UnappliedCashRow = { entityId: string; entity: string; currency: string; valueDate: string; count: number; amountMinor: bigint };

export async function getUnappliedCash(f: UnappliedCashFilter = {}): Promise<UnappliedCashRow[]> {
  const rows = await db.$queryRaw<{ entityId: string; entity: string; currency: string; valueDate: Date; n: bigint; total: bigint }[]>`
    select r."entityId", e.code as entity, r.currency::text as currency, r."valueDate", count(*)::bigint as n, sum(r."unappliedMinor")::bigint as total
      from "Receipt" r join "LegalEntity" e on e.id = r."entityId"
     where ${unappliedCashWhere("r")}
       ${f.entity ? Prisma.sql`and e.code = ${f.entity}` : Prisma.empty}
       ${f.currency ? Prisma.sql`and r.currency = ${f.currency}` : Prisma.empty}
       ${f.valueFrom ? Prisma.sql`and r."valueDate" >= ${f.valueFrom}::date` : Prisma.empty}
       ${f.valueTo ? Prisma.sql`and r."valueDate" <= ${f.valueTo}::date` : Prisma.empty}
     group by 1, 2, 3, 4
     order by 2, 3, 4`;
  return rows.map((r) => ({ entityId: r.entityId, entity: r.entity, currency: r.currency, valueDate: r.valueDate.toISOString().slice(0, 10), count: Number(r.n), amountMinor: r.total }));
}

/** Totals per currency (sorted), from the rows above. */
export function unappliedByCurrency(rows: UnappliedCashRow[]): CurrencyTotal[] {
  return totalsByCurrency(rows);
}
