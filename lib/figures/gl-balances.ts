// THE ERP balance per entity, currency and GL account: debits − credits of the lines of POSTED journal entries,
// what Cashline has booked in the ERP. Kept on write like unapplied cash (lib/figures/movement-rollup.ts): triggers
// of migration 20261206030000 on JournalEntry and JournalLine append movements to GlBalanceMovement; the worker
// folds them into GlBalance. The cash position reads a few rows instead of the day's postings (10,000 entries and
// their lines at 10,000,000 receipts; up to 440 ms with a cold cache), and a posting recorded late still counts.
import { db } from "../db/client.ts";
import { foldMovements, rebuildRollup, type MovementRollup } from "./movement-rollup.ts";

export const GL_BALANCE_ROLLUP: MovementRollup = {
  movements: "GlBalanceMovement", rollup: "GlBalance", keys: ["entityId", "currency", "account"], lockId: 7_420_070,
};

/** count = journal lines; amountMinor = debits − credits, in the entry's currency. */
export type GlBalanceRow = { entityId: string; currency: string; account: string; count: number; amountMinor: bigint };
type Raw = { entityId: string; currency: string; account: string; n: bigint; total: bigint };
const toRows = (rows: Raw[]): GlBalanceRow[] =>
  rows.map((r) => ({ entityId: r.entityId, currency: r.currency, account: r.account, count: Number(r.n), amountMinor: r.total }));

/** From the roll-up plus the movements not folded yet (one statement: exact at any moment). */
export async function getGlBalances(): Promise<GlBalanceRow[]> {
  return toRows(await db.$queryRaw<Raw[]>`
    select "entityId", currency::text as currency, account, sum(count)::bigint as n, sum("amountMinor")::bigint as total
      from (select "entityId", currency, account, count, "amountMinor" from "GlBalance"
            union all
            select "entityId", currency, account, count, "amountMinor" from "GlBalanceMovement") u
     group by 1, 2, 3 having sum(count) <> 0
     order by 1, 2, 3`);
}

/** The same rows from the journal itself: what the roll-up must equal. */
export async function getGlBalancesFromJournal(): Promise<GlBalanceRow[]> {
  return toRows(await db.$queryRaw<Raw[]>`
    select e."entityId", e.currency::text as currency, l.account, count(*)::bigint as n, sum(l."debitMinor" - l."creditMinor")::bigint as total
      from "JournalEntry" e join "JournalLine" l on l."entryId" = e.id
     where e.status = 'POSTED'
     group by 1, 2, 3 order by 1, 2, 3`);
}

export function foldGlBalances() {
  return foldMovements(GL_BALANCE_ROLLUP);
}

export function rebuildGlBalances() {
  return rebuildRollup(GL_BALANCE_ROLLUP, ["JournalEntry", "JournalLine"], `
    select e."entityId", e.currency, l.account, count(*), sum(l."debitMinor" - l."creditMinor")
      from "JournalEntry" e join "JournalLine" l on l."entryId" = e.id where e.status = 'POSTED' group by 1, 2, 3`);
}
