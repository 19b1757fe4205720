// THE definition of "bank lines not reconciled" for the cash position (per bank account), kept on write like
// unapplied cash (lib/figures/movement-rollup.ts): BankTransaction rows with reconciled = false, per bank account
// and value date, in the account's currency. Triggers of migration 20261206020000 append movements to
// UnreconciledBankLineMovement; the worker folds them into UnreconciledBankLinesByValueDate. At 10,000,000 receipts
// the cash position read 260,000 unreconciled lines on every refresh; now it reads a few thousand rows.
import { db } from "../db/client.ts";
import { foldMovements, rebuildRollup, type MovementRollup } from "./movement-rollup.ts";

export const UNRECONCILED_ROLLUP: MovementRollup = {
  movements: "UnreconciledBankLineMovement", rollup: "UnreconciledBankLinesByValueDate", keys: ["bankAccountId", "valueDate"], lockId: 7_420_069,
};

export type UnreconciledRow = { bankAccountId: string; valueDate: string; count: number; amountMinor: bigint };
type Raw = { bankAccountId: string; valueDate: Date; n: bigint; total: bigint };
const toRows = (rows: Raw[]): UnreconciledRow[] =>
  rows.map((r) => ({ bankAccountId: r.bankAccountId, valueDate: r.valueDate.toISOString().slice(0, 10), count: Number(r.n), amountMinor: r.total }));

/** From the roll-up plus the movements not folded yet (one statement: exact at any moment). */
export async function getUnreconciledBankLines(): Promise<UnreconciledRow[]> {
  return toRows(await db.$queryRaw<Raw[]>`
    select "bankAccountId", "valueDate", sum(count)::bigint as n, sum("amountMinor")::bigint as total
      from (select "bankAccountId", "valueDate", count, "amountMinor" from "UnreconciledBankLinesByValueDate"
            union all
            select "bankAccountId", "valueDate", count, "amountMinor" from "UnreconciledBankLineMovement") u
     group by 1, 2 having sum(count) <> 0
     order by 1, 2`);
}

/** The same rows from the bank lines themselves: what the roll-up must equal. */
export async function getUnreconciledBankLinesFromLines(): Promise<UnreconciledRow[]> {
  return toRows(await db.$queryRaw<Raw[]>`
    select "bankAccountId", "valueDate", count(*)::bigint as n, sum("amountMinor")::bigint as total
      from "BankTransaction" where not reconciled group by 1, 2 order by 1, 2`);
}

export function foldUnreconciledBankLines() {
  return foldMovements(UNRECONCILED_ROLLUP);
}

export function rebuildUnreconciledBankLines() {
  return rebuildRollup(UNRECONCILED_ROLLUP, "BankTransaction", `
    select "bankAccountId", "valueDate", count(*), sum("amountMinor") from "BankTransaction" where not reconciled group by 1, 2`);
}
