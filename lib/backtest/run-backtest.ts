// One backtest, from any caller (the API, the command line, the benchmark): read the window's past, replay it under
// the live policy and the draft, label and compare. Read-only on the database.
import type { PolicySet } from "../cashapp/policy.ts";
import { loadHistory, type HistoryWindow } from "./load-history.ts";
import { replayBacktest } from "./replay-backtest.ts";
import { labelReceipts } from "./label-receipts.ts";
import { compareBacktest, type BacktestComparison } from "./compare-backtest.ts";
import type { LearnedPayerDelta } from "./history.ts";

export type BacktestRun = BacktestComparison & {
  window: { from: string; to: string; entities: string[] | null };
  timing: { loadMs: number; replayMs: number; receiptsPerSecond: number; historyRows: number };
};

export async function runBacktest(input: { window: HistoryWindow; live: PolicySet; draft: PolicySet; learnedPayers?: LearnedPayerDelta }): Promise<BacktestRun> {
  const t0 = performance.now();
  const history = await loadHistory(input.window);
  const t1 = performance.now();
  const replayed = replayBacktest(history, input.live, input.draft, input.learnedPayers);
  const comparison = compareBacktest(replayed, labelReceipts(history.receipts, history.applications));
  const replayMs = performance.now() - t1;
  return {
    ...comparison,
    window: { from: input.window.from.toISOString(), to: input.window.to.toISOString(), entities: input.window.entities ?? null },
    timing: {
      loadMs: Math.round(t1 - t0), replayMs: Math.round(replayMs),
      receiptsPerSecond: Math.round(history.receipts.length / Math.max(0.001, replayMs / 1000)),
      historyRows: history.receipts.length + history.invoices.length + history.applications.length + history.customers.length + history.learnedPayers.length,
    },
  };
}

/** The summary people read first (no per-receipt rows). */
export function backtestSummary(run: BacktestRun) {
  const { rows: _rows, draftWrongPostings, ...rest } = run;
  return { ...rest, draftWrongPostingCount: draftWrongPostings.length };
}
