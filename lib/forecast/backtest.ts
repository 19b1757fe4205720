// Backtest: for each of the last N complete weeks, forecast from what was known at the week's start and compare
// that forecast's first week with the cash that actually arrived in it against the same invoices and payouts.
// APE = |forecast − actual| / actual (weeks with no actual cash have none and are left out of MAPE);
// bias = (forecast − actual) / actual; overall bias = Σ(forecast − actual) / Σ actual (positive: over-forecast).
import type { ForecastFacts } from "./facts.ts";
import { forecastReceipts } from "./forecast-receipts.ts";
import { actualCash, reconstructAsOf } from "./reconstruct-as-of.ts";
import type { ForecastOptions } from "./types.ts";

export const BACKTEST_WEEKS = 8;

export type BacktestWeek = {
  fromDay: number; toDay: number;
  forecast: bigint; p10: bigint; p50: bigint; p90: bigint; actual: bigint;
  /** Absolute percentage error and signed bias in percent; null when nothing arrived that week. */
  ape: number | null; bias: number | null; withinBand: boolean;
  invoices: number;
};
export type Backtest = { weeks: BacktestWeek[]; mape: number | null; bias: number | null; withinBand: number; forecastTotal: bigint; actualTotal: bigint };

const pct = (num: bigint, den: bigint) => (Number(num) / Number(den)) * 100;

/** `todayDay`: the current day; the last week tested is [today − 7, today − 1]. */
export function backtestForecast(facts: ForecastFacts, todayDay: number, options: ForecastOptions & { weeks?: number } = {}): Backtest {
  const n = options.weeks ?? BACKTEST_WEEKS;
  const weeks: BacktestWeek[] = [];
  for (let k = n; k >= 1; k--) {
    const fromDay = todayDay - 7 * k;
    const input = reconstructAsOf(facts, fromDay);
    const f = forecastReceipts(input, { sims: options.sims ?? 200, seed: options.seed });
    const w = f.weeks[0]!;
    const actual = actualCash(facts, input, fromDay, fromDay + 6);
    weeks.push({
      fromDay, toDay: fromDay + 6, forecast: w.expected, p10: w.p10, p50: w.p50, p90: w.p90, actual,
      ape: actual > 0n ? Math.abs(pct(w.expected - actual, actual)) : null,
      bias: actual > 0n ? pct(w.expected - actual, actual) : null,
      withinBand: actual >= w.p10 && actual <= w.p90,
      invoices: input.invoices.length,
    });
  }
  const scored = weeks.filter((w) => w.ape !== null);
  const forecastTotal = scored.reduce((s, w) => s + w.forecast, 0n);
  const actualTotal = scored.reduce((s, w) => s + w.actual, 0n);
  return {
    weeks,
    mape: scored.length ? scored.reduce((s, w) => s + w.ape!, 0) / scored.length : null,
    bias: actualTotal > 0n ? pct(forecastTotal - actualTotal, actualTotal) : null,
    withinBand: weeks.filter((w) => w.withinBand).length,
    forecastTotal, actualTotal,
  };
}
