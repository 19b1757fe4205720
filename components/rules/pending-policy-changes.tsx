"use client";
// Matching-rule changes that loosen automatic matching wait here for a second controller or admin. The server
// refuses the requester's own approval and anything past the hard caps; this lists and offers the buttons.
import { useRouter } from "next/navigation";
import { useState } from "react";

export type PendingChange = { id: string; entity: string; reason: string; loosens: string[]; requestedBy: string; requestedAt: string };

export function PendingPolicyChanges({ items, canDecide, tolerances }: { items: PendingChange[]; canDecide: boolean; tolerances: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  async function decide(id: string, verb: "approve" | "reject") {
    const res = await fetch(`/api/v1/matching-policy-changes/${id}/${verb}`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    const out = await res.json();
    if (!res.ok) return setError(out.detail ?? `HTTP ${res.status}`);
    setError(null);
    router.refresh();
  }
  return (
    <section className="card" style={{ marginBottom: 12 }} data-testid="pending-policy-changes">
      <h2 style={{ marginTop: 0 }}>Changes waiting for a second person</h2>
      <p className="muted">Raising a tolerance or turning on more automatic matching needs another controller or admin. Tightening applies at once. Hard caps: {tolerances}.</p>
      {items.length === 0 ? <div className="empty">Nothing waiting.</div> : (
        <table className="grid">
          <thead><tr><th>Entity</th><th>Loosens</th><th>Why</th><th>Asked by</th><th /></tr></thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id}>
                <td>{c.entity}</td><td>{c.loosens.join("; ")}</td><td>{c.reason}</td><td>{c.requestedBy} · {c.requestedAt.slice(0, 16).replace("T", " ")}</td>
                <td>{canDecide && <><button type="button" onClick={() => decide(c.id, "approve")}>Approve</button> <button type="button" onClick={() => decide(c.id, "reject")}>Reject</button></>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && <div className="error" role="alert">{error}</div>}
    </section>
  );
}
