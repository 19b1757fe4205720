// What finally happened to each receipt — the labels a backtest is judged against. An application the engine made
// and nobody reversed was right; a person's application (still standing) is the truth for that receipt; an engine
// application that was reversed was an error. A receipt returned, refunded or marked duplicate without any
// standing invoice application should not have been applied; one still waiting in the queue has no label.
import type { HistoryApplication, HistoryReceipt } from "./history.ts";

export type Label =
  | { kind: "auto" | "person" | "none"; truth: Map<string, bigint>; engineReversed: boolean }
  | { kind: "unlabelled"; truth: null; engineReversed: boolean };

const SETTLED_WITHOUT_INVOICE = new Set(["RETURNED", "DUPLICATE", "CHARGEBACK"]);

export function labelReceipts(receipts: HistoryReceipt[], applications: HistoryApplication[]): Map<string, Label> {
  const byReceipt = new Map<string, HistoryApplication[]>();
  for (const a of applications) {
    const list = byReceipt.get(a.receiptId);
    if (list) list.push(a);
    else byReceipt.set(a.receiptId, [a]);
  }
  const out = new Map<string, Label>();
  for (const r of receipts) out.set(r.id, labelOf(r, byReceipt.get(r.id) ?? []));
  return out;
}

function labelOf(r: HistoryReceipt, apps: HistoryApplication[]): Label {
  const engineReversed = apps.some((a) => a.byEngine && a.reversedAt !== null);
  const standing = apps.filter((a) => a.reversedAt === null);
  const truth = new Map<string, bigint>();
  for (const a of standing) if (a.kind === "INVOICE" && a.invoiceId) truth.set(a.invoiceId, (truth.get(a.invoiceId) ?? 0n) + a.amountMinor);
  if (truth.size > 0) {
    const byPerson = standing.some((a) => !a.byEngine);
    return { kind: byPerson || engineReversed ? "person" : "auto", truth, engineReversed };
  }
  // Cash that went on account, was refunded or returned: a person decided it pays no invoice.
  if (standing.length > 0 || SETTLED_WITHOUT_INVOICE.has(r.state)) return { kind: "none", truth, engineReversed };
  return { kind: "unlabelled", truth: null, engineReversed };
}
