"use client";
// The 13-week cash forecast of one entity and currency: the P10–P90 band with the P50 line and the expected
// value per week, the customers who drive each week, and how the forecast did over the last 8 weeks.
import { useState } from "react";
import type { BacktestView, ForecastView as Forecast } from "@/lib/forecast/forecast-schemas.ts";
import { formatAmount, formatPercent } from "../format.ts";
import { LiveStatus, Loading } from "../live/live-status.tsx";
import { replaceSearch, useLiveQuery, type Initial } from "../live/use-live-query.ts";
import { BacktestTable } from "./backtest-table.tsx";
import { ForecastChart } from "./forecast-chart.tsx";
import { DriversTable } from "./drivers-table.tsx";

type Params = { entity?: string; currency?: string };

export function ForecastView({ initialParams, forecast, backtest }: { initialParams: Params; forecast: Initial<Forecast>; backtest: Initial<BacktestView> }) {
  const [params, setParams] = useState<Params>(initialParams);
  const f = useLiveQuery<Forecast>("/api/v1/forecast", params, forecast);
  const b = useLiveQuery<BacktestView>("/api/v1/forecast/backtest", params, backtest);
  const data = f.data;
  const choose = (value: string) => {
    const [entity, currency] = value.split(":");
    const next = { entity, currency };
    setParams(next);
    replaceSearch(next);
  };
  return (
    <>
      <div className="page-head">
        <h1>Cash forecast</h1>
        <LiveStatus updatedAt={f.dataUpdatedAt} fetching={f.isFetching || b.isFetching} error={f.error ?? b.error} />
      </div>
      {!data ? (f.isError ? <div className="error" role="alert">Could not load the forecast: {f.error?.message}</div> : <Loading what="the forecast" />) : (
        <>
          <form className="toolbar" onSubmit={(e) => e.preventDefault()} aria-label="Entity and currency">
            <label>Entity and currency
              <select value={`${data.entity}:${data.currency}`} onChange={(e) => choose(e.target.value)} data-testid="forecast-scope">
                {data.options.map((o) => <option key={`${o.entity}:${o.currency}`} value={`${o.entity}:${o.currency}`}>{o.entity} — {o.name} · {o.currency}</option>)}
                {!data.options.some((o) => o.entity === data.entity && o.currency === data.currency) && <option value={`${data.entity}:${data.currency}`}>{data.entity} · {data.currency}</option>}
              </select>
            </label>
          </form>
          <p className="note">
            Expected receipts from open invoices, using each customer&rsquo;s own days-to-pay and partial-payment habits learned from history (shrunk towards the entity&rsquo;s when a customer has few payments),
            plus processor payouts in transit. Invoices under a chargeback dispute are held back; those with an open deduction or exception count at half. The band is P10–P90 of 400 simulated futures.
          </p>
          <div className="kpis wide" data-testid="forecast-kpis">
            <Kpi label={`Expected, 13 weeks · ${data.currency}`} value={formatAmount(data.totals.expectedInHorizon)} sub={`${data.totals.invoices} open invoices · ${formatAmount(data.totals.open)} open`} />
            <Kpi label="Payouts in transit" value={formatAmount(data.totals.payoutsInTransit)} sub="processor payouts not yet at the bank" />
            <Kpi label="Held back" value={formatAmount(data.totals.heldBack)} sub="disputes, deductions, exceptions" />
            <Kpi label="Later / never" value={formatAmount(data.totals.expectedBeyondHorizon)} sub={`never as cash ${formatAmount(data.totals.expectedUncollected)}`} />
            <BacktestKpi b={b.data} />
          </div>
          <ForecastChart data={data} />
          <DriversTable data={data} />
          <h2>Backtest: the last 8 weeks</h2>
          {b.data ? <BacktestTable data={b.data} /> : b.isError ? <div className="error" role="alert">Could not load the backtest: {b.error?.message}</div> : <Loading what="the backtest" />}
        </>
      )}
    </>
  );
}

function Kpi({ label, value, sub, testId }: { label: string; value: string; sub: string; testId?: string }) {
  return (
    <div className="kpi" data-testid={testId}>
      <div className="label">{label}</div>
      <div className="value">{value}</div>
      <div className="sub">{sub}</div>
    </div>
  );
}

function BacktestKpi({ b }: { b: BacktestView | undefined }) {
  if (!b) return <Kpi label="Backtest error" value="…" sub="computing" />;
  const mape = b.mape === null ? "n/a" : formatPercent(b.mape / 100);
  const bias = b.bias === null ? "n/a" : `${b.bias > 0 ? "+" : ""}${formatPercent(b.bias / 100)}`;
  return <Kpi testId="forecast-backtest-kpi" label="Backtest, last 8 weeks" value={`MAPE ${mape}`} sub={`bias ${bias} · ${b.weeksScored} weeks with cash · ${b.withinBand}/8 inside P10–P90`} />;
}
