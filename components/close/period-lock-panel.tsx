"use client";
// The lock state of one entity's month and the two-person steps on it: approve (or reject) a prepared sign-off,
// ask to reopen a locked month, approve (or reject) someone else's request. The server enforces every rule
// (a different person, reasons, blockers); this only offers the buttons that can apply.
import { useId, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { EntityChecklist } from "@/lib/close/get-close-checklist.ts";
import { formatUtc } from "../format.ts";
import { fetchJson } from "../live/use-live-query.ts";

function useAction() {
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(url: string, body: unknown) {
    setBusy(true);
    setError(null);
    try {
      await fetchJson(url, { method: "POST", body: JSON.stringify(body) });
      await client.invalidateQueries({ queryKey: ["/api/v1/close/readiness"] });
      return true;
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { run, error, busy };
}

export function PeriodLockPanel({ e, period, userId, minJustification }: { e: EntityChecklist; period: string; userId: string; minJustification: number }) {
  const s = e.signOff!;
  const id = useId();
  const [text, setText] = useState("");
  const { run, error, busy } = useAction();
  const mine = s.signedById === userId;
  const r = e.reopenRequest;
  const done = () => setText("");
  return (
    <div className="signoff-form" data-testid={`period-lock-${e.entity}`}>
      {s.status === "LOCKED" ? (
        <div><span className="chip ok">🔒 {period} locked</span>{s.approvedBy ? ` Second signature by ${s.approvedBy} at ${formatUtc(s.approvedAt!, true)}.` : ""} Nothing dated in {period} can change until it is reopened (two people).</div>
      ) : (
        <div><span className="chip warn">prepared, waiting for a second signature</span> {mine ? "Another controller or admin must approve it." : ""}</div>
      )}
      {s.status === "PREPARED" && !mine && (
        <>
          <label htmlFor={`${id}-n`} style={{ color: "var(--ink)" }}>
            Your reason {e.blocking > 0 ? `(required to override ${e.blocking} blocking check${e.blocking === 1 ? "" : "s"}: at least ${minJustification} characters)` : "(optional)"}
          </label>
          <textarea id={`${id}-n`} value={text} onChange={(x) => setText(x.target.value)} maxLength={2000} />
          <div className="toolbar">
            <button type="button" disabled={busy} onClick={async () => (await run(`/api/v1/close/sign-offs/${s.id}/approve`, { note: text.trim() || undefined })) && done()}>Approve and lock {e.entity} {period}</button>
            <button type="button" className="secondary" disabled={busy || text.trim().length < 3} onClick={async () => (await run(`/api/v1/close/sign-offs/${s.id}/reject`, { reason: text.trim() })) && done()}>Reject</button>
          </div>
        </>
      )}
      {s.status === "PREPARED" && mine && (
        <div className="toolbar">
          <button type="button" className="secondary" disabled={busy} onClick={() => run(`/api/v1/close/sign-offs/${s.id}/reject`, { reason: "withdrawn by the preparer" })}>Withdraw</button>
        </div>
      )}
      {s.status === "LOCKED" && !r && (
        <>
          <label htmlFor={`${id}-r`} style={{ color: "var(--ink)" }}>Reason to reopen (a second person approves)</label>
          <textarea id={`${id}-r`} value={text} onChange={(x) => setText(x.target.value)} maxLength={2000} />
          <div><button type="button" disabled={busy || text.trim().length < 10} onClick={async () => (await run("/api/v1/close/reopen-requests", { entity: e.entity, period, reason: text.trim() })) && done()}>Ask to reopen {period}</button></div>
        </>
      )}
      {s.status === "LOCKED" && r && (
        <div data-testid={`reopen-${e.entity}`}>
          <div>Reopen requested by {r.requestedBy} at {formatUtc(r.requestedAt, true)}: “{r.reason}”</div>
          <div className="toolbar">
            {r.requestedById !== userId && <button type="button" disabled={busy} onClick={() => run(`/api/v1/close/reopen-requests/${r.id}/approve`, {})}>Approve reopening</button>}
            <button type="button" className="secondary" disabled={busy} onClick={() => run(`/api/v1/close/reopen-requests/${r.id}/reject`, {})}>{r.requestedById === userId ? "Withdraw request" : "Reject"}</button>
          </div>
        </div>
      )}
      {error && <div className="form-error" role="alert">{error}</div>}
    </div>
  );
}
