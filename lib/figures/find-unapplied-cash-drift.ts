// Where the unapplied-cash roll-up (what every page shows) and the receipts themselves disagree: one line per
// entity, currency and value date that differs. Empty when they agree, which the triggers guarantee unless
// someone wrote Receipt with triggers off. Checked with the database invariants after the demo seed and after
// the whole browser suite; `rebuildUnappliedCash` repairs a drift.
import { getUnappliedCash, getUnappliedCashFromReceipts, type UnappliedCashRow } from "./unapplied-cash.ts";

export async function findUnappliedCashDrift(): Promise<string[]> {
  const [rolled, live] = await Promise.all([getUnappliedCash(), getUnappliedCashFromReceipts()]);
  const key = (r: UnappliedCashRow) => `${r.entity} ${r.currency} ${r.valueDate}`;
  const show = (r: UnappliedCashRow | undefined) => (r ? `${r.count} receipts, ${r.amountMinor} minor` : "nothing");
  const rolledBy = new Map(rolled.map((r) => [key(r), r]));
  const liveBy = new Map(live.map((r) => [key(r), r]));
  const drift: string[] = [];
  for (const k of new Set([...rolledBy.keys(), ...liveBy.keys()])) {
    const a = rolledBy.get(k);
    const b = liveBy.get(k);
    if (a?.count !== b?.count || a?.amountMinor !== b?.amountMinor) drift.push(`${k}: roll-up ${show(a)}, receipts ${show(b)}`);
  }
  return drift.sort();
}
