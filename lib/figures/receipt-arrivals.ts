// Receipts per arrival day (UTC day of receivedAt), workflow category and currency: what the auto-match rate
// counts (lib/dashboards/get-auto-match-rate.ts). Kept on write like unapplied cash (lib/figures/movement-rollup.ts):
// triggers of migration 20261206050000 on Receipt append movements to ReceiptArrivalMovement; the worker folds them
// into ReceiptArrivalsByDay. At 10,000,000 receipts the rate classified ~600,000 receipts of a month on every read.
// "Applied by people" needs no read of applications: Receipt.personApplications counts a receipt's live applications
// made by people (triggers on Application, migration 20261206060000). The categories are written once more in SQL,
// in cashline_arrival_category() of that migration; a test compares the two for every state.
import { db } from "../db/client.ts";
import { EXCEPTION_STATES, type ReceiptState } from "../workflow/receipt-states.ts";
import { NOT_CASH_STATES } from "../dashboards/sql.ts";
import { foldMovements, rebuildRollup, type MovementRollup } from "./movement-rollup.ts";

export const ARRIVALS_ROLLUP: MovementRollup = {
  movements: "ReceiptArrivalMovement", rollup: "ReceiptArrivalsByDay", keys: ["day", "category", "currency"], lockId: 7_420_071,
};

/** Applied: by the engine or by people (the ERP may have refused it since: POSTING_FAILED). */
export const APPLIED_STATES: readonly ReceiptState[] = ["APPLIED", "POSTED", "PUBLISHED", "POSTING_FAILED"];

/** "applied": by the engine alone; "applied_by_person": a person made any of its live applications. */
export type ArrivalCategory = "applied" | "applied_by_person" | "exception" | "not_cash" | "pending";

/** What the auto-match rate counts a receipt in `state` with `personApplications` live applications by people as. */
export function arrivalCategory(state: ReceiptState, personApplications: number): ArrivalCategory {
  if (APPLIED_STATES.includes(state)) return personApplications > 0 ? "applied_by_person" : "applied";
  if ((NOT_CASH_STATES as readonly string[]).includes(state)) return "not_cash";
  if (EXCEPTION_STATES.includes(state)) return "exception";
  return "pending";
}

export type ArrivalRow = { day: string; category: ArrivalCategory; currency: string; count: number; amountMinor: bigint };
type Raw = { day: Date; category: ArrivalCategory; currency: string; n: bigint; total: bigint };
const toRows = (rows: Raw[]): ArrivalRow[] =>
  rows.map((r) => ({ day: r.day.toISOString().slice(0, 10), category: r.category, currency: r.currency, count: Number(r.n), amountMinor: r.total }));

/** From the roll-up plus the movements not folded yet (one statement: exact at any moment), from `fromDay` on. */
export async function getReceiptArrivals(fromDay = "0001-01-01"): Promise<ArrivalRow[]> {
  return toRows(await db.$queryRaw<Raw[]>`
    select day, category, currency::text as currency, sum(count)::bigint as n, sum("amountMinor")::bigint as total
      from (select day, category, currency, count, "amountMinor" from "ReceiptArrivalsByDay" where day >= ${fromDay}::date
            union all
            select day, category, currency, count, "amountMinor" from "ReceiptArrivalMovement" where day >= ${fromDay}::date) u
     group by 1, 2, 3 having sum(count) <> 0
     order by 1, 2, 3`);
}

/**
 * The same rows from the receipts and their applications themselves (people's applications counted here, not taken
 * from Receipt.personApplications): what the roll-up must equal.
 */
export async function getReceiptArrivalsFromReceipts(): Promise<ArrivalRow[]> {
  return toRows(await db.$queryRaw<Raw[]>`
    select r."receivedAt"::date as day, cashline_arrival_category(r.state, coalesce(p.n, 0)::int) as category,
           r.currency::text as currency, count(*)::bigint as n, sum(r."amountMinor")::bigint as total
      from "Receipt" r
      left join (select "receiptId", count(*) as n from "Application"
                  where "appliedByType" <> 'engine' and "reversedAt" is null group by 1) p on p."receiptId" = r.id
     group by 1, 2, 3 order by 1, 2, 3`);
}

export function foldReceiptArrivals() {
  return foldMovements(ARRIVALS_ROLLUP);
}

/** Recounts Receipt.personApplications from the applications (triggers off left it behind), then the roll-up. */
export async function rebuildReceiptArrivals() {
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`lock table "Application" in share mode`;
    await tx.$executeRaw`
      update "Receipt" r set "personApplications" = coalesce(p.n, 0)::int
        from "Receipt" r0
        left join (select "receiptId", count(*) as n from "Application"
                    where "appliedByType" <> 'engine' and "reversedAt" is null group by 1) p on p."receiptId" = r0.id
       where r.id = r0.id and r."personApplications" <> coalesce(p.n, 0)`;
  }, { timeout: 30 * 60_000 });
  return rebuildRollup(ARRIVALS_ROLLUP, "Receipt", `
    select "receivedAt"::date, cashline_arrival_category(state, "personApplications"), currency, count(*), sum("amountMinor")
      from "Receipt" group by 1, 2, 3`);
}
