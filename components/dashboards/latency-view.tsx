"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { PostingLatency } from "@/lib/dashboards/get-posting-latency.ts";
import { formatCount, formatDuration, formatMoney, formatUtc, shortDate } from "../format.ts";
import { Empty, LiveStatus, Loading } from "../live/live-status.tsx";
import { replaceSearch, useLiveQuery, type Initial } from "../live/use-live-query.ts";
import { StateChip } from "../state-chip.tsx";
import { ChartFigure, legendText } from "./chart-figure.tsx";
import { PeriodPicker } from "./period-picker.tsx";
import { DASHBOARD_DAYS_DEFAULT, daysParam } from "@/lib/dashboards/period.ts";

const CHANNELS = ["ACH", "WIRE", "CHECK", "CARD", "SEPA", "OTHER"];
type Params = { days?: number; channel?: string };

export function LatencyView({ initial, initialParams }: { initial: Initial<PostingLatency>; initialParams: Params }) {
  const [days, setDays] = useState(initialParams.days ?? DASHBOARD_DAYS_DEFAULT);
  const [channel, setChannel] = useState(initialParams.channel ?? "");
  const params = { days: daysParam(days), channel: channel || undefined };
  useEffect(() => replaceSearch(params), [days, channel]); // eslint-disable-line react-hooks/exhaustive-deps
  const q = useLiveQuery<PostingLatency>("/api/v1/dashboards/posting-latency", params, initial);
  const data = q.data;
  return (
    <>
      <div className="page-head">
        <h1>Payment-to-posting latency</h1>
        <LiveStatus updatedAt={q.dataUpdatedAt} fetching={q.isFetching} error={q.error} />
      </div>
      <form className="toolbar" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
        <PeriodPicker days={days} onChange={setDays} />
        <label>Channel
          <select value={channel} onChange={(e) => setChannel(e.target.value)}>
            <option value="">All channels</option>
            {CHANNELS.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </label>
      </form>
      <p className="note">From the moment Cashline learns of the money (webhook or statement line) to the ERP’s acknowledgement of the posting, by day of posting (UTC).</p>
      {!data ? (q.isError ? <div className="error" role="alert">Could not load latency: {q.error?.message}</div> : <Loading what="latency" />) : (
        <div className={q.isPlaceholderData ? "busy-fade" : ""} aria-busy={q.isPlaceholderData}>
          <div className="kpis" data-testid="latency-kpis">
            <div className="kpi"><div className="label">Posted</div><div className="value">{formatCount(data.overall.count)}</div><div className="sub">{data.from} – {data.to}</div></div>
            <div className="kpi"><div className="label">p50</div><div className="value">{formatDuration(data.overall.p50Ms)}</div></div>
            <div className="kpi"><div className="label">p95</div><div className="value">{formatDuration(data.overall.p95Ms)}</div></div>
            <div className="kpi"><div className="label">p99</div><div className="value">{formatDuration(data.overall.p99Ms)}</div></div>
            <div className="kpi"><div className="label">Waiting to post</div><div className="value">{formatCount(data.waiting.total)}</div><div className="sub">not yet acknowledged</div></div>
          </div>
          <div className="layout-2">
            <ChartFigure
              title="Latency percentiles per day (log scale)"
              summary={data.daily.filter((d) => d.count).map((d) => `${d.date}: p50 ${formatDuration(d.p50Ms)}, p95 ${formatDuration(d.p95Ms)}, p99 ${formatDuration(d.p99Ms)}`).join("; ") || "No postings in the period"}
              table={<DailyTable rows={data.daily} />}
            >
              <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 220 }}>
                <LineChart data={data.daily.map((d) => ({ ...d, day: shortDate(d.date), p50: forLog(d.p50Ms), p95: forLog(d.p95Ms), p99: forLog(d.p99Ms) }))} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={12} />
                  {/* Log scale: one slow day (a 2-day ERP outage) must not flatten every other day to the floor. */}
                  <YAxis tick={{ fontSize: 11 }} width={76} scale="log" domain={["auto", "auto"]} allowDataOverflow tickFormatter={(v) => formatDuration(Number(v))} />
                  <Tooltip formatter={(v) => (v === null ? "—" : formatDuration(Number(v)))} />
                  <Legend wrapperStyle={{ fontSize: 11 }} formatter={legendText} />
                  <Line dataKey="p50" name="p50" stroke="#16a34a" dot={false} strokeWidth={2} connectNulls={false} isAnimationActive={false} />
                  <Line dataKey="p95" name="p95" stroke="#d97706" dot={false} strokeWidth={2} connectNulls={false} isAnimationActive={false} />
                  <Line dataKey="p99" name="p99" stroke="#b91c1c" dot={false} strokeWidth={2} connectNulls={false} isAnimationActive={false} />
                </LineChart>
              </ResponsiveContainer>
            </ChartFigure>
            <div className="panel">
              <h2>By channel</h2>
              {data.byChannel.length === 0 ? <Empty>Nothing posted in the period.</Empty> : (
                <table className="grid" data-testid="latency-by-channel">
                  <thead><tr><th scope="col">Channel</th><th scope="col" className="num">Posted</th><th scope="col" className="num">p50</th><th scope="col" className="num">p95</th><th scope="col" className="num">p99</th></tr></thead>
                  <tbody>{data.byChannel.map((c) => (
                    <tr key={c.channel}><th scope="row">{c.channel}</th><td className="num">{formatCount(c.count)}</td><td className="num">{formatDuration(c.p50Ms)}</td><td className="num">{formatDuration(c.p95Ms)}</td><td className="num">{formatDuration(c.p99Ms)}</td></tr>
                  ))}</tbody>
                </table>
              )}
            </div>
          </div>
          <div className="panel">
            <div className="panel-head">
              <h2>Waiting longest to post</h2>
              <span className="muted">{formatCount(data.waiting.total)} receipts not yet posted (returned payments and duplicates excluded) · oldest first</span>
            </div>
            {data.waiting.oldest.length === 0 ? <Empty>Nothing is waiting: every receipt is posted.</Empty> : (
              <div className="scroll-x">
                <table className="grid" data-testid="latency-waiting">
                  <thead><tr><th scope="col">Received (UTC)</th><th scope="col" className="num">Waiting</th><th scope="col">Entity</th><th scope="col">Payer</th><th scope="col" className="num">Amount</th><th scope="col">Channel</th><th scope="col">State</th><th scope="col">Next step</th></tr></thead>
                  <tbody>{data.waiting.oldest.map((r) => (
                    <tr key={r.id}>
                      <td>{formatUtc(r.receivedAt, false, false)}</td><td className="num">{formatDuration(r.waitingMinutes * 60_000)}</td><td>{r.entity}</td>
                      <td>{r.bankReference ? <Link href={`/payments/${r.id}`}>{r.payerName ?? r.bankReference}</Link> : (r.payerName ?? "—")}</td>
                      <td className="num">{formatMoney(r.amount, r.currency)}</td><td>{r.channel}</td><td><StateChip value={r.state} /></td>
                      <td><strong style={{ fontWeight: 500 }}>{r.owner}</strong><span className="sub">{r.waitingFor}</span></td>
                    </tr>
                  ))}</tbody>
                </table>
              </div>
            )}
          </div>
        </div>
      )}
    </>
  );
}

/** A log axis has no zero: a posting acknowledged within the same millisecond is drawn at 1 ms. */
function forLog(ms: number | null): number | null {
  return ms === null ? null : Math.max(1, ms);
}

function DailyTable({ rows }: { rows: PostingLatency["daily"] }) {
  return (
    <table className="grid">
      <thead><tr><th>Day</th><th className="num">Posted</th><th className="num">p50</th><th className="num">p95</th><th className="num">p99</th></tr></thead>
      <tbody>{rows.map((d) => <tr key={d.date}><td>{d.date}</td><td className="num">{d.count}</td><td className="num">{formatDuration(d.p50Ms)}</td><td className="num">{formatDuration(d.p95Ms)}</td><td className="num">{formatDuration(d.p99Ms)}</td></tr>)}</tbody>
    </table>
  );
}
