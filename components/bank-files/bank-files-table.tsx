"use client";
// The list of bank files: status, live progress (bytes read as the bar, entries parsed / stored as numbers)
// while a file is processed, and the quarantine error in full.
import { StateChip } from "@/components/state-chip.tsx";
import type { BankFileRow } from "./types.ts";

const MB = 1024 * 1024;
const size = (bytes: number) => (bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

function Progress({ f }: { f: BankFileRow }) {
  if (f.status === "RECEIVED") return <span className="muted" data-testid="progress">queued for a worker</span>;
  if (f.status === "QUARANTINED") return <span className="muted" data-testid="progress">stopped after {f.entriesParsed.toLocaleString("en")} entries: nothing kept</span>;
  const done = f.status === "PROCESSED";
  const pct = done ? 100 : f.byteSize > 0 ? Math.min(100, Math.floor((f.bytesParsed / f.byteSize) * 100)) : 0;
  return (
    <span data-testid="progress" className="progress-cell">
      <progress max={100} value={pct} aria-label={`${pct}% of the file read`} />{" "}
      <span className="mono">{f.entriesParsed.toLocaleString("en")} parsed / {f.entriesStored.toLocaleString("en")} stored</span>
    </span>
  );
}

export function BankFilesTable({ files, selected, onSelect }: { files: BankFileRow[]; selected: string | null; onSelect: (id: string) => void }) {
  if (files.length === 0) return <div className="empty">No bank file has been received yet.</div>;
  return (
    <table className="grid" data-testid="bank-files">
      <thead>
        <tr><th>Received (UTC)</th><th>File</th><th>Format</th><th>Status</th><th>Progress</th><th className="num">Statements</th><th className="num">Size</th><th>By</th></tr>
      </thead>
      <tbody>
        {files.map((f) => (
          <FileRows key={f.id} f={f} selected={selected === f.id} onSelect={onSelect} />
        ))}
      </tbody>
    </table>
  );
}

function FileRows({ f, selected, onSelect }: { f: BankFileRow; selected: boolean; onSelect: (id: string) => void }) {
  return (
    <>
      <tr aria-selected={selected} data-testid="bank-file-row" data-file-id={f.id} data-status={f.status}>
        <td>{f.receivedAt.slice(0, 19).replace("T", " ")}</td>
        <td><button type="button" className="linkish" onClick={() => onSelect(f.id)}>{f.filename ?? f.sha256.slice(0, 12)}</button></td>
        <td>{f.format ?? "—"}</td>
        <td><StateChip value={f.status} /></td>
        <td><Progress f={f} /></td>
        <td className="num">{f.statements}</td>
        <td className="num">{size(f.byteSize)}</td>
        <td>{f.uploadedBy ?? "—"}{f.manualUpload && <> <span className="chip warn" title="uploaded by a person: they may not apply its receipts">manual upload</span></>}</td>
      </tr>
      {f.status === "QUARANTINED" && f.error && (
        <tr data-testid="bank-file-error"><td colSpan={8}><div className="error wrap">{f.error}</div></td></tr>
      )}
    </>
  );
}
