"use client";
// Payer identities proposed from analysts' manual applications wait here, per entity, until a controller gathers
// them into one learned-payers draft (backtested and approved like a rule change). Nothing counts before that.
import { useRouter } from "next/navigation";
import { useState } from "react";

export type Proposal = { id: string; entity: string; customerName: string; payerName: string | null; payerAccount: string | null; proposedBy: string | null; proposedAt: string };

export function LearnedPayerProposals({ items, canDraft }: { items: Proposal[]; canDraft: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const entities = [...new Set(items.map((p) => p.entity))];
  async function draft(entity: string) {
    const res = await fetch("/api/v1/learned-payer-drafts", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ entity, reason: `learned payers proposed by analysts (${entity})` }) });
    const out = await res.json().catch(() => ({}));
    if (!res.ok) return setError(out.detail ?? `HTTP ${res.status}`);
    setError(null);
    router.refresh();
  }
  return (
    <section className="card" style={{ marginBottom: 12 }} data-testid="learned-payer-proposals">
      <h2 style={{ marginTop: 0 }}>Proposed payer identities</h2>
      <p className="muted">From analysts&apos; manual applications. They count for matching only after a learned-payers draft with them is backtested and approved.</p>
      {items.length === 0 ? <div className="empty">None waiting.</div> : (
        <table className="grid">
          <thead><tr><th>Entity</th><th>Payer</th><th>Customer</th><th>Proposed by</th></tr></thead>
          <tbody>{items.map((p) => <tr key={p.id}><td>{p.entity}</td><td>{p.payerName ?? ""}{p.payerAccount ? <span className="mono"> ({p.payerAccount})</span> : null}</td><td>{p.customerName}</td><td>{p.proposedBy ?? "?"} · {p.proposedAt.slice(0, 10)}</td></tr>)}</tbody>
        </table>
      )}
      {canDraft && entities.map((e) => <button key={e} type="button" onClick={() => draft(e)}>Draft {e}&apos;s proposals for approval</button>)}
      {error && <div className="error" role="alert">{error}</div>}
    </section>
  );
}
