"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { UnappliedAging } from "@/lib/dashboards/get-unapplied-aging.ts";
import type { EntityOptions } from "@/lib/entities/list-legal-entities.ts";
import { chartNumber, formatAmount, formatCount, formatMoney, shortDate } from "../format.ts";
import { LiveStatus, Empty, Loading } from "../live/live-status.tsx";
import { replaceSearch, useLiveQuery, type Initial } from "../live/use-live-query.ts";
import { ChartFigure } from "./chart-figure.tsx";
import { PeriodPicker } from "./period-picker.tsx";
import { DASHBOARD_DAYS_DEFAULT, daysParam } from "@/lib/dashboards/period.ts";

type Params = { entity?: string; currency?: string; days?: number };

function drillHref(row: { entity?: string; currency: string }, bucket: { valueFrom: string | null; valueTo: string } | null) {
  const qs = new URLSearchParams({ unapplied: "1", currency: row.currency });
  if (row.entity) qs.set("entity", row.entity);
  if (bucket?.valueFrom) qs.set("valueFrom", bucket.valueFrom);
  if (bucket) qs.set("valueTo", bucket.valueTo);
  return `/payments?${qs}`;
}

export function AgingView({ initial, initialParams, options }: { initial: Initial<UnappliedAging>; initialParams: Params; options: EntityOptions }) {
  const [entity, setEntity] = useState(initialParams.entity ?? "");
  const [currency, setCurrency] = useState(initialParams.currency ?? "");
  const [days, setDays] = useState(initialParams.days ?? DASHBOARD_DAYS_DEFAULT);
  const params = { entity: entity || undefined, currency: currency || undefined, days: daysParam(days) };
  useEffect(() => replaceSearch(params), [entity, currency, days]); // eslint-disable-line react-hooks/exhaustive-deps
  const q = useLiveQuery<UnappliedAging>("/api/v1/dashboards/unapplied-aging", params, initial);
  const data = q.data;
  const currencies = data ? [...new Set([...data.totals.map((t) => t.currency), ...data.trend.map((t) => t.currency)])].sort() : [];
  const [chartCurrency, setChartCurrency] = useState<string>("");
  const shownCurrency = currency || (currencies.includes(chartCurrency) ? chartCurrency : currencies[0] ?? "");

  return (
    <>
      <div className="page-head">
        <h1>Unapplied cash aging</h1>
        <LiveStatus updatedAt={q.dataUpdatedAt} fetching={q.isFetching} error={q.error} />
      </div>
      <form className="toolbar" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
        <label>Entity
          <select value={entity} onChange={(e) => setEntity(e.target.value)}>
            <option value="">All entities</option>
            {options.entities.map((e) => <option key={e.code} value={e.code}>{e.code} — {e.name}</option>)}
          </select>
        </label>
        <label>Currency
          <select value={currency} onChange={(e) => setCurrency(e.target.value)}>
            <option value="">All currencies</option>
            {options.currencies.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </label>
        <PeriodPicker days={days} onChange={setDays} />
      </form>
      <p className="note">
        Age counted in days from the <strong>value date</strong> (when the money was at the bank). Returned payments and duplicates are not cash to apply and are left out.
        Amounts link to the receipts behind them.
      </p>
      {!data ? (q.isError ? <div className="error" role="alert">Could not load the aging: {q.error?.message}</div> : <Loading what="unapplied cash" />) : (
        <div className={q.isPlaceholderData ? "busy-fade" : ""} aria-busy={q.isPlaceholderData}>
          <div className="kpis" data-testid="aging-kpis">
            {data.totals.length === 0 && <div className="kpi"><div className="label">Unapplied cash</div><div className="value">none</div></div>}
            {data.totals.map((t) => {
              const over30 = t.buckets.slice(3).reduce((s, b) => s + b.count, 0);
              return (
                <div className="kpi" key={t.currency}>
                  <div className="label">Unapplied {t.currency}</div>
                  <div className="value">{formatAmount(t.total.amount)}</div>
                  <div className="sub">{formatCount(t.total.count)} receipts · {formatCount(over30)} over 30 days</div>
                </div>
              );
            })}
          </div>
          {data.rows.length === 0 ? (
            <Empty>No unapplied cash{entity || currency ? " for these filters" : ""}: every receipt is applied.</Empty>
          ) : (
            <div className="scroll-x">
              <table className="grid" data-testid="aging-table">
                <caption className="sr-only">Unapplied cash by entity, currency and age bucket</caption>
                <thead>
                  <tr><th scope="col">Entity</th><th scope="col">Currency</th>
                    {data.buckets.map((b) => <th scope="col" key={b.key} className="num">{b.label}</th>)}
                    <th scope="col" className="num">Total</th></tr>
                </thead>
                <tbody>
                  {data.rows.map((r) => (
                    <tr key={`${r.entity}-${r.currency}`}>
                      <th scope="row">{r.entity}</th><td>{r.currency}</td>
                      {r.buckets.map((c, i) => (
                        <td key={data.buckets[i]!.key} className="num">
                          {c.count === 0 ? <span className="muted">—</span> : (
                            <Link href={drillHref(r, data.buckets[i]!)} aria-label={`${r.entity} ${r.currency} ${data.buckets[i]!.label}: ${formatAmount(c.amount)} in ${c.count} receipts`}>
                              {formatAmount(c.amount)}
                            </Link>
                          )}
                          <span className="sub">{c.count ? `${formatCount(c.count)} rcpt` : ""}</span>
                        </td>
                      ))}
                      <td className="num"><Link href={drillHref(r, null)}>{formatAmount(r.total.amount)}</Link><span className="sub">{formatCount(r.total.count)} rcpt</span></td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  {data.totals.filter((t) => data.rows.filter((r) => r.currency === t.currency).length > 1).map((t) => (
                    <tr key={t.currency}>
                      <td>All entities</td><td>{t.currency}</td>
                      {t.buckets.map((c, i) => <td key={i} className="num">{formatAmount(c.amount)}<span className="sub">{formatCount(c.count)} rcpt</span></td>)}
                      <td className="num">{formatAmount(t.total.amount)}<span className="sub">{formatCount(t.total.count)} rcpt</span></td>
                    </tr>
                  ))}
                </tfoot>
              </table>
            </div>
          )}
          {currencies.length > 0 && (
            <>
              <div className="toolbar" style={{ marginTop: 12 }}>
                <label>Charts in
                  <select value={shownCurrency} onChange={(e) => setChartCurrency(e.target.value)} disabled={!!currency}>
                    {currencies.map((c) => <option key={c} value={c}>{c}</option>)}
                  </select>
                </label>
              </div>
              <div className="layout-2e">
                <BucketChart data={data} currency={shownCurrency} />
                <TrendChart data={data} currency={shownCurrency} />
              </div>
            </>
          )}
        </div>
      )}
    </>
  );
}

function BucketChart({ data, currency }: { data: UnappliedAging; currency: string }) {
  const t = data.totals.find((x) => x.currency === currency);
  const points = data.buckets.map((b, i) => ({ bucket: b.label, amount: chartNumber(t?.buckets[i]?.amount ?? "0"), label: t?.buckets[i]?.amount ?? "0", count: t?.buckets[i]?.count ?? 0 }));
  return (
    <ChartFigure
      title={`Unapplied ${currency} by age`}
      summary={points.map((p) => `${p.bucket}: ${formatMoney(p.label, currency)} in ${p.count} receipts`).join("; ")}
      table={<table className="grid"><thead><tr><th>Age</th><th className="num">Amount</th><th className="num">Receipts</th></tr></thead>
        <tbody>{points.map((p) => <tr key={p.bucket}><td>{p.bucket}</td><td className="num">{formatAmount(p.label)}</td><td className="num">{p.count}</td></tr>)}</tbody></table>}
    >
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 220 }}>
        <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="bucket" tick={{ fontSize: 11 }} />
          <YAxis tick={{ fontSize: 11 }} tickFormatter={(v: number) => compact(v)} width={56} />
          <Tooltip formatter={(v) => formatMoney(String(v), currency)} />
          <Bar dataKey="amount" name={`Unapplied ${currency}`} fill="#1d4ed8" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

function TrendChart({ data, currency }: { data: UnappliedAging; currency: string }) {
  const points = data.trend.filter((p) => p.currency === currency).map((p) => ({ date: shortDate(p.date), iso: p.date, amount: chartNumber(p.amount), label: p.amount }));
  const first = points[0];
  const last = points.at(-1);
  return (
    <ChartFigure
      title={`Unapplied ${currency}, end of day`}
      summary={first && last ? `From ${formatMoney(first.label, currency)} on ${first.iso} to ${formatMoney(last.label, currency)} on ${last.iso}` : "No data"}
      table={<table className="grid"><thead><tr><th>Date</th><th className="num">Unapplied</th></tr></thead>
        <tbody>{points.map((p) => <tr key={p.iso}><td>{p.iso}</td><td className="num">{formatAmount(p.label)}</td></tr>)}</tbody></table>}
    >
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 220 }}>
        <LineChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="date" tick={{ fontSize: 11 }} minTickGap={16} />
          <YAxis tick={{ fontSize: 11 }} tickFormatter={(v: number) => compact(v)} width={56} />
          <Tooltip formatter={(v) => formatMoney(String(v), currency)} />
          <Line type="monotone" dataKey="amount" name={`Unapplied ${currency}`} stroke="#1d4ed8" dot={false} strokeWidth={2} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

/** Axis ticks only: 1.2M, 350k. */
export function compact(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `${(v / 1e9).toFixed(1)}B`;
  if (a >= 1e6) return `${(v / 1e6).toFixed(1)}M`;
  if (a >= 1e3) return `${(v / 1e3).toFixed(0)}k`;
  return String(v);
}
