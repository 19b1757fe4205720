"use client";
// "Sync ERP now": reads customers and receivables from every entity's ERP at once (POST /api/v1/erp/sync); the
// run shows in the health table and the recent runs as `erp.sync`.
import { useState } from "react";
import { fetchJson } from "../live/use-live-query.ts";

export function ErpSyncButton() {
  const [busy, setBusy] = useState(false);
  const [text, setText] = useState<{ ok: boolean; text: string } | null>(null);
  async function sync() {
    setBusy(true);
    try {
      const r = await fetchJson<{ requested: { entity: string; jobId: string | null }[] }>("/api/v1/erp/sync", { method: "POST", body: JSON.stringify({}) });
      const queued = r.requested.filter((x) => x.jobId).map((x) => x.entity);
      setText({ ok: true, text: queued.length ? `sync queued for ${queued.join(", ")}` : "a sync of every entity is already queued" });
    } catch (e) {
      setText({ ok: false, text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <span className="row" style={{ gap: 8, alignItems: "center" }}>
      <button type="button" className="secondary" onClick={sync} disabled={busy} data-testid="erp-sync-now">{busy ? "Syncing…" : "Sync ERP now"}</button>
      {text && <span role="status" className={text.ok ? "muted" : "overdue"}>{text.text}</span>}
    </span>
  );
}
