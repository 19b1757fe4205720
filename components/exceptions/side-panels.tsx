"use client";
// The workspace's side panels: a pending write-off's approval, the receipt's applications (with unapply), what
// Cashline learned about the payer (with revoke), and the case's notes.
import { useState } from "react";
import type { ApplicationView, Workspace } from "@/lib/exceptions/workspace-schema.ts";
import { formatDateTime as dateTime, formatMoney as money, humanize, reasonLabel, withReasonLabels } from "../format.ts";

type Run = (url: string, body: Record<string, unknown>) => Promise<boolean>;

export function ApprovalPanel({ ws, run, pending }: { ws: Workspace; run: Run; pending: boolean }) {
  const [reason, setReason] = useState("");
  const p = ws.case?.proposal;
  if (!ws.case || ws.case.status !== "PENDING_APPROVAL" || !p) return null;
  const mine = p.proposedBy?.id === ws.viewer.id;
  const cur = ws.receipt?.currency ?? "USD";
  const overLimit = Number(p.amount) > Number(ws.viewer.writeOffLimit);
  return (
    <section className="panel approval" aria-labelledby="appr-h" data-testid="approval-panel">
      <h2 id="appr-h">Write-off awaiting approval</h2>
      <p><strong className="mono">{money(p.amount, cur)}</strong> ({reasonLabel(p.reasonCode)}) proposed by {p.proposedBy?.name ?? "?"} at {dateTime(p.proposedAt)} UTC.</p>
      {p.note && <p className="quote">“{p.note}”</p>}
      <ul className="plain">{p.lines.map((l, i) => <li key={i}>{humanize(l.kind)} {money(l.amount, cur)}{l.invoiceNumber ? <> → <span className="mono">{l.invoiceNumber}</span></> : null}{l.reasonCode ? ` · ${reasonLabel(l.reasonCode)}` : ""}</li>)}</ul>
      {mine ? <p className="muted">You proposed it: a second person must approve. You may withdraw it.</p>
        : overLimit ? <p className="muted">Above your own limit ({money(ws.viewer.writeOffLimit, cur)}): someone with a higher limit must approve.</p> : null}
      <div className="row">
        {!mine && <button type="button" disabled={pending || overLimit} onClick={() => void run(`/api/v1/exceptions/${ws.case!.id}/write-off/approve`, {})}>Approve write-off</button>}
        <label className="row grow">Reason<input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={mine ? "why withdraw" : "why reject"} /></label>
        <button type="button" className="secondary" disabled={pending || reason.trim().length < 3} onClick={() => void run(`/api/v1/exceptions/${ws.case!.id}/write-off/reject`, { reason })}>{mine ? "Withdraw" : "Reject"}</button>
      </div>
    </section>
  );
}

function ReverseButton({ app, run, pending, receiptVersion }: { app: ApplicationView; run: Run; pending: boolean; receiptVersion: number }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  if (!open) return <button type="button" className="link" onClick={() => setOpen(true)} aria-label={`Unapply ${humanize(app.kind)} ${app.invoiceNumber ?? ""} ${money(app.amount, app.currency)}`}>unapply</button>;
  return (
    <form className="row" onSubmit={async (e) => { e.preventDefault(); if (await run(`/api/v1/applications/${app.id}/reverse`, { reason, receiptVersion })) setOpen(false); }}>
      <input aria-label="Reason for unapplying" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="reason" autoFocus required minLength={3} />
      <button type="submit" disabled={pending || reason.trim().length < 3}>Unapply</button>
      <button type="button" className="link" onClick={() => setOpen(false)}>cancel</button>
    </form>
  );
}

export function ApplicationsPanel({ ws, run, pending, receiptVersion }: { ws: Workspace; run: Run; pending: boolean; receiptVersion: number }) {
  return (
    <section className="panel" aria-labelledby="apps-h">
      <h2 id="apps-h">Applications</h2>
      {ws.applications.length === 0 ? <p className="muted">Nothing applied yet.</p> : (
        <ul className="apps" data-testid="applications-table">
          {ws.applications.map((a) => (
            <li key={a.id} className={a.reversedAt ? "reversed" : undefined}>
              <div className="line1">
                <span>{humanize(a.kind)}{a.reasonCode ? ` · ${reasonLabel(a.reasonCode)}` : ""}</span>
                {a.invoiceNumber && <span className="mono">{a.invoiceNumber}</span>}
                <span className="who" title={a.customerName ?? undefined}>{a.customerName ?? ""}</span>
                <span className="mono amt">{money(a.amount, a.currency)}</span>
              </div>
              {a.fx && (
                <div className="line2" data-testid="application-fx">
                  <span className="mono">= {money(a.fx.invoiceAmount, a.fx.invoiceCurrency)}</span>
                  <span className="muted"> at 1 {a.currency} = {a.fx.rate} {a.fx.invoiceCurrency} ({a.fx.rateDate})</span>
                </div>
              )}
              <div className="line2">
                <span className="muted">{a.appliedBy ?? humanize(a.appliedByType)} · {dateTime(a.appliedAt)}</span>
                {a.reversedAt
                  ? <span className="muted"> · reversed by {a.reversedBy ?? "?"} {dateTime(a.reversedAt)}{a.reversalReason ? `: ${a.reversalReason}` : ""}</span>
                  : <> · <ReverseButton app={a} run={run} pending={pending} receiptVersion={receiptVersion} /></>}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function LearnedPayersPanel({ ws, run, pending }: { ws: Workspace; run: Run; pending: boolean }) {
  if (ws.learnedPayers.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="learn-h" data-testid="learned-payers">
      <h2 id="learn-h">Cashline learned</h2>
      <ul className="plain">
        {ws.learnedPayers.map((l) => (
          <li key={l.id} className={l.revokedAt ? "reversed" : undefined}>
            payer <strong>{l.payerName ?? "?"}</strong>{l.payerAccount ? <span className="mono"> ({l.payerAccount})</span> : null} → customer <strong>{l.customerName}</strong>
            <span className="muted"> · from {l.createdBy ?? "?"} {dateTime(l.createdAt)}</span>
            {!l.activatedAt && !l.revokedAt ? <span className="chip" title="Counts for matching once a learned-payers draft with it is backtested and approved (Rules page)"> proposed</span> : null}
            {l.revokedAt ? <span className="muted"> · revoked by {l.revokedBy ?? "?"}</span>
              : <> <button type="button" className="link" disabled={pending} onClick={() => void run(`/api/v1/learned-payers/${l.id}/revoke`, {})}>revoke</button></>}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function NotesPanel({ ws }: { ws: Workspace }) {
  if (!ws.case) return null;
  return (
    <section className="panel" aria-labelledby="notes-h">
      <h2 id="notes-h">Notes</h2>
      {ws.case.notes.length === 0 ? <p className="muted">No notes yet.</p> : (
        <ol className="notes" data-testid="notes">
          {ws.case.notes.map((n) => <li key={n.id}><span className="muted">{dateTime(n.createdAt)} · {n.author}</span><p>{n.body}</p></li>)}
        </ol>
      )}
      {ws.otherCases.length > 0 && (
        <p className="muted">Earlier cases: {ws.otherCases.map((c) => `${humanize(c.code)} (${humanize(c.status)}${c.resolution ? `: ${withReasonLabels(c.resolution)}` : ""})`).join(", ")}</p>
      )}
    </section>
  );
}
