"use client";
import { useState } from "react";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { CashPosition } from "@/lib/dashboards/get-cash-position.ts";
import { compact } from "../dashboards/aging-view.tsx";
import { ChartFigure, legendText } from "../dashboards/chart-figure.tsx";
import { chartNumber, formatAmount, formatCount, formatMoney, shortDate } from "../format.ts";
import { Empty, LiveStatus, Loading } from "../live/live-status.tsx";
import { useLiveQuery, type Initial } from "../live/use-live-query.ts";

const COLORS = ["#1d4ed8", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#be123c"];

function Amount({ value, testId }: { value: string | null; testId?: string }) {
  if (value === null) return <span className="muted" data-testid={testId}>—</span>;
  return <span className={value.startsWith("-") ? "neg" : ""} data-testid={testId}>{formatAmount(value)}</span>;
}

export function CashPositionView({ initial }: { initial: Initial<CashPosition> }) {
  const q = useLiveQuery<CashPosition>("/api/v1/dashboards/cash-position", {}, initial);
  const data = q.data;
  return (
    <>
      <div className="page-head">
        <h1>Cash position</h1>
        <LiveStatus updatedAt={q.dataUpdatedAt} fetching={q.isFetching} error={q.error} />
      </div>
      {!data ? (q.isError ? <div className="error" role="alert">Could not load the cash position: {q.error?.message}</div> : <Loading what="the cash position" />) : (
        <>
          <p className="note">
            Today is {data.today} (UTC). Received today counts every receipt since 00:00 UTC, card payments included, duplicates left out (the home page shows the same figure). Closing = the latest bank statement; projected end of day = closing + received today + payouts arriving today.
            ERP = journal lines posted by Cashline to the account’s GL account, so bank − ERP also holds balances from before Cashline and timing differences.
          </p>
          <div className="kpis wide" data-testid="cash-totals">
            {data.totals.filter((t) => t.accounts > 0).map((t) => (
              <div className="kpi" key={t.currency} data-testid={`cash-total-${t.currency}`}>
                <div className="label">{t.currency} · {t.accounts} account{t.accounts === 1 ? "" : "s"}</div>
                <div className="value">{formatAmount(t.projected)}</div>
                <div className="sub">projected end of day</div>
                <div className="sub">closing {formatAmount(t.closingBalance)} · today +{formatAmount(t.receivedToday)}</div>
                <div className="sub">in transit {formatAmount(t.inTransit)} · due this week {formatAmount(t.dueWeek)}</div>
              </div>
            ))}
          </div>
          {data.accounts.length === 0 ? <Empty>No bank accounts are set up yet.</Empty> : (
            <div className="scroll-x">
              <table className="grid" data-testid="cash-table">
                <caption className="sr-only">Cash position per bank account</caption>
                <thead>
                  <tr>
                    <th scope="col">Account</th><th scope="col">Statement</th>
                    <th scope="col" className="num">Closing</th><th scope="col" className="num">Received today</th>
                    <th scope="col" className="num">In transit</th><th scope="col" className="num">Projected EOD</th><th scope="col" className="num">ERP (GL)</th>
                    <th scope="col" className="num">Bank − ERP</th>
                  </tr>
                </thead>
                <tbody>
                  {data.accounts.map((a) => (
                    <tr key={a.id} data-testid={`cash-row-${a.id}`}>
                      <td><strong>{a.name}</strong> <span className="muted">{a.currency}</span><span className="sub" title={a.account}>{a.entity} · {a.bankName} ···{a.account.slice(-4)}</span></td>
                      <td>{a.statementDate ? shortDate(a.statementDate) : "none yet"}{a.statementStale && <span className="sub"><span className="chip warn">stale</span></span>}</td>
                      <td className="num"><Amount value={a.closingBalance} testId="closing" />{a.openingBalance !== null && <span className="sub">opened {formatAmount(a.openingBalance)}</span>}</td>
                      <td className="num"><Amount value={a.receivedToday} testId="received-today" /><span className="sub">{formatCount(a.receivedTodayCount)} rcpt</span></td>
                      <td className="num"><Amount value={a.inTransit} testId="in-transit" />{a.inTransitCount > 0 && <span className="sub">{!/^-?0(\.0+)?$/.test(a.arrivingToday) ? `${formatAmount(a.arrivingToday)} today` : `${a.inTransitCount} payout${a.inTransitCount === 1 ? "" : "s"}`}</span>}</td>
                      <td className="num"><strong><Amount value={a.projected} testId="projected" /></strong></td>
                      <td className="num"><Amount value={a.erpBalance} testId="erp" /><span className="sub">GL {a.glAccount}</span></td>
                      <td className="num"><Amount value={a.bankMinusErp} testId="bank-minus-erp" /></td>
                    </tr>
                  ))}
                  {data.receivedTodayViaProcessor.map((v) => (
                    <tr key={`card-${v.currency}`} data-testid={`cash-card-${v.currency}`}>
                      <td><strong>Card payments</strong> <span className="muted">{v.currency}</span><span className="sub">no bank account until the processor pays out (in transit)</span></td><td />
                      <td className="num">—</td>
                      <td className="num"><Amount value={v.amount} testId="received-today" /><span className="sub">{formatCount(v.count)} rcpt</span></td>
                      <td className="num" colSpan={4} />
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  {data.totals.filter((t) => t.accounts > 0).map((t) => (
                    <tr key={t.currency} data-testid={`cash-foot-${t.currency}`}>
                      <td>Total {t.currency}</td><td />
                      <td className="num"><Amount value={t.closingBalance} /></td><td className="num"><Amount value={t.receivedToday} /></td>
                      <td className="num"><Amount value={t.inTransit} /></td><td className="num"><Amount value={t.projected} /></td><td className="num"><Amount value={t.erpBalance} /></td>
                      <td className="num"><Amount value={t.bankMinusErp} /></td>
                    </tr>
                  ))}
                </tfoot>
              </table>
            </div>
          )}
          <div className="layout-2" style={{ marginTop: 12 }}>
            <BalanceHistory data={data} />
            <div>
              <div className="panel">
                <h2>Customer invoices due</h2>
                {data.invoicesDue.length === 0 ? <Empty>No open invoice falls due in the next 7 days.</Empty> : (
                  <table className="grid" data-testid="invoices-due">
                    <thead><tr><th scope="col">Entity</th><th scope="col">Ccy</th><th scope="col" className="num">Due today</th><th scope="col" className="num">Due in 7 days</th></tr></thead>
                    <tbody>{data.invoicesDue.map((d) => (
                      <tr key={`${d.entity}-${d.currency}`}><th scope="row">{d.entity}</th><td>{d.currency}</td>
                        <td className="num">{formatAmount(d.dueToday)}<span className="sub">{formatCount(d.dueTodayCount)} inv</span></td>
                        <td className="num">{formatAmount(d.dueWeek)}<span className="sub">{formatCount(d.dueWeekCount)} inv</span></td></tr>
                    ))}</tbody>
                  </table>
                )}
              </div>
              <div className="panel" id="unreconciled" tabIndex={-1}>
                <h2>Bank lines not reconciled</h2>
                {data.accounts.every((a) => a.unreconciledCount === 0) ? <p className="muted" style={{ margin: 0 }}>None: every bank line is matched to a receipt.</p> : (
                  <table className="grid" data-testid="unreconciled">
                    <thead><tr><th scope="col">Account</th><th scope="col" className="num">Lines</th><th scope="col" className="num">Amount</th></tr></thead>
                    <tbody>{data.accounts.filter((a) => a.unreconciledCount > 0).map((a) => (
                      <tr key={a.id}><th scope="row">{a.name}</th><td className="num">{formatCount(a.unreconciledCount)}</td><td className="num">{formatMoney(a.unreconciledAmount, a.currency)}</td></tr>
                    ))}</tbody>
                  </table>
                )}
              </div>
              <div className="panel">
                <h2>Processor payouts without a bank account</h2>
                {data.unassignedPayouts.length === 0 ? <p className="muted" style={{ margin: 0 }}>None: every payout in transit names its bank account.</p> : (
                  <table className="grid">
                    <thead><tr><th scope="col">Entity</th><th scope="col" className="num">In transit</th><th scope="col" className="num">Payouts</th></tr></thead>
                    <tbody>{data.unassignedPayouts.map((p) => <tr key={`${p.entity}-${p.currency}`}><th scope="row">{p.entity}</th><td className="num">{formatMoney(p.amount, p.currency)}</td><td className="num">{p.count}</td></tr>)}</tbody>
                  </table>
                )}
              </div>
            </div>
          </div>
        </>
      )}
    </>
  );
}

function BalanceHistory({ data }: { data: CashPosition }) {
  const currencies = [...new Set(data.accounts.map((a) => a.currency))].sort();
  const [currency, setCurrency] = useState(currencies[0] ?? "");
  const accounts = data.accounts.filter((a) => a.currency === currency);
  const dates = [...new Set(data.history.map((h) => h.date))].sort();
  const points = dates.map((date) => {
    const p: Record<string, string | number | null> = { date: shortDate(date), iso: date };
    for (const a of accounts) {
      const h = data.history.find((x) => x.accountId === a.id && x.date === date);
      p[a.id] = h ? chartNumber(h.closing) : null;
    }
    return p;
  });
  if (!currency) return <Empty>No statements yet.</Empty>;
  return (
    <div>
      <div className="toolbar">
        <label>Balance history in
          <select value={currency} onChange={(e) => setCurrency(e.target.value)}>
            {currencies.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </label>
      </div>
      <ChartFigure
        title={`Statement closing balances, ${currency}`}
        summary={accounts.map((a) => `${a.name}: latest closing ${currency} ${a.closingBalance ? formatAmount(a.closingBalance) : "none"}`).join("; ")}
        height={240}
        table={
          <table className="grid">
            <thead><tr><th>Date</th>{accounts.map((a) => <th key={a.id} className="num">{a.name}</th>)}</tr></thead>
            <tbody>{dates.map((d) => <tr key={d}><td>{d}</td>{accounts.map((a) => {
              const h = data.history.find((x) => x.accountId === a.id && x.date === d);
              return <td key={a.id} className="num">{h ? formatAmount(h.closing) : "—"}</td>;
            })}</tr>)}</tbody>
          </table>
        }
      >
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 240 }}>
          <LineChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="date" tick={{ fontSize: 11 }} minTickGap={16} />
            <YAxis tick={{ fontSize: 11 }} tickFormatter={(v: number) => compact(v)} width={56} domain={["auto", "auto"]} />
            <Tooltip formatter={(v) => formatMoney(String(v), currency)} />
            <Legend wrapperStyle={{ fontSize: 11 }} formatter={legendText} />
            {accounts.map((a, i) => <Line key={a.id} dataKey={a.id} name={a.name} stroke={COLORS[i % COLORS.length]} dot={false} strokeWidth={2} connectNulls isAnimationActive={false} />)}
          </LineChart>
        </ResponsiveContainer>
      </ChartFigure>
    </div>
  );
}
