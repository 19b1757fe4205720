"use client";
// The deduction queue and dashboard: open deductions by reason, age and customer, recovery rate, days to resolve;
// each open one decided in place.
import { useState } from "react";
import { apiFetch } from "@/components/ui/api-fetch.ts";
import { DeductionActions } from "./deduction-actions.tsx";
import { formatMoney } from "@/components/format.ts";

export type DeductionRow = {
  id: string; status: string; reason: string; externalCode: string | null; text: string | null; amount: string; currency: string; valid: string; invalid: string;
  customerId: string | null; customerName: string | null; invoiceNumber: string | null; receiptId: string | null; ownerTeam: string; dueDate: string; ageDays: number;
  pendingApproval: { outcome: string; validAmount: string; note: string } | null;
};
export type Dashboard = {
  openByReason: { reason: string; count: number; amount: string; currency: string }[]; openByAge: { bucket: string; count: number }[];
  openByCustomer: { customerName: string | null; count: number; amount: string; currency: string }[]; resolvedCount: number; recoveryRate: number | null; averageDaysToResolve: number | null;
};

export function DeductionsView({ initial, dashboard }: { initial: DeductionRow[]; dashboard: Dashboard }) {
  const [rows, setRows] = useState(initial);
  const [dash, setDash] = useState(dashboard);
  const [status, setStatus] = useState("OPEN");
  const [message, setMessage] = useState<string | null>(null);
  async function reload(s = status) {
    const [list, d] = await Promise.all([apiFetch<{ items: DeductionRow[] }>(`/api/v1/deductions?status=${s}`), apiFetch<Dashboard>("/api/v1/deductions/dashboard")]);
    setRows(list.items); setDash(d);
  }
  return (
    <>
      <section className="cards" data-testid="deduction-dashboard">
        <div className="card"><h3>Open by reason</h3><ul>{dash.openByReason.map((r) => <li key={r.reason + r.currency}>{r.reason}: {r.count} ({formatMoney(r.amount, r.currency)})</li>)}</ul></div>
        <div className="card"><h3>Open by age (days)</h3><ul>{dash.openByAge.map((b) => <li key={b.bucket}>{b.bucket}: {b.count}</li>)}</ul></div>
        <div className="card"><h3>Top customers</h3><ul>{dash.openByCustomer.map((c, i) => <li key={i}>{c.customerName ?? "unknown"}: {c.count} ({formatMoney(c.amount, c.currency)})</li>)}</ul></div>
        <div className="card"><h3>Resolved</h3>
          <p>{dash.resolvedCount} resolved · recovery rate {dash.recoveryRate === null ? "—" : `${Math.round(dash.recoveryRate * 100)}%`} · {dash.averageDaysToResolve ?? "—"} days to resolve</p>
        </div>
      </section>
      <div className="toolbar">
        <label>Status <select value={status} onChange={(e) => { setStatus(e.target.value); void reload(e.target.value); }}>
          {["OPEN", "VALID", "INVALID", "PARTIAL", "WRITTEN_OFF", "ALL"].map((s) => <option key={s}>{s}</option>)}
        </select></label>
        {message && <span role="status" data-testid="deduction-message">{message}</span>}
      </div>
      <table className="grid" data-testid="deductions-table">
        <thead><tr><th>Customer</th><th>Invoice</th><th>Reason</th><th className="num">Amount</th><th>Team</th><th>Due</th><th className="num">Age</th><th>Status</th><th>Decision</th></tr></thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.id} data-testid={`deduction-${d.invoiceNumber ?? d.id}`}>
              <td>{d.customerName ?? "—"}</td><td>{d.invoiceNumber ?? "—"}{d.receiptId && <> · <a href={`/payments/${d.receiptId}`}>payment</a></>}</td>
              <td title={d.text ?? ""}>{d.reason}{d.externalCode ? ` (${d.externalCode})` : ""}</td><td className="num">{formatMoney(d.amount, d.currency)}</td>
              <td>{d.ownerTeam}</td><td>{d.dueDate}</td><td className="num">{d.ageDays}</td>
              <td>{d.pendingApproval ? `waiting for approval (${d.pendingApproval.outcome} ${d.pendingApproval.validAmount})` : d.status.toLowerCase().replaceAll("_", " ")}</td>
              <td>{d.status === "OPEN" ? <DeductionActions id={d.id} pending={!!d.pendingApproval} onDone={(m) => { setMessage(m); void reload(); }} /> : `credited ${d.valid} · collect ${d.invalid}`}</td>
            </tr>
          ))}
          {rows.length === 0 && <tr><td colSpan={9} className="muted">No deductions here.</td></tr>}
        </tbody>
      </table>
    </>
  );
}
