"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";

type Policy = {
  entity: string; version: number; ruleVersion: string; createdAt: string | null; createdBy: string | null;
  effective: { tolerance: { maxAbsolute: string; maxBasisPoints: number; writeOffShortfall: boolean; writeOffExcess: boolean }; strategies: Record<string, boolean>; autoPostConfidence: number };
};

export function PolicyEditor({ policy, canEdit }: { policy: Policy; canEdit: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const e = policy.effective;
  async function save(ev: React.FormEvent<HTMLFormElement>) {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget);
    const strategies = Object.fromEntries(Object.keys(e.strategies).map((k) => [k, f.get(`s_${k}`) === "on"]));
    const body = {
      reason: String(f.get("reason") ?? ""),
      override: {
        tolerance: { maxAbsolute: String(f.get("maxAbsolute")), maxBasisPoints: Number(f.get("maxBasisPoints")), writeOffShortfall: f.get("writeOffShortfall") === "on", writeOffExcess: f.get("writeOffExcess") === "on" },
        strategies, autoPostConfidence: Number(f.get("autoPostConfidence")),
      },
    };
    const res = await fetch(`/api/v1/matching-policies/${policy.entity}`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const out = await res.json();
    if (!res.ok) return setError(out.errors?.map((x: { path: string; message: string }) => `${x.path}: ${x.message}`).join("; ") ?? out.detail);
    setError(null);
    // Every change is a draft: it is in force only after its backtest and a second person's approval (Drafts above).
    setSaved(out.message);
    router.refresh();
  }
  async function rollback() {
    const reason = (document.getElementById(`rollback-${policy.entity}`) as HTMLInputElement).value;
    const res = await fetch(`/api/v1/matching-policies/${policy.entity}/rollback`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ reason }) });
    const out = await res.json();
    if (!res.ok) return setError(out.errors?.map((x: { path: string; message: string }) => `${x.path}: ${x.message}`).join("; ") ?? out.detail);
    setError(null);
    setSaved(out.message);
    router.refresh();
  }
  return (
    <section className="card" style={{ marginBottom: 12 }} data-testid={`policy-${policy.entity}`}>
      <h2 style={{ marginTop: 0 }}>{policy.entity} <span className="chip">{policy.ruleVersion}</span></h2>
      <p className="muted">{policy.version === 0 ? "Built-in default (the contract's policy)." : `Version ${policy.version}, by ${policy.createdBy ?? "?"} on ${policy.createdAt?.slice(0, 16).replace("T", " ")}.`}</p>
      <form onSubmit={save} aria-label={`Matching rules for ${policy.entity}`}>
        <fieldset disabled={!canEdit} style={{ border: 0, padding: 0 }}>
          <div className="toolbar">
            <label>Write-off tolerance (amount)<input name="maxAbsolute" defaultValue={e.tolerance.maxAbsolute} pattern="\d+(\.\d+)?" required /></label>
            <label>and at most (basis points of the open total)<input name="maxBasisPoints" type="number" min={0} max={100} defaultValue={e.tolerance.maxBasisPoints} required /></label>
            <label>Auto-post when confidence ≥<input name="autoPostConfidence" type="number" min={0} max={1} step={0.01} defaultValue={e.autoPostConfidence} required /></label>
            <label><span><input type="checkbox" name="writeOffShortfall" defaultChecked={e.tolerance.writeOffShortfall} /> write off shortfalls (bank charges)</span></label>
            <label><span><input type="checkbox" name="writeOffExcess" defaultChecked={e.tolerance.writeOffExcess} /> write off small overpayments</span></label>
          </div>
          <div className="toolbar" role="group" aria-label="Strategies">
            {Object.entries(e.strategies).map(([k, on]) => (
              <label key={k}><span><input type="checkbox" name={`s_${k}`} defaultChecked={on} /> {k.replace(/([A-Z])/g, " $1").toLowerCase()}</span></label>
            ))}
          </div>
          {canEdit && (
            <div className="toolbar">
              <label>Why (kept in the audit log)<input name="reason" required minLength={5} size={50} /></label>
              <button type="submit">Save as draft</button>
            </div>
          )}
          {canEdit && policy.version > 0 && (
            <div className="toolbar">
              <label>Why go back<input id={`rollback-${policy.entity}`} minLength={5} size={40} placeholder="e.g. too many wrong postings since v3" /></label>
              <button type="button" onClick={rollback}>Roll back to the previous version</button>
            </div>
          )}
        </fieldset>
      </form>
      {error && <div className="error" role="alert">{error}</div>}
      {saved && <div role="status" className="muted">{saved}</div>}
    </section>
  );
}
