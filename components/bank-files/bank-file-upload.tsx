"use client";
// Upload control: the file goes as multipart/form-data to POST /api/v1/bank-statements (same origin, so the
// session cookie and the CSRF Origin check apply). The answer is immediate; processing follows in the list.
import { useRef, useState } from "react";
import type { UploadResult } from "./types.ts";

export function BankFileUpload({ onUploaded }: { onUploaded: (result: UploadResult, filename: string) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);

  async function upload(e: React.FormEvent) {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setMessage(null);
    try {
      const form = new FormData();
      form.append("file", file);
      const res = await fetch("/api/v1/bank-statements", { method: "POST", body: form, credentials: "same-origin" });
      const body = await res.json().catch(() => ({ detail: `HTTP ${res.status}` }));
      if (!res.ok) {
        setMessage({ tone: "error", text: (body as { detail?: string }).detail ?? `Upload failed (HTTP ${res.status})` });
        return;
      }
      const result = body as UploadResult;
      setMessage(result.duplicate
        ? { tone: "ok", text: `${file.name} was received before (same SHA-256): nothing new was stored. It is ${result.status.toLowerCase()}.` }
        : { tone: "ok", text: `${file.name} received: it is being processed.` });
      onUploaded(result, file.name);
      setFile(null);
      if (input.current) input.current.value = "";
    } catch (err) {
      setMessage({ tone: "error", text: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <form className="toolbar" onSubmit={upload} data-testid="bank-upload">
        <label>Bank file (camt.052/053/054, BAI2, MT940/MT942, NACHA)
          <input ref={input} type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="bank-file-input" />
        </label>
        <button type="submit" disabled={!file || busy}>{busy ? "Uploading…" : "Upload"}</button>
      </form>
      {message && (
        <div className={message.tone === "error" ? "error" : "card"} role={message.tone === "error" ? "alert" : "status"} data-testid="upload-result">
          {message.text}
        </div>
      )}
    </div>
  );
}
