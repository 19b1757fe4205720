// Where a figure kept on write (lib/figures/movement-rollup.ts) and its source disagree: one line per key that
// differs, naming the figure. Empty when they agree, which the triggers guarantee unless someone wrote the source
// with triggers off. Part of the database invariants (after the demo seed and after the whole browser suite) and of
// `cashline figures check`; `cashline figures rebuild` repairs a drift.
import { diffFigureRows } from "./movement-rollup.ts";
import { getUnappliedCash, getUnappliedCashFromReceipts } from "./unapplied-cash.ts";
import { getUnreconciledBankLines, getUnreconciledBankLinesFromLines } from "./unreconciled-bank-lines.ts";
import { getGlBalances, getGlBalancesFromJournal } from "./gl-balances.ts";
import { getReceiptArrivals, getReceiptArrivalsFromReceipts } from "./receipt-arrivals.ts";

export async function findRollupDrift(): Promise<string[]> {
  const [cash, cashLive, lines, linesLive, gl, glLive, arrivals, arrivalsLive] = await Promise.all([
    getUnappliedCash(), getUnappliedCashFromReceipts(), getUnreconciledBankLines(), getUnreconciledBankLinesFromLines(),
    getGlBalances(), getGlBalancesFromJournal(), getReceiptArrivals(), getReceiptArrivalsFromReceipts(),
  ]);
  return [
    ...diffFigureRows(cash, cashLive, (r) => `unapplied cash ${r.entity} ${r.currency} ${r.valueDate}`),
    ...diffFigureRows(lines, linesLive, (r) => `unreconciled bank lines ${r.bankAccountId} ${r.valueDate}`),
    ...diffFigureRows(gl, glLive, (r) => `GL balance ${r.entityId} ${r.currency} ${r.account}`),
    ...diffFigureRows(arrivals, arrivalsLive, (r) => `receipt arrivals ${r.day} ${r.category} ${r.currency}`),
  ];
}
