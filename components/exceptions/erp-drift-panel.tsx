"use client";
// ERP_DRIFT: the invoice's open amount in Cashline and in the ERP side by side, what explains them (applications,
// their postings, the ERP's last update), and the two ways out: accept the difference with a reason, or adopt the
// ERP's figure. A re-sync that shows agreement closes the case by itself. The server decides and audits.
import { useState } from "react";
import type { Workspace } from "@/lib/exceptions/workspace-schema.ts";

type Run = (path: string, body: Record<string, unknown>) => Promise<boolean>;
type Drift = {
  invoiceNumber?: string; currency?: string; cashlineOpen?: string; erpOpen?: string; difference?: string; erpLastUpdatedAt?: string | null;
  cashlineApplications?: { id: string; receiptId: string; kind: string; amount: string; appliedAt: string; reversedAt: string | null }[];
  postings?: { journalEntryId: string; receiptId: string | null; status: string; erpDocumentId: string | null; postedAt: string | null }[];
};

export function ErpDriftPanel({ ws, run, pending }: { ws: Workspace; run: Run; pending: boolean }) {
  const c = ws.case!;
  const d = (c.suggestionRaw ?? {}) as Drift;
  const open = !["RESOLVED", "CANCELLED"].includes(c.status);
  const [action, setAction] = useState<"accept" | "adopt">("accept");
  const [reason, setReason] = useState("");
  return (
    <fieldset className="part" data-testid="erp-drift">
      <legend>Cashline vs the ERP · invoice {d.invoiceNumber}</legend>
      <table className="grid">
        <tbody>
          <tr><th scope="row">Open in Cashline</th><td className="num mono">{d.cashlineOpen} {d.currency}</td></tr>
          <tr><th scope="row">Balance due in the ERP</th><td className="num mono">{d.erpOpen} {d.currency}</td></tr>
          <tr><th scope="row">Difference</th><td className="num mono">{d.difference} {d.currency}</td></tr>
          <tr><th scope="row">ERP last update</th><td>{d.erpLastUpdatedAt ?? "unknown"}</td></tr>
        </tbody>
      </table>
      <p className="muted">Applications in Cashline: {(d.cashlineApplications ?? []).length === 0 ? "none" : ""}</p>
      <ul className="apps">
        {(d.cashlineApplications ?? []).map((a) => <li key={a.id}>{a.kind} {a.amount} from receipt <a href={`/payments/${a.receiptId}`}>{a.receiptId}</a> on {a.appliedAt.slice(0, 10)}{a.reversedAt ? `, reversed ${a.reversedAt.slice(0, 10)}` : ""}</li>)}
        {(d.postings ?? []).map((p) => <li key={p.journalEntryId}>posting {p.journalEntryId}: {p.status.toLowerCase()}{p.erpDocumentId ? ` (ERP ${p.erpDocumentId})` : ""}</li>)}
      </ul>
      {open && (
        <form onSubmit={(e) => { e.preventDefault(); void run(`/api/v1/exceptions/${c.id}/erp-drift`, { action, reason }); }}>
          <label className="row"><input type="radio" name="drift-action" checked={action === "accept"} onChange={() => setAction("accept")} /> Accept the difference</label>
          <label className="row"><input type="radio" name="drift-action" checked={action === "adopt"} onChange={() => setAction("adopt")} /> Adopt the ERP&apos;s figure ({d.erpOpen} {d.currency} open)</label>
          <label>Reason<textarea rows={2} required minLength={10} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="erp-drift-reason" /></label>
          <button type="submit" disabled={pending || reason.trim().length < 10}>{action === "accept" ? "Accept difference" : "Adopt ERP figure"}</button>
        </form>
      )}
    </fieldset>
  );
}
