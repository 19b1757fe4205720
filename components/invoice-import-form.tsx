"use client";
import { useState } from "react";

type Problem = { detail?: string; errors?: { line?: number; column?: string | null; path: string; message: string }[] };
type Summary = { rows: number; created: number; existing: number; alreadyImported: boolean; documentId: string };

export function InvoiceImportForm() {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function upload(e: React.FormEvent) {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setSummary(null);
    setProblem(null);
    try {
      const res = await fetch("/api/v1/billing/invoices/import", {
        method: "POST", body: await file.text(), headers: { "content-type": "text/csv", "x-filename": encodeURIComponent(file.name) },
      });
      const body = await res.json().catch(() => ({ detail: `HTTP ${res.status}` }));
      if (res.ok) setSummary(body as Summary);
      else setProblem(body as Problem);
    } catch (err) {
      setProblem({ detail: (err as Error).message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <form className="toolbar" onSubmit={upload}>
        <label>CSV file
          <input type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="invoice-csv" />
        </label>
        <button type="submit" disabled={!file || busy}>{busy ? "Importing…" : "Import"}</button>
      </form>
      {summary && (
        <div className="card" role="status" data-testid="import-result">
          {summary.alreadyImported
            ? <>This file was imported before: nothing changed ({summary.rows} rows).</>
            : <>Imported {summary.created} new invoice(s) from {summary.rows} row(s); {summary.existing} already known.</>}
        </div>
      )}
      {problem && (
        <div role="alert" data-testid="import-errors">
          <div className="error">{problem.detail ?? "The import failed."}</div>
          {problem.errors && problem.errors.length > 0 && (
            <table className="grid">
              <thead><tr><th className="num">Line</th><th>Column</th><th>Problem</th></tr></thead>
              <tbody>
                {problem.errors.map((e, i) => (
                  <tr key={i}><td className="num">{e.line ?? ""}</td><td>{e.column ?? "—"}</td><td>{e.message}</td></tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </div>
  );
}
