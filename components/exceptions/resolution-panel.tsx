"use client";
// The way out of each exception code (issue 11), above the generic cash actions: the ERP's answer and Retry /
// Correct and repost for a failed posting, Reverse and close for a returned payment, the original receipt and
// Refund to payer for duplicates, already-paid invoices and overpayments, the dispute for a chargeback, and every
// candidate set of an ambiguous payment as one click. Forms only collect input; the server decides.
import Link from "next/link";
import { useState } from "react";
import { REFUND_REASONS } from "@/lib/exceptions/resolution-schemas.ts";
import type { Workspace } from "@/lib/exceptions/workspace-schema.ts";
import { humanize } from "../ui/format.ts";
import { CustomerPicker } from "./customer-picker.tsx";

type Run = (path: string, body: Record<string, unknown>) => Promise<boolean>;
type Props = { ws: Workspace; run: Run; pending: boolean; receiptVersion: number };

const REFUND_DEFAULT: Record<string, (typeof REFUND_REASONS)[number]> = { DUPLICATE: "duplicate_payment", ALREADY_PAID: "already_paid", OVERPAYMENT: "overpayment" };
const REFUND_CODES = ["DUPLICATE", "ALREADY_PAID", "OVERPAYMENT", "UNIDENTIFIED", "STALLED"];

export function ResolutionPanel({ ws, run, pending, receiptVersion }: Props) {
  const c = ws.case;
  const res = ws.resolution;
  const r = ws.receipt;
  if (!res || !r) return null;
  const open = !!c && !["RESOLVED", "CANCELLED"].includes(c.status);
  const code = c?.code ?? "";
  const hasCash = !/^0(\.0+)?$/.test(r.unapplied);
  const post = (path: string, body: Record<string, unknown>) => run(path, { receiptVersion, ...body });
  const liveRefunds = res.refunds.filter((x) => x.status === "PENDING_APPROVAL" || x.status === "REQUESTED");
  const parts = [
    open && (code === "POSTING_FAILED" || (code === "STALLED" && ["APPLIED", "POSTING_FAILED"].includes(r.state))) && <PostingFix key="post" ws={ws} post={post} pending={pending} />,
    open && code === "RETURNED" && <ReturnedClose key="ret" caseId={c!.id} post={post} pending={pending} />,
    res.related.length > 0 && <Related key="rel" related={res.related} />,
    open && code === "AMBIGUOUS" && res.candidateSets.length > 0 && <CandidateSets key="sets" sets={res.candidateSets} run={run} pending={pending} />,
    open && code === "CHARGEBACK" && <Dispute key="disp" caseId={c!.id} dispute={res.dispute} run={run} pending={pending} />,
    hasCash && REFUND_CODES.includes(code) && open && liveRefunds.length === 0 && r.state !== "RETURNED" && <RefundForm key={`refund-${r.unapplied}`} ws={ws} post={post} pending={pending} />,
    res.refunds.length > 0 && <Refunds key="refunds" refunds={res.refunds} viewerId={ws.viewer.id} run={run} pending={pending} />,
  ].filter(Boolean);
  if (parts.length === 0) return null;
  return <div className="resolution" data-testid="resolution-panel">{parts}</div>;
}

