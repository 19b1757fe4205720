"use client";
// Upload a remittance advice file; shows each advice it held: linked to its payment, waiting for it, or known already.
import { useState } from "react";

type Advice = { id: string; paymentReference: string; status: string; receiptId: string | null; created: boolean; redecisionQueued: boolean };
type Result = { documentId: string; duplicate: boolean; format: string; advices: Advice[] };

export function RemittanceUpload({ onDone }: { onDone?: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function upload(e: React.FormEvent) {
    e.preventDefault();
    if (!file) return;
    setBusy(true); setResult(null); setError(null);
    try {
      const res = await fetch(`/api/v1/remittances?filename=${encodeURIComponent(file.name)}`, { method: "POST", body: file, headers: { "content-type": file.type || "application/octet-stream" }, credentials: "same-origin" });
      const body = await res.json().catch(() => ({ detail: `HTTP ${res.status}` }));
      if (res.ok) { setResult(body as Result); onDone?.(); } else setError((body as { detail?: string }).detail ?? `HTTP ${res.status}`);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="card">
      <form className="toolbar" onSubmit={upload}>
        <label>Remittance advice file
          <input type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="remittance-file" />
        </label>
        <button type="submit" disabled={!file || busy}>{busy ? "Reading…" : "Upload advice"}</button>
      </form>
      {error && <div role="alert" className="error" data-testid="remittance-error">{error}</div>}
      {result && (
        <div role="status" data-testid="remittance-result">
          {result.duplicate ? "This file was received before: nothing added." : `Read ${result.advices.length} advice(s) (${result.format}).`}
          <ul>
            {result.advices.map((a) => (
              <li key={a.id}>
                {a.paymentReference}: {a.status.toLowerCase().replaceAll("_", " ")}
                {a.receiptId && <> — <a href={`/payments/${a.receiptId}`}>payment</a></>}
                {a.redecisionQueued && " (the payment is being decided again with it)"}
                {!a.created && " (known already)"}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
