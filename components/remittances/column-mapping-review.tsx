"use client";
// An advice read from a customer's spreadsheet with guessed columns waits in review: the analyst sees which column
// was taken for which field, corrects it, and confirms. The mapping is saved for the customer (PUT
// /api/v1/remittances/{id}/column-mapping) and the file is read again with it.
import { useState } from "react";
import { apiFetch, ApiError } from "@/components/ui/api-fetch.ts";

const FIELDS: [string, string][] = [
  ["document", "Invoice / document"], ["paid", "Amount paid"], ["invoice_amount", "Invoice amount"], ["discount", "Discount"],
  ["deduction", "Deduction"], ["adjustment_reason", "Deduction reason"], ["adjustment_text", "Comment"], ["payment_reference", "Payment reference"],
  ["payment_amount", "Payment amount"], ["payment_date", "Payment date"], ["currency", "Currency"], ["payer_name", "Payer"],
];

type Extraction = { confidence: number; problems: string[]; headers: string[]; columns: Record<string, string> };

export function ColumnMappingReview({ adviceId, extraction, onDone }: { adviceId: string; extraction: Extraction; onDone: () => void }) {
  const [columns, setColumns] = useState<Record<string, string>>(extraction.columns);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const chosen = Object.fromEntries(Object.entries(columns).filter(([, h]) => h));
      await apiFetch(`/api/v1/remittances/${adviceId}/column-mapping`, { method: "PUT", body: { columns: chosen } });
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? [e.message, ...e.errors.map((x) => x.message)].join(": ") : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="card" data-testid={`mapping-review-${adviceId}`}>
      <p className="muted">
        Columns guessed with confidence {Math.round(extraction.confidence * 100)}%{extraction.problems.length ? ` — ${extraction.problems.join("; ")}` : ""}.
        Confirm or correct: the mapping is saved for this customer and used for its next advices.
      </p>
      <table className="grid">
        <tbody>
          {FIELDS.map(([field, label]) => (
            <tr key={field}>
              <th scope="row"><label htmlFor={`${adviceId}-${field}`}>{label}</label></th>
              <td>
                <select id={`${adviceId}-${field}`} value={columns[field] ?? ""} onChange={(e) => setColumns({ ...columns, [field]: e.target.value })}>
                  <option value="">(no column)</option>
                  {extraction.headers.map((h) => <option key={h} value={h}>{h}</option>)}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error && <p role="alert" className="error">{error}</p>}
      <button type="button" onClick={save} disabled={busy}>Confirm mapping</button>
    </div>
  );
}
