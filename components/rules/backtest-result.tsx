"use client";
// A backtest's figures side by side (live policy vs draft) and its per-receipt diff: sortable by clicking a header,
// filterable to the draft's wrong postings, exportable as CSV. A draft that would have posted more receipts wrongly
// than the live policy says so first, in red.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { z } from "zod";
import type { backtestRowsResponse, backtestView } from "@/lib/backtest/backtest-schemas.ts";

type Backtest = z.infer<typeof backtestView>;
type Rows = z.infer<typeof backtestRowsResponse>;
type Sort = "arrivedAt" | "amount" | "change" | "customer";

const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(2)} %`);
const money = (m: Record<string, string>) => Object.entries(m).map(([c, v]) => `${v} ${c}`).join(", ") || "0";

export function BacktestResult({ bt }: { bt: Backtest }) {
  const [filter, setFilter] = useState<"changed" | "wrong">("changed");
  const [sort, setSort] = useState<Sort>("arrivedAt");
  const [dir, setDir] = useState<"asc" | "desc">("desc");
  const qs = `filter=${filter}&sort=${sort}&dir=${dir}`;
  const rows = useQuery({
    queryKey: ["backtest-rows", bt.id, qs], enabled: bt.status === "DONE",
    queryFn: async () => { const r = await fetch(`/api/v1/policy-backtests/${bt.id}/rows?${qs}`); if (!r.ok) throw new Error(`HTTP ${r.status}`); return (await r.json()) as Rows; },
  });
  if (bt.status === "FAILED") return <div className="error" role="alert">Backtest failed: {bt.error}</div>;
  if (!bt.summary) return <div className="muted">Backtest running…</div>;
  const s = bt.summary;
  const by = (k: Sort) => () => { if (sort === k) setDir(dir === "asc" ? "desc" : "asc"); else { setSort(k); setDir("desc"); } };
  const arrow = (k: Sort) => (sort === k ? (dir === "asc" ? " ▲" : " ▼") : "");
  return (
    <div data-testid={`backtest-${bt.id}`}>
      {s.moreWrongThanLive && (
        <div className="error" role="alert" data-testid="backtest-red-flag" style={{ fontWeight: 600, border: "1px solid", padding: "6px 8px", borderRadius: 4 }}>
          This draft would have posted {s.extraWrong} more receipt{s.extraWrong === 1 ? "" : "s"} wrongly than the live policy ({s.draft.wrong} against {s.live.wrong}).
        </div>
      )}
      {bt.stale && <div className="chip warn">the live policy changed since: run the backtest again before approving</div>}
      <p className="muted">
        {s.live.receipts.toLocaleString("en")} receipts from {bt.from.slice(0, 10)} to {bt.to.slice(0, 10)}, each decided as of its arrival, against live version {bt.liveVersion};
        run by {bt.startedBy}, {Math.round(s.timing.loadMs + s.timing.replayMs)} ms. {s.changed} change.
      </p>
      <table className="grid" aria-label="Backtest figures">
        <thead><tr><th /><th>Auto-applied</th><th>Automation</th><th>Precision</th><th>Wrong postings</th><th>Exceptions</th><th>Written off</th></tr></thead>
        <tbody>
          {(["live", "draft"] as const).map((side) => (
            <tr key={side} data-testid={`figures-${side}`}>
              <td>{side === "live" ? "Live policy" : "Draft"}</td><td>{s[side].autoApplied}</td><td>{pct(s[side].automation)}</td><td>{pct(s[side].precision)}</td>
              <td className={side === "draft" && s.moreWrongThanLive ? "error-text" : undefined}>{s[side].wrong}</td><td>{s[side].exceptions}</td><td>{money(s[side].writtenOff)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="toolbar">
        <label><span><input type="radio" checked={filter === "changed"} onChange={() => setFilter("changed")} /> receipts that change ({s.changed})</span></label>
        <label><span><input type="radio" checked={filter === "wrong"} onChange={() => setFilter("wrong")} /> the draft&apos;s wrong postings ({s.draftWrongPostingCount})</span></label>
        <a href={`/api/v1/policy-backtests/${bt.id}/rows?${qs}&format=csv`} download>Export CSV</a>
      </div>
      {rows.data && (rows.data.items.length === 0 ? <div className="empty">None.</div> : (
        <table className="grid" data-testid="backtest-diff">
          <thead><tr>
            <th><button type="button" className="link" onClick={by("arrivedAt")}>Arrived{arrow("arrivedAt")}</button></th><th>Receipt</th>
            <th><button type="button" className="link" onClick={by("customer")}>Customer{arrow("customer")}</button></th>
            <th><button type="button" className="link" onClick={by("amount")}>Amount{arrow("amount")}</button></th>
            <th><button type="button" className="link" onClick={by("change")}>Change{arrow("change")}</button></th><th>Live</th><th>Draft</th><th>What happened</th>
          </tr></thead>
          <tbody>
            {rows.data.items.map((r) => (
              <tr key={r.receiptId} className={r.draft.verdict === "wrong" ? "error-text" : undefined}>
                <td>{r.arrivedAt.slice(0, 10)}</td><td className="mono"><a href={`/payments/${r.receiptId}`}>{r.receiptId.slice(-8)}</a></td><td>{r.payerName}</td>
                <td className="num">{r.amount} {r.currency}</td><td>{r.change ?? "same"}</td>
                <td>{r.live.outcome === "applied" ? `applied ${r.live.applications.length} inv.${r.live.writeOff ? ` + write-off ${r.live.writeOff.amount}` : ""}` : r.live.exceptionCode} ({r.live.verdict})</td>
                <td>{r.draft.outcome === "applied" ? `applied ${r.draft.applications.length} inv.${r.draft.writeOff ? ` + write-off ${r.draft.writeOff.amount}` : ""}` : r.draft.exceptionCode} ({r.draft.verdict})</td>
                <td>{r.label}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      {rows.data?.truncated && <div className="muted">First 1,000 of {rows.data.total}: the CSV has them all.</div>}
    </div>
  );
}
