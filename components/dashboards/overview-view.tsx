"use client";
// The morning glance: one card per dashboard with its headline figures, each linking to the full dashboard.
import Link from "next/link";
import type { AutoMatchRate } from "@/lib/dashboards/get-auto-match-rate.ts";
import type { ExceptionResolution } from "@/lib/dashboards/get-exception-resolution.ts";
import type { PostingLatency } from "@/lib/dashboards/get-posting-latency.ts";
import type { UnappliedAging } from "@/lib/dashboards/get-unapplied-aging.ts";
import { chartNumber, formatMoney, formatCount, formatDuration, formatPercent, formatSeconds } from "../format.ts";
import { Sparkline } from "./sparkline.tsx";
import { LiveStatus } from "../live/live-status.tsx";
import { replaceSearch, useLiveQuery, type Initial } from "../live/use-live-query.ts";
import { PeriodPicker } from "./period-picker.tsx";

/** Says what the figure counts (lib/figures/unapplied-cash.ts): the home page shows the same number. */
const UNAPPLIED_CASH_NOTE = "Returned payments and duplicates are left out: they are not cash anyone can apply. Same figure as the home page.";
import { daysParam } from "@/lib/dashboards/period.ts";
import { useEffect, useState } from "react";

export type OverviewInitial = { aging: Initial<UnappliedAging>; latency: Initial<PostingLatency>; resolution: Initial<ExceptionResolution>; rate: Initial<AutoMatchRate> };

