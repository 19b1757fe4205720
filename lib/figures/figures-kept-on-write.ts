// Every figure kept on write (lib/figures/movement-rollup.ts), in one list: the worker folds them all, `cashline
// figures rebuild` and bench:dashboards rebuild them all, and findRollupDrift compares them all with their sources,
// so a new figure is added here once and nothing forgets it.
import { diffFigureRows } from "./movement-rollup.ts";
import { getUnappliedCash, getUnappliedCashFromReceipts } from "./unapplied-cash.ts";
import { foldUnappliedCash } from "./fold-unapplied-cash.ts";
import { rebuildUnappliedCash } from "./rebuild-unapplied-cash.ts";
import { foldUnreconciledBankLines, getUnreconciledBankLines, getUnreconciledBankLinesFromLines, rebuildUnreconciledBankLines } from "./unreconciled-bank-lines.ts";
import { foldGlBalances, getGlBalances, getGlBalancesFromJournal, rebuildGlBalances } from "./gl-balances.ts";
import { foldPostingLatencyHistogram, getPostingLatencyHistogram, getPostingLatencyHistogramFromReceipts, rebuildPostingLatencyHistogram } from "./posting-latency-histogram.ts";
import { foldResolutionTimeHistogram, getResolutionTimeHistogram, getResolutionTimeHistogramFromCases, rebuildResolutionTimeHistogram } from "./resolution-time-histogram.ts";
import { foldExceptionCaseCounts, getExceptionCaseCounts, getExceptionCaseCountsFromCases, rebuildExceptionCaseCounts } from "./exception-case-counts.ts";
import { foldReceiptArrivals, getReceiptArrivals, getReceiptArrivalsFromReceipts, rebuildReceiptArrivals } from "./receipt-arrivals.ts";

type FigureKeptOnWrite = {
  name: string;
  fold: () => Promise<unknown>;
  rebuild: () => Promise<{ keys: number }>;
  /** One line per key where the roll-up and the source differ. */
  drift: () => Promise<string[]>;
};

async function diff<T extends { count: number; amountMinor?: bigint }>(rolled: Promise<T[]>, source: Promise<T[]>, keyOf: (r: T) => string) {
  const [a, b] = await Promise.all([rolled, source]);
  return diffFigureRows(a, b, keyOf);
}

export const FIGURES_KEPT_ON_WRITE: readonly FigureKeptOnWrite[] = [
  {
    name: "unapplied cash", fold: foldUnappliedCash, rebuild: rebuildUnappliedCash,
    drift: () => diff(getUnappliedCash(), getUnappliedCashFromReceipts(), (r) => `unapplied cash ${r.entity} ${r.currency} ${r.valueDate}`),
  },
  {
    name: "unreconciled bank lines", fold: foldUnreconciledBankLines, rebuild: rebuildUnreconciledBankLines,
    drift: () => diff(getUnreconciledBankLines(), getUnreconciledBankLinesFromLines(), (r) => `unreconciled bank lines ${r.bankAccountId} ${r.valueDate}`),
  },
  {
    name: "GL balances", fold: foldGlBalances, rebuild: rebuildGlBalances,
    drift: () => diff(getGlBalances(), getGlBalancesFromJournal(), (r) => `GL balance ${r.entityId} ${r.currency} ${r.account}`),
  },
  {
    name: "receipt arrivals", fold: foldReceiptArrivals, rebuild: rebuildReceiptArrivals,
    drift: () => diff(getReceiptArrivals(), getReceiptArrivalsFromReceipts(), (r) => `receipt arrivals ${r.day} ${r.category} ${r.currency}`),
  },
  {
    name: "posting-latency histogram", fold: foldPostingLatencyHistogram, rebuild: rebuildPostingLatencyHistogram,
    drift: () => diff(getPostingLatencyHistogram(), getPostingLatencyHistogramFromReceipts(), (r) => `posting latency ${r.day} ${r.channel} bucket ${r.bucket}`),
  },
  {
    name: "resolution-time histogram", fold: foldResolutionTimeHistogram, rebuild: rebuildResolutionTimeHistogram,
    drift: () => diff(getResolutionTimeHistogram(), getResolutionTimeHistogramFromCases(), (r) => `resolution time ${r.day} ${r.dimension} ${r.key} bucket ${r.bucket}`),
  },
  {
    name: "exception case counts", fold: foldExceptionCaseCounts, rebuild: rebuildExceptionCaseCounts,
    drift: () => diff(getExceptionCaseCounts(), getExceptionCaseCountsFromCases(), (r) => `exception cases ${r.kind} ${r.key}`),
  },
];

/** Folds each figure's movements into its roll-up (the worker's `figures.fold`, every 15 s). */
export async function foldFiguresKeptOnWrite(): Promise<void> {
  for (const f of FIGURES_KEPT_ON_WRITE) await f.fold();
}

/** Recomputes each figure from its source, one after the other (writers to each source wait while it runs). */
export async function rebuildFiguresKeptOnWrite(): Promise<{ name: string; keys: number }[]> {
  const out: { name: string; keys: number }[] = [];
  for (const f of FIGURES_KEPT_ON_WRITE) out.push({ name: f.name, keys: (await f.rebuild()).keys });
  return out;
}
