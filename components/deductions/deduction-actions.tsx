"use client";
// One deduction's decision: valid (credit), invalid (collect), partial (split: the accepted amount), with a note;
// or approve a decision waiting for a second person.
import { useState } from "react";
import { apiFetch, ApiError } from "@/components/ui/api-fetch.ts";

type Props = { id: string; pending: boolean; onDone: (message: string) => void };

export function DeductionActions({ id, pending, onDone }: Props) {
  const [note, setNote] = useState("");
  const [partial, setPartial] = useState("");
  const [error, setError] = useState<string | null>(null);
  async function act(path: string, body: unknown) {
    setError(null);
    try {
      const r = await apiFetch<{ status?: string; valid?: string; invalid?: string }>(`/api/v1/deductions/${id}/${path}`, { body });
      onDone(r.status ? `${r.status.toLowerCase().replaceAll("_", " ")}: credited ${r.valid}, to collect ${r.invalid}` : "evidence added");
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }
  if (pending) return <button onClick={() => act("approve", {})} data-testid={`approve-${id}`}>Approve</button>;
  return (
    <div className="toolbar" data-testid={`actions-${id}`}>
      <input aria-label="Note" placeholder="why (required)" value={note} onChange={(e) => setNote(e.target.value)} />
      <button onClick={() => act("resolve", { outcome: "valid", note })} disabled={!note.trim()}>Valid</button>
      <button onClick={() => act("resolve", { outcome: "invalid", note })} disabled={!note.trim()}>Invalid</button>
      <input aria-label="Valid part" placeholder="valid part" size={8} value={partial} onChange={(e) => setPartial(e.target.value)} />
      <button onClick={() => act("resolve", { outcome: "partial", validAmount: partial, note })} disabled={!note.trim() || !partial.trim()}>Split</button>
      <button onClick={() => act("evidence", { note })} disabled={!note.trim()} title="keep the note as evidence, decide later">Add as evidence</button>
      {error && <span role="alert" className="error">{error}</span>}
    </div>
  );
}