function PostingFix({ ws, post, pending }: { ws: Workspace; post: (p: string, b: Record<string, unknown>) => Promise<boolean>; pending: boolean }) {
  const c = ws.case!;
  const [fix, setFix] = useState<{ customerId: string; gl: string; date: string; note: string } | null>(null);
  const failed = ws.resolution!.failedPostings;
  return (
    <fieldset className="part">
      <legend>ERP posting</legend>
      {failed.length === 0 ? <p className="muted">No failed journal entry: the posting is queued or on its way.</p> : failed.map((f) => (
        <p key={f.journalEntryId} className="notice bad" data-testid="erp-error">The ERP answered: {f.erpError ?? "no answer recorded"} <span className="muted">({f.attempts} attempt{f.attempts === 1 ? "" : "s"}, key <span className="mono">{f.idempotencyKey}</span>)</span></p>
      ))}
      <button type="button" disabled={pending} onClick={() => void post(`/api/v1/exceptions/${c.id}/retry-posting`, {})}>Retry posting</button>{" "}
      {c.code === "POSTING_FAILED" && !fix && <button type="button" className="secondary" onClick={() => setFix({ customerId: ws.receipt!.customer?.id ?? "", gl: "", date: "", note: "" })}>Correct and repost…</button>}
      {fix && (
        <form onSubmit={(e) => {
          e.preventDefault();
          void post(`/api/v1/exceptions/${c.id}/correct-posting`, {
            note: fix.note, ...(fix.customerId && fix.customerId !== ws.receipt!.customer?.id ? { customerId: fix.customerId } : {}),
            ...(fix.gl ? { bankGlAccount: fix.gl } : {}), ...(fix.date ? { valueDate: fix.date } : {}),
          });
        }}>
          <CustomerPicker receiptId={ws.receipt!.id} value={fix.customerId} onChange={(customerId) => setFix((f) => f && { ...f, customerId })} label="Customer account" />
          <label>Bank GL account<input value={fix.gl} onChange={(e) => setFix({ ...fix, gl: e.target.value })} placeholder="unchanged" /></label>
          <label>Accounting date<input type="date" value={fix.date} onChange={(e) => setFix({ ...fix, date: e.target.value })} /></label>
          <label>What was wrong<textarea rows={2} required minLength={3} value={fix.note} onChange={(e) => setFix({ ...fix, note: e.target.value })} /></label>
          <button type="submit" disabled={pending}>Correct and repost</button>
        </form>
      )}
    </fieldset>
  );
}

function ReturnedClose({ caseId, post, pending }: { caseId: string; post: (p: string, b: Record<string, unknown>) => Promise<boolean>; pending: boolean }) {
  const [note, setNote] = useState("");
  return (
    <form className="part" onSubmit={(e) => { e.preventDefault(); void post(`/api/v1/exceptions/${caseId}/close-returned`, { note }); }}>
      <p className="muted">Reverses what this payment paid (the invoices re-open with the return reason), asks collections to follow up with the customer, and closes the case.</p>
      <label>Note<textarea rows={2} required minLength={3} value={note} onChange={(e) => setNote(e.target.value)} /></label>
      <button type="submit" disabled={pending || note.trim().length < 3}>Reverse and close</button>
    </form>
  );
}

function Related({ related }: { related: NonNullable<Workspace["resolution"]>["related"] }) {
  return (
    <ul className="apps" data-testid="related">
      {related.map((x) => (
        <li key={`${x.kind}-${x.receiptId}-${x.invoiceId}`}>{x.receiptId ? <Link href={`/payments/${x.receiptId}`}>{x.label}</Link> : x.label}</li>
      ))}
    </ul>
  );
}

function CandidateSets({ sets, run, pending }: { sets: NonNullable<Workspace["resolution"]>["candidateSets"]; run: Run; pending: boolean }) {
  return (
    <fieldset className="part" data-testid="candidate-sets">
      <legend>Invoice sets that fit ({sets.length})</legend>
      {sets.map((set, i) => (
        <div key={i} className="line1">
          <span className="mono">{set.map((l) => `${l.invoiceNumber} ${l.amount}`).join(" + ")}</span>{" "}
          <button type="button" disabled={pending} onClick={() => void run("apply", { lines: set.map((l) => ({ invoiceId: l.invoiceId, amount: l.amount })), note: `candidate set ${i + 1} of ${sets.length}` })}>Apply set {i + 1}</button>
        </div>
      ))}
    </fieldset>
  );
}