export function OverviewView({ initial, initialDays }: { initial: OverviewInitial; initialDays: number }) {
  const [days, setDays] = useState(initialDays);
  const params = { days: daysParam(days) };
  useEffect(() => replaceSearch(params), [days]); // eslint-disable-line react-hooks/exhaustive-deps
  const aging = useLiveQuery<UnappliedAging>("/api/v1/dashboards/unapplied-aging", params, initial.aging);
  const latency = useLiveQuery<PostingLatency>("/api/v1/dashboards/posting-latency", params, initial.latency);
  const resolution = useLiveQuery<ExceptionResolution>("/api/v1/dashboards/exception-resolution", params, initial.resolution);
  const rate = useLiveQuery<AutoMatchRate>("/api/v1/dashboards/auto-match-rate", params, initial.rate);
  const all = [aging, latency, resolution, rate];
  return (
    <>
      <div className="page-head">
        <h1>Dashboards</h1>
        <PeriodPicker days={days} onChange={setDays} />
        <LiveStatus updatedAt={Math.min(...all.map((q) => q.dataUpdatedAt))} fetching={all.some((q) => q.isFetching)} error={all.find((q) => q.error)?.error ?? null} />
      </div>
      <div className="layout-2e">
        <section className="panel" aria-labelledby="ov-aging">
          <div className="panel-head"><h2 id="ov-aging">Unapplied cash</h2><Link href="/dashboards/aging">Aging →</Link></div>
          {aging.data && aging.data.totals.length === 0 && <p className="muted">No unapplied cash.</p>}
          <p className="note">{UNAPPLIED_CASH_NOTE}</p>
          {aging.data && aging.data.totals.length > 0 && (
            <table className="grid" data-testid="overview-aging">
              <thead><tr><th scope="col">Currency</th><th scope="col" className="num">Unapplied</th><th scope="col" className="num">Receipts</th><th scope="col" className="num">Over 30 days</th><th scope="col">Last {days} days</th></tr></thead>
              <tbody>{aging.data.totals.map((t) => {
                const over = t.buckets.slice(3);
                const trend = aging.data!.trend.filter((p) => p.currency === t.currency).map((p) => chartNumber(p.amount));
                return <tr key={t.currency}><th scope="row">{t.currency}</th><td className="num">{formatMoney(t.total.amount, t.currency)}</td><td className="num">{formatCount(t.total.count)}</td><td className="num">{formatCount(over.reduce((s, b) => s + b.count, 0))}</td><td><Sparkline values={trend} /></td></tr>;
              })}</tbody>
            </table>
          )}
        </section>
        <section className="panel" aria-labelledby="ov-latency">
          <div className="panel-head"><h2 id="ov-latency">Payment to posting, last {days} days</h2><Link href="/dashboards/latency">Latency →</Link></div>
          {latency.data && (
            <div className="stats">
              <div className="kpi"><div className="label">p50</div><div className="value">{formatDuration(latency.data.overall.p50Ms)}</div></div>
              <div className="kpi"><div className="label">p95</div><div className="value">{formatDuration(latency.data.overall.p95Ms)}</div></div>
              <div className="kpi"><div className="label">Posted</div><div className="value">{formatCount(latency.data.overall.count)}</div></div>
              <div className="kpi"><div className="label">Waiting</div><div className="value">{formatCount(latency.data.waiting.total)}</div><div className="sub">oldest {latency.data.waiting.oldest[0] ? formatDuration(latency.data.waiting.oldest[0].waitingMinutes * 60_000) : "—"}</div></div>
            </div>
          )}
          {latency.data && latency.data.byChannel.length > 0 && (
            <div className="muted" style={{ marginTop: 6, fontSize: 12 }}>
              p95 by channel: {latency.data.byChannel.map((c) => `${c.channel} ${formatDuration(c.p95Ms)}`).join(" · ")}
            </div>
          )}
        </section>
        <section className="panel" aria-labelledby="ov-rate">
          <div className="panel-head"><h2 id="ov-rate">Auto-match, last {days} days</h2><Link href="/dashboards/exceptions">Exceptions &amp; auto-match →</Link></div>
          {rate.data && (
            <div className="stats">
              <div className="kpi"><div className="label">Auto-match rate</div><div className="value">{formatPercent(rate.data.total.autoMatchRate)}</div></div>
              <div className="kpi"><div className="label">Engine</div><div className="value">{formatCount(rate.data.total.engine)}</div></div>
              <div className="kpi"><div className="label">People</div><div className="value">{formatCount(rate.data.total.manual)}</div></div>
              <div className="kpi"><div className="label">In exceptions</div><div className="value">{formatCount(rate.data.total.exception)}</div></div>
            </div>
          )}
          {rate.data && (
            <div className="muted" style={{ marginTop: 6, fontSize: 12 }}>
              Daily auto-match rate <Sparkline values={rate.data.daily.map((d) => d.autoMatchRate ?? 0)} width={160} color="#16a34a" />{" "}
              {(() => {
                const rates = rate.data.daily.flatMap((d) => (d.autoMatchRate === null ? [] : [d.autoMatchRate]));
                return rates.length ? `low ${formatPercent(Math.min(...rates), 0)} · high ${formatPercent(Math.max(...rates), 0)} · today ${formatPercent(rates.at(-1), 0)}` : "";
              })()}
            </div>
          )}
        </section>
        <section className="panel" aria-labelledby="ov-res">
          <div className="panel-head"><h2 id="ov-res">Exception resolution, last {days} days</h2><Link href="/dashboards/exceptions">Exceptions &amp; auto-match →</Link></div>
          {resolution.data && (
            <div className="stats">
              <div className="kpi"><div className="label">Resolved</div><div className="value">{formatCount(resolution.data.overall.resolved)}</div></div>
              <div className="kpi"><div className="label">Median time</div><div className="value">{formatSeconds(resolution.data.overall.p50Seconds)}</div></div>
              <div className="kpi"><div className="label">p90 time</div><div className="value">{formatSeconds(resolution.data.overall.p90Seconds)}</div></div>
              <div className="kpi"><div className="label">Open now</div><div className="value">{formatCount(resolution.data.overall.open)}</div></div>
            </div>
          )}
        </section>
      </div>
    </>
  );
}
