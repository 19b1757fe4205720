"use client";
// Drafts of matching rules and of learned payers: what each changes, its backtest (run it over a window, read the
// figures and the diff), and the second person's decision with a comment. The server enforces everything (author
// cannot approve; approval needs a fresh backtest; hard caps); this offers the buttons.
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { z } from "zod";
import type { policyChangeView } from "@/lib/cash-application/policy-schemas.ts";
import { BacktestResult } from "./backtest-result.tsx";

type Draft = z.infer<typeof policyChangeView>;

async function post(url: string, body: unknown): Promise<{ ok: boolean; detail?: string }> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const out = await res.json().catch(() => ({}));
  return res.ok ? { ok: true } : { ok: false, detail: out.detail ?? `HTTP ${res.status}` };
}

function whatChanges(d: Draft): string {
  if (d.kind === "LEARNED_PAYERS") {
    const add = d.learnedPayers?.add.map((l) => `${l.payerName ?? l.payerAccount} → ${l.customerName}`) ?? [];
    const rev = d.learnedPayers?.revoke.map((l) => `${l.payerName ?? l.payerAccount} ↛ ${l.customerName}`) ?? [];
    return [add.length ? `learn ${add.join(", ")}` : "", rev.length ? `revoke ${rev.join(", ")}` : ""].filter(Boolean).join("; ");
  }
  return JSON.stringify(d.override);
}

function DraftCard({ d, canDecide, viewerId }: { d: Draft; canDecide: boolean; viewerId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const today = new Date().toISOString().slice(0, 10);
  const ninety = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
  const act = async (url: string, body: unknown) => {
    setBusy(true);
    const r = await post(url, body);
    setBusy(false);
    setError(r.ok ? null : r.detail ?? "failed");
    if (r.ok) router.refresh();
  };
  return (
    <article className="card" style={{ marginBottom: 10 }} data-testid={`draft-${d.id}`}>
      <h3 style={{ margin: 0 }}>{d.entity} · {d.kind === "LEARNED_PAYERS" ? "learned payers" : "matching rules"} <span className="chip warn">draft</span></h3>
      <p className="muted">by {d.requestedBy} · {d.requestedAt.slice(0, 16).replace("T", " ")} · “{d.reason}”</p>
      <p><span className="mono">{whatChanges(d)}</span>{d.loosens.length > 0 && <> — <strong>loosens</strong>: {d.loosens.join("; ")}</>}</p>
      {canDecide && (
        <form className="toolbar" onSubmit={(e) => { e.preventDefault(); const f = new FormData(e.currentTarget); void act(`/api/v1/matching-policy-changes/${d.id}/backtest`, { from: f.get("from"), to: f.get("to") }); }}>
          <label>From<input type="date" name="from" defaultValue={ninety} required /></label>
          <label>To<input type="date" name="to" defaultValue={today} required /></label>
          <button type="submit" disabled={busy}>{busy ? "Running…" : d.latestBacktest ? "Run the backtest again" : "Run backtest"}</button>
        </form>
      )}
      {d.latestBacktest ? <BacktestResult bt={d.latestBacktest} /> : <div className="muted">No backtest yet: an approval needs one.</div>}
      {canDecide && (
        <form className="toolbar" onSubmit={(e) => e.preventDefault()}>
          <label>Comment<input name="note" size={40} maxLength={500} id={`note-${d.id}`} /></label>
          {d.requestedById !== viewerId && (
            <button type="button" disabled={busy || !d.latestBacktest || d.latestBacktest.stale}
              onClick={() => act(`/api/v1/matching-policy-changes/${d.id}/approve`, { note: (document.getElementById(`note-${d.id}`) as HTMLInputElement).value || undefined })}>Approve</button>
          )}
          <button type="button" disabled={busy} onClick={() => act(`/api/v1/matching-policy-changes/${d.id}/reject`, { note: (document.getElementById(`note-${d.id}`) as HTMLInputElement).value || undefined })}>
            {d.requestedById === viewerId ? "Withdraw" : "Reject"}
          </button>
        </form>
      )}
      {error && <div className="error" role="alert">{error}</div>}
    </article>
  );
}

export function PolicyDrafts({ drafts, decided, canDecide, viewerId, tolerances }: { drafts: Draft[]; decided: Draft[]; canDecide: boolean; viewerId: string; tolerances: string }) {
  return (
    <section style={{ marginBottom: 12 }} data-testid="policy-drafts">
      <h2>Drafts</h2>
      <p className="muted">Every change is a draft until a second controller or admin approves it after its backtest. Hard caps: {tolerances}.</p>
      {drafts.length === 0 ? <div className="empty">No drafts waiting.</div> : drafts.map((d) => <DraftCard key={d.id} d={d} canDecide={canDecide} viewerId={viewerId} />)}
      {decided.length > 0 && (
        <details>
          <summary>Decided drafts ({decided.length})</summary>
          <table className="grid" data-testid="decided-drafts">
            <thead><tr><th>Entity</th><th>Kind</th><th>Status</th><th>Why</th><th>By</th><th>Decided</th><th>Backtest at approval (draft: wrong / automation)</th><th>Version</th></tr></thead>
            <tbody>
              {decided.map((d) => (
                <tr key={d.id}>
                  <td>{d.entity}</td><td>{d.kind === "LEARNED_PAYERS" ? "learned payers" : "rules"}</td><td>{d.status.toLowerCase()}</td><td>{d.reason}</td>
                  <td>{d.requestedBy} → {d.decidedBy}</td><td>{d.decidedAt?.slice(0, 16).replace("T", " ")}</td>
                  <td>{d.approvedBacktest ? `${d.approvedBacktest.draft.wrong} wrong / ${(d.approvedBacktest.draft.automation * 100).toFixed(1)} %` : "—"}</td><td>{d.version ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  );
}
