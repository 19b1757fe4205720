// GET /api/v1/forecast/backtest: how the forecast did over the last 8 complete weeks (backtest.ts), per entity
// and currency.
import { fromMinor } from "../money/money.ts";
import { backtestForecast } from "./backtest.ts";
import { dayOf, isoDay } from "./days.ts";
import { cached } from "./forecast-cache.ts";
import type { BacktestView, ForecastQuery } from "./forecast-schemas.ts";
import { loadForecastFacts, resolveForecastScope } from "./load-forecast-facts.ts";

const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

export function getForecastBacktest(q: ForecastQuery, now = new Date()): Promise<BacktestView> {
  return cached(`backtest:${q.entity ?? ""}:${q.currency ?? ""}`, async () => {
    const { entityId, entity, currency } = await resolveForecastScope(q);
    const facts = await loadForecastFacts(entityId, currency);
    const b = backtestForecast(facts, dayOf(now), { sims: 100 });
    const m = (v: bigint) => fromMinor(v, currency);
    return {
      entity, currency, asOf: now.toISOString(),
      weeks: b.weeks.map((w) => ({
        from: isoDay(w.fromDay), to: isoDay(w.toDay), forecast: m(w.forecast), p10: m(w.p10), p50: m(w.p50), p90: m(w.p90), actual: m(w.actual),
        ape: round(w.ape), bias: round(w.bias), withinBand: w.withinBand, invoices: w.invoices,
      })),
      mape: round(b.mape), bias: round(b.bias), withinBand: b.withinBand, weeksScored: b.weeks.filter((w) => w.ape !== null).length,
    };
  }, now.getTime());
}
