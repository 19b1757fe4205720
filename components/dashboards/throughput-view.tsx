"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { AutoMatchRate } from "@/lib/dashboards/get-auto-match-rate.ts";
import type { ExceptionResolution } from "@/lib/dashboards/get-exception-resolution.ts";
import { formatCount, formatPercent, formatSeconds, shortDate } from "../format.ts";
import { Empty, LiveStatus, Loading } from "../live/live-status.tsx";
import { replaceSearch, useLiveQuery, type Initial } from "../live/use-live-query.ts";
import { ChartFigure, legendText } from "./chart-figure.tsx";
import { PeriodPicker } from "./period-picker.tsx";
import { daysParam } from "@/lib/dashboards/period.ts";

export function ThroughputView({ initialResolution, initialRate, initialDays }: { initialResolution: Initial<ExceptionResolution>; initialRate: Initial<AutoMatchRate>; initialDays: number }) {
  const [days, setDays] = useState(initialDays);
  const params = { days: daysParam(days) };
  useEffect(() => replaceSearch(params), [days]); // eslint-disable-line react-hooks/exhaustive-deps
  const res = useLiveQuery<ExceptionResolution>("/api/v1/dashboards/exception-resolution", params, initialResolution);
  const rate = useLiveQuery<AutoMatchRate>("/api/v1/dashboards/auto-match-rate", params, initialRate);
  const r = res.data;
  const a = rate.data;
  return (
    <>
      <div className="page-head">
        <h1>Exceptions &amp; auto-match</h1>
        <LiveStatus updatedAt={Math.min(res.dataUpdatedAt, rate.dataUpdatedAt)} fetching={res.isFetching || rate.isFetching} error={res.error ?? rate.error} />
      </div>
      <form className="toolbar" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
        <PeriodPicker days={days} onChange={setDays} />
      </form>
      <p className="note">
        Auto-match rate = receipts the engine applied on its own ÷ receipts received that day (returned payments and duplicates left out). Resolution time runs from a case’s creation to its resolution.
      </p>
      {!r || !a ? ((res.isError || rate.isError) ? <div className="error" role="alert">Could not load: {(res.error ?? rate.error)?.message}</div> : <Loading what="throughput" />) : (
        <div className={res.isPlaceholderData || rate.isPlaceholderData ? "busy-fade" : ""}>
          <div className="kpis" data-testid="throughput-kpis">
            <div className="kpi"><div className="label">Auto-match rate</div><div className="value">{formatPercent(a.total.autoMatchRate)}</div><div className="sub">{formatCount(a.total.engine)} of {formatCount(a.total.received)} receipts</div></div>
            <div className="kpi"><div className="label">Applied by people</div><div className="value">{formatCount(a.total.manual)}</div><div className="sub">{formatPercent(a.total.received ? a.total.manual / a.total.received : null)}</div></div>
            <div className="kpi"><div className="label">Still in exceptions</div><div className="value">{formatCount(a.total.exception)}</div><div className="sub">of receipts in the period</div></div>
            <div className="kpi"><div className="label">Cases resolved</div><div className="value">{formatCount(r.overall.resolved)}</div><div className="sub">{formatCount(r.overall.created)} created</div></div>
            <div className="kpi"><div className="label">Resolution p50 / p90</div><div className="value">{formatSeconds(r.overall.p50Seconds)}</div><div className="sub">p90 {formatSeconds(r.overall.p90Seconds)}</div></div>
            <div className="kpi"><div className="label">Open cases</div><div className="value">{formatCount(r.overall.open)}</div><div className="sub"><Link href="/exceptions">work queue</Link></div></div>
          </div>
          <div className="layout-2e">
            <ChartFigure
              title="Who applied each day's receipts"
              summary={a.daily.filter((d) => d.received).map((d) => `${d.date}: ${d.received} received, ${d.engine} by the engine (${formatPercent(d.autoMatchRate)}), ${d.manual} by people, ${d.exception} in exceptions, ${d.pending} pending`).join("; ") || "No receipts"}
              table={<RateTable rows={a.daily} />}
            >
              <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 220 }}>
                <ComposedChart data={a.daily.map((d) => ({ ...d, day: shortDate(d.date), rate: d.autoMatchRate === null ? null : Math.round(d.autoMatchRate * 1000) / 10 }))} margin={{ top: 8, right: 0, bottom: 0, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={12} />
                  <YAxis yAxisId="n" tick={{ fontSize: 11 }} width={40} />
                  <YAxis yAxisId="pct" orientation="right" domain={[0, 100]} unit="%" tick={{ fontSize: 11 }} width={44} />
                  <Tooltip />
                  <Legend wrapperStyle={{ fontSize: 11 }} formatter={legendText} />
                  <Bar yAxisId="n" dataKey="engine" name="Engine" stackId="a" fill="#16a34a" isAnimationActive={false} />
                  <Bar yAxisId="n" dataKey="manual" name="People" stackId="a" fill="#2563eb" isAnimationActive={false} />
                  <Bar yAxisId="n" dataKey="exception" name="In exceptions" stackId="a" fill="#dc2626" isAnimationActive={false} />
                  <Bar yAxisId="n" dataKey="pending" name="Pending" stackId="a" fill="#cbd5e1" isAnimationActive={false} />
                  <Line yAxisId="pct" dataKey="rate" name="Auto-match %" stroke="#111827" dot={false} strokeWidth={2} isAnimationActive={false} />
                </ComposedChart>
              </ResponsiveContainer>
            </ChartFigure>
            <ChartFigure
              title="Cases created, resolved and time to resolve"
              summary={r.daily.filter((d) => d.created || d.resolved).map((d) => `${d.date}: ${d.created} created, ${d.resolved} resolved, median ${formatSeconds(d.p50Seconds)}`).join("; ") || "No cases"}
              table={<ResolutionTable rows={r.daily} />}
            >
              <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 220 }}>
                <ComposedChart data={r.daily.map((d) => ({ ...d, day: shortDate(d.date), p50h: d.p50Seconds === null ? null : Math.round(d.p50Seconds / 360) / 10 }))} margin={{ top: 8, right: 0, bottom: 0, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={12} />
                  <YAxis yAxisId="n" tick={{ fontSize: 11 }} width={40} />
                  <YAxis yAxisId="h" orientation="right" unit=" h" tick={{ fontSize: 11 }} width={44} />
                  <Tooltip />
                  <Legend wrapperStyle={{ fontSize: 11 }} formatter={legendText} />
                  <Bar yAxisId="n" dataKey="created" name="Created" fill="#f59e0b" isAnimationActive={false} />
                  <Bar yAxisId="n" dataKey="resolved" name="Resolved" fill="#16a34a" isAnimationActive={false} />
                  <Line yAxisId="h" dataKey="p50h" name="Median hours to resolve" stroke="#111827" dot={false} strokeWidth={2} connectNulls={false} isAnimationActive={false} />
                </ComposedChart>
              </ResponsiveContainer>
            </ChartFigure>
          </div>
          <div className="layout-2e">
            <div className="panel">
              <h2>By exception code</h2>
              {r.byCode.length === 0 ? <Empty>No exception cases.</Empty> : (
                <table className="grid" data-testid="resolution-by-code">
                  <thead><tr><th scope="col">Code</th><th scope="col" className="num">Open</th><th scope="col" className="num">Resolved</th><th scope="col" className="num">p50</th><th scope="col" className="num">p90</th></tr></thead>
                  <tbody>{r.byCode.map((c) => (
                    <tr key={c.code}>
                      <th scope="row">{c.open ? <Link href={`/exceptions?code=${c.code}`}>{c.code.replaceAll("_", " ").toLowerCase()}</Link> : c.code.replaceAll("_", " ").toLowerCase()}</th>
                      <td className="num">{formatCount(c.open)}</td><td className="num">{formatCount(c.resolved)}</td><td className="num">{formatSeconds(c.p50Seconds)}</td><td className="num">{formatSeconds(c.p90Seconds)}</td>
                    </tr>
                  ))}</tbody>
                </table>
              )}
            </div>
            <div className="panel">
              <h2>By analyst</h2>
              {r.byAnalyst.length === 0 ? <Empty>No case was resolved or assigned in the period.</Empty> : (
                <table className="grid" data-testid="resolution-by-analyst">
                  <thead><tr><th scope="col">Analyst</th><th scope="col" className="num">Resolved</th><th scope="col" className="num">p50</th><th scope="col" className="num">p90</th><th scope="col" className="num">Open, assigned</th></tr></thead>
                  <tbody>{r.byAnalyst.map((u) => (
                    <tr key={u.userId}><th scope="row">{u.name}</th><td className="num">{formatCount(u.resolved)}</td><td className="num">{formatSeconds(u.p50Seconds)}</td><td className="num">{formatSeconds(u.p90Seconds)}</td><td className="num">{formatCount(u.openAssigned)}</td></tr>
                  ))}</tbody>
                </table>
              )}
            </div>
          </div>
        </div>
      )}
    </>
  );
}