function RefundForm({ ws, post, pending }: { ws: Workspace; post: (p: string, b: Record<string, unknown>) => Promise<boolean>; pending: boolean }) {
  const [amount, setAmount] = useState(ws.receipt!.unapplied);
  const [reason, setReason] = useState<(typeof REFUND_REASONS)[number]>(REFUND_DEFAULT[ws.case?.code ?? ""] ?? "customer_request");
  const [note, setNote] = useState("");
  return (
    <form className="part" onSubmit={(e) => { e.preventDefault(); void post(`/api/v1/receipts/${ws.receipt!.id}/refund`, { amount, reason, note: note || undefined }); }}>
      <label>Refund amount<input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} /></label>
      <label>Reason<select value={reason} onChange={(e) => setReason(e.target.value as typeof reason)}>{REFUND_REASONS.map((x) => <option key={x} value={x}>{humanize(x)}</option>)}</select></label>
      <label>Note (optional)<textarea rows={1} value={note} onChange={(e) => setNote(e.target.value)} /></label>
      <button type="submit" disabled={pending}>Refund to payer</button>
    </form>
  );
}

function Refunds({ refunds, viewerId, run, pending }: { refunds: NonNullable<Workspace["resolution"]>["refunds"]; viewerId: string; run: Run; pending: boolean }) {
  return (
    <ul className="apps" data-testid="refunds">
      {refunds.map((x) => (
        <li key={x.id}>
          <div className="line1"><span>Refund {x.amount} {x.currency} · {humanize(x.reason)}</span><span className="chip plain">{humanize(x.status)}</span></div>
          <div className="line2">
            {x.status === "PENDING_APPROVAL" && x.requestedById !== viewerId && <button type="button" disabled={pending} onClick={() => void run(`/api/v1/refunds/${x.id}/approve`, {})}>Approve refund</button>}
            {x.status === "REQUESTED" && <button type="button" disabled={pending} onClick={() => void run(`/api/v1/refunds/${x.id}/confirm`, {})}>Confirm refund paid</button>}
            {(x.status === "REQUESTED" || x.status === "PENDING_APPROVAL") && <button type="button" className="secondary" disabled={pending} onClick={() => void run(`/api/v1/refunds/${x.id}/cancel`, {})}>Cancel refund</button>}
          </div>
        </li>
      ))}
    </ul>
  );
}

function Dispute({ caseId, dispute, run, pending }: { caseId: string; dispute: NonNullable<Workspace["resolution"]>["dispute"]; run: Run; pending: boolean }) {
  const [due, setDue] = useState(new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10));
  const [evidence, setEvidence] = useState("");
  const step = (body: Record<string, unknown>) => void run(`/api/v1/exceptions/${caseId}/dispute`, body);
  return (
    <fieldset className="part" data-testid="dispute">
      <legend>Dispute{dispute ? `: ${humanize(dispute.status)}, evidence due ${dispute.evidenceDueAt.slice(0, 10)}` : ""}</legend>
      {!dispute && <><label>Evidence due<input type="date" value={due} onChange={(e) => setDue(e.target.value)} /></label><button type="button" disabled={pending} onClick={() => step({ step: "open", evidenceDueDate: due })}>Open dispute</button></>}
      {dispute?.status === "OPEN" && <><label>Evidence<textarea rows={2} value={evidence} onChange={(e) => setEvidence(e.target.value)} /></label><button type="button" disabled={pending || evidence.trim().length < 3} onClick={() => step({ step: "submit", evidence })}>Submit evidence</button></>}
      {dispute && ["OPEN", "SUBMITTED"].includes(dispute.status) && (
        <div className="line2">
          <button type="button" disabled={pending} onClick={() => step({ step: "won" })}>Dispute won</button>{" "}
          <button type="button" className="secondary" disabled={pending} onClick={() => step({ step: "lost", action: "reopen_invoice" })}>Lost: re-open invoice</button>{" "}
          <button type="button" className="secondary" disabled={pending} onClick={() => step({ step: "lost", action: "write_off" })}>Lost: write off</button>
        </div>
      )}
    </fieldset>
  );
}
