"use client";
// Bulk assign: the selected cases go to the chosen person in batches, with a progress bar, and a summary of what
// was skipped (resolved meanwhile) or failed. Nothing is lost on a failure: the failed ids stay selected.
import { useState } from "react";
import type { Assignee } from "@/lib/users/list-assignees.ts";
import { apiFetch, errorText } from "../ui/api-fetch.ts";

const BATCH = 20;
type Result = { assigned: number; skipped: string[] };

export async function assignInBatches(ids: string[], assigneeId: string | null, onProgress: (done: number) => void): Promise<{ assigned: number; skipped: number; failed: string[]; error: string | null }> {
  let assigned = 0, skipped = 0, error: string | null = null;
  const failed: string[] = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    try {
      const r = await apiFetch<Result>("/api/v1/exceptions/assign", { body: { caseIds: batch, assigneeId } });
      assigned += r.assigned;
      skipped += r.skipped.length;
    } catch (e) {
      failed.push(...batch);
      error = errorText(e);
    }
    onProgress(Math.min(i + BATCH, ids.length));
  }
  return { assigned, skipped, failed, error };
}

export function BulkAssignBar({ selected, assignees, onDone, onClear }: {
  selected: string[]; assignees: Assignee[]; onDone: (summary: string, failed: string[], ok: boolean) => void; onClear: () => void;
}) {
  const [to, setTo] = useState("me");
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  async function run() {
    setProgress({ done: 0, total: selected.length });
    const r = await assignInBatches(selected, to === "nobody" ? null : to, (done) => setProgress({ done, total: selected.length }));
    setProgress(null);
    const who = to === "me" ? "you" : to === "nobody" ? "nobody" : assignees.find((a) => a.id === to)?.name ?? to;
    onDone(`Assigned ${r.assigned} to ${who}${r.skipped ? `, ${r.skipped} skipped (no longer open)` : ""}${r.failed.length ? `, ${r.failed.length} failed: ${r.error}` : ""}.`, r.failed, r.failed.length === 0);
  }
  return (
    <div className="bulkbar" aria-label="Bulk actions" data-testid="bulk-bar">
      <strong>{selected.length} selected</strong>
      <label className="row">Assign to
        <select value={to} onChange={(e) => setTo(e.target.value)} disabled={!!progress} data-testid="bulk-assignee">
          <option value="me">me</option>
          <option value="nobody">nobody (unassign)</option>
          {assignees.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        </select>
      </label>
      <button type="button" onClick={run} disabled={!!progress || selected.length === 0}>Assign {selected.length}</button>
      <button type="button" className="secondary" onClick={onClear} disabled={!!progress}>Clear selection</button>
      {progress && (
        <span className="progress-wrap" role="status">
          <progress max={progress.total} value={progress.done} aria-label="Bulk assign progress" /> {progress.done}/{progress.total}
        </span>
      )}
    </div>
  );
}