function RateTable({ rows }: { rows: AutoMatchRate["daily"] }) {
  return (
    <table className="grid">
      <thead><tr><th>Day</th><th className="num">Received</th><th className="num">Engine</th><th className="num">People</th><th className="num">Exceptions</th><th className="num">Pending</th><th className="num">Auto-match</th></tr></thead>
      <tbody>{rows.map((d) => <tr key={d.date}><td>{d.date}</td><td className="num">{d.received}</td><td className="num">{d.engine}</td><td className="num">{d.manual}</td><td className="num">{d.exception}</td><td className="num">{d.pending}</td><td className="num">{formatPercent(d.autoMatchRate)}</td></tr>)}</tbody>
    </table>
  );
}

function ResolutionTable({ rows }: { rows: ExceptionResolution["daily"] }) {
  return (
    <table className="grid">
      <thead><tr><th>Day</th><th className="num">Created</th><th className="num">Resolved</th><th className="num">p50</th><th className="num">p90</th></tr></thead>
      <tbody>{rows.map((d) => <tr key={d.date}><td>{d.date}</td><td className="num">{d.created}</td><td className="num">{d.resolved}</td><td className="num">{formatSeconds(d.p50Seconds)}</td><td className="num">{formatSeconds(d.p90Seconds)}</td></tr>)}</tbody>
    </table>
  );
}
