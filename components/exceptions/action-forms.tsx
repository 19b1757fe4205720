"use client";
// The forms behind the workspace's action tabs. Each one only collects input and shows what will happen; the server
// decides (validation, limits, conflicts) and its answer is shown by the panel.
import { useState } from "react";
import { DEDUCTION_REASONS, SHORTFALL_WRITE_OFF_REASONS } from "@/lib/exceptions/action-schemas.ts";
import type { Workspace } from "@/lib/exceptions/workspace-schema.ts";
import { formatMoney, fromMinor } from "@/lib/money/money.ts";
import type { Assignee } from "@/lib/users/list-assignees.ts";
import { humanize } from "../ui/format.ts";
import { liveAllocations, minorOf, totalMinor, type Allocation, type Allocations } from "./allocations.ts";
import { CustomerPicker } from "./customer-picker.tsx";

type Run = (path: string, body: Record<string, unknown>) => Promise<boolean>;
type Base = { ws: Workspace; allocations: Allocations; run: Run; pending: boolean };
const r = (ws: Workspace) => ws.receipt!;

function Note({ value, onChange, label = "Note (optional)", required }: { value: string; onChange: (v: string) => void; label?: string; required?: boolean }) {
  return <label>{label}<textarea rows={2} value={value} onChange={(e) => onChange(e.target.value)} required={required} maxLength={2000} /></label>;
}

function AllocationList({ list, currency, extra }: { list: Allocation[]; currency: string; extra?: (a: Allocation) => React.ReactNode }) {
  if (list.length === 0) return <p className="muted">Enter amounts against invoices in the candidate list (or press “fill”).</p>;
  return (
    <ul className="apps">
      {list.map((a) => (
        <li key={a.invoiceId}>
          <div className="line1"><span className="mono">{a.number}</span><span className="who" title={a.customerName}>{a.customerName}</span><span className="mono amt">{formatMoney(minorOf(a.amount, currency)!, currency)}</span></div>
          {extra && <div className="line2">{extra(a)}</div>}
        </li>
      ))}
    </ul>
  );
}

function Sum({ label, minor, currency, tone }: { label: string; minor: bigint; currency: string; tone?: string }) {
  return <div className={`sum ${tone ?? ""}`}><span>{label}</span><span className="mono">{formatMoney(minor, currency)}</span></div>;
}

export function ApplyForm({ ws, allocations, run, pending }: Base) {
  const [note, setNote] = useState("");
  const cur = r(ws).currency;
  const list = liveAllocations(allocations, cur);
  const total = list.reduce((s, a) => s + minorOf(a.amount, cur)!, 0n);
  const unapplied = minorOf(r(ws).unapplied, cur)!;
  return (
    <form onSubmit={(e) => { e.preventDefault(); void run("apply", { lines: list.map((a) => ({ invoiceId: a.invoiceId, amount: a.amount })), note: note || undefined }); }}>
      <AllocationList list={list} currency={cur} />
      <Sum label="Applying" minor={total} currency={cur} />
      <Sum label="Left unapplied" minor={unapplied - total} currency={cur} tone={unapplied - total < 0n ? "bad" : undefined} />
      <Note value={note} onChange={setNote} />
      <button type="submit" disabled={pending || list.length === 0}>Apply to {list.length} invoice{list.length === 1 ? "" : "s"}</button>
    </form>
  );
}

export function SplitForm({ ws, allocations, run, pending }: Base) {
  const [parts, setParts] = useState<{ customerId: string; amount: string }[]>([]);
  const [note, setNote] = useState("");
  const cur = r(ws).currency;
  const list = liveAllocations(allocations, cur);
  const { total, invalid } = totalMinor([...list.map((a) => a.amount), ...parts.map((p) => p.amount)], cur);
  const unapplied = minorOf(r(ws).unapplied, cur)!;
  const diff = total - unapplied;
  return (
    <form onSubmit={(e) => {
      e.preventDefault();
      void run("split", { note: note || undefined, parts: [...list.map((a) => ({ kind: "INVOICE", invoiceId: a.invoiceId, amount: a.amount })), ...parts.filter((p) => p.customerId && p.amount).map((p) => ({ kind: "ON_ACCOUNT", ...p }))] });
    }}>
      <AllocationList list={list} currency={cur} />
      {parts.map((p, i) => (
        <fieldset key={i} className="part">
          <legend>On account part {i + 1}</legend>
          <CustomerPicker receiptId={r(ws).id} value={p.customerId} onChange={(id) => setParts((ps) => ps.map((x, j) => (j === i ? { ...x, customerId: id } : x)))} />
          <label>Amount<input inputMode="decimal" value={p.amount} onChange={(e) => setParts((ps) => ps.map((x, j) => (j === i ? { ...x, amount: e.target.value } : x)))} /></label>
          <button type="button" className="link" onClick={() => setParts((ps) => ps.filter((_, j) => j !== i))}>remove part</button>
        </fieldset>
      ))}
      <button type="button" className="secondary" onClick={() => setParts((ps) => [...ps, { customerId: "", amount: diff < 0n ? fromMinor(-diff, cur) : "" }])}>+ On-account part</button>
      <Sum label="Parts" minor={total} currency={cur} />
      <Sum label="Receipt to split" minor={unapplied} currency={cur} />
      <Sum label={diff === 0n ? "Adds up exactly" : diff < 0n ? "Short by" : "Too much by"} minor={diff < 0n ? -diff : diff} currency={cur} tone={diff === 0n ? "ok" : "bad"} />
      {invalid > 0 && <p className="inline-error">{invalid} amount(s) are not valid decimals.</p>}
      <Note value={note} onChange={setNote} />
      <button type="submit" disabled={pending || list.length + parts.length < 2 || parts.some((p) => !p.customerId)}>Split into {list.length + parts.length} parts</button>
    </form>
  );
}

export function ShortPayForm({ ws, allocations, run, pending, onReason }: Base & { onReason: (invoiceId: string, reason: Allocation["reason"]) => void }) {
  const [note, setNote] = useState("");
  const cur = r(ws).currency;
  const list = liveAllocations(allocations, cur);
  return (
    <form onSubmit={(e) => { e.preventDefault(); void run("short-pay", { note: note || undefined, lines: list.map((a) => ({ invoiceId: a.invoiceId, amount: a.amount, reasonCode: a.reason })) }); }}>
      <p className="muted">The cash is applied; the rest of each invoice stays open as a deduction with its reason.</p>
      <AllocationList list={list} currency={cur} extra={(a) => {
        const rest = (minorOf(a.open, cur) ?? 0n) - (minorOf(a.amount, cur) ?? 0n);
        return (
          <span className="row">
            <span className={rest > 0n ? "muted" : "inline-error"}>deduct {formatMoney(rest > 0n ? rest : 0n, cur)}</span>
            <select aria-label={`Deduction reason for ${a.number}`} value={a.reason} onChange={(e) => onReason(a.invoiceId, e.target.value as Allocation["reason"])}>
              {DEDUCTION_REASONS.map((x) => <option key={x} value={x}>{humanize(x)}</option>)}
            </select>
          </span>
        );
      }} />
      <Note value={note} onChange={setNote} />
      <button type="submit" disabled={pending || list.length === 0}>Short pay {list.length} invoice{list.length === 1 ? "" : "s"}</button>
    </form>
  );
}

export function OnAccountForm({ ws, run, pending }: Base) {
  const [customerId, setCustomerId] = useState(r(ws).customer?.id ?? "");
  const [amount, setAmount] = useState(r(ws).unapplied);
  const [note, setNote] = useState("");
  return (
    <form onSubmit={(e) => { e.preventDefault(); void run("on-account", { customerId, amount, note: note || undefined }); }}>
      <p className="muted">Holds the cash for the customer as unapplied cash until they say what it pays.</p>
      <CustomerPicker receiptId={r(ws).id} value={customerId} onChange={setCustomerId} />
      <label>Amount ({r(ws).currency})<input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required /></label>
      <Note value={note} onChange={setNote} />
      <button type="submit" disabled={pending || !customerId}>Put on account</button>
    </form>
  );
}

export function WriteOffForm({ ws, allocations, run, pending }: Base) {
  const cur = r(ws).currency;
  const list = liveAllocations(allocations, cur);
  const [mode, setMode] = useState<"shortfall" | "excess">(list.length ? "shortfall" : "excess");
  const [invoiceId, setInvoiceId] = useState(list[0]?.invoiceId ?? "");
  const [reason, setReason] = useState<string>(mode === "shortfall" ? "small_balance" : "small_overpayment");
  const [amount, setAmount] = useState("");
  const [withCash, setWithCash] = useState(list.length > 0);
  const [note, setNote] = useState("");
  const limit = minorOf(ws.viewer.writeOffLimit, cur) ?? 0n;
  const m = minorOf(amount, cur);
  const needsApproval = m !== null && m > limit;
  const inv = list.find((a) => a.invoiceId === invoiceId);
  const suggested = inv ? (minorOf(inv.open, cur) ?? 0n) - (minorOf(inv.amount, cur) ?? 0n) : null;
  return (
    <form onSubmit={(e) => {
      e.preventDefault();
      void run("write-off", {
        amount, reasonCode: mode === "shortfall" ? reason : "small_overpayment", invoiceId: mode === "shortfall" ? invoiceId : undefined, note: note || undefined,
        applications: withCash ? list.map((a) => ({ invoiceId: a.invoiceId, amount: a.amount })) : [],
      });
    }}>
      <fieldset className="row">
        <legend>What is written off</legend>
        <label className="row"><input type="radio" name="wo-mode" checked={mode === "shortfall"} onChange={() => { setMode("shortfall"); setReason("small_balance"); }} /> Shortfall on an invoice</label>
        <label className="row"><input type="radio" name="wo-mode" checked={mode === "excess"} onChange={() => { setMode("excess"); setReason("small_overpayment"); }} /> Excess cash (small overpayment)</label>
      </fieldset>
      {mode === "shortfall" && (
        <>
          <label>Invoice
            <select value={invoiceId} onChange={(e) => setInvoiceId(e.target.value)} required>
              {list.length === 0 && <option value="">— allocate an invoice first —</option>}
              {list.map((a) => <option key={a.invoiceId} value={a.invoiceId}>{a.number} (open {a.open})</option>)}
            </select>
          </label>
          <label>Reason
            <select value={reason} onChange={(e) => setReason(e.target.value)}>
              {SHORTFALL_WRITE_OFF_REASONS.map((x) => <option key={x} value={x}>{humanize(x)}</option>)}
            </select>
          </label>
        </>
      )}
      <label>Amount to write off ({cur})
        <span className="row">
          <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required aria-describedby="wo-limit" />
          {mode === "shortfall" && suggested !== null && suggested > 0n && <button type="button" className="link" onClick={() => setAmount(fromMinor(suggested, cur))}>the rest: {fromMinor(suggested, cur)}</button>}
        </span>
      </label>
      <label className="row"><input type="checkbox" checked={withCash} onChange={(e) => setWithCash(e.target.checked)} disabled={list.length === 0} /> Also apply the allocated cash ({list.length} invoice{list.length === 1 ? "" : "s"}) in the same step</label>
      <p id="wo-limit" className={needsApproval ? "notice warn" : "muted"}>
        Your write-off limit: {formatMoney(limit, cur)}.{needsApproval ? " This is above it: a second person (not you) must approve, and nothing moves until then." : ""}
      </p>
      <Note value={note} onChange={setNote} label={needsApproval ? "Note for the approver" : "Note (optional)"} />
      <button type="submit" disabled={pending || (mode === "shortfall" && !invoiceId)}>{needsApproval ? "Send for approval" : "Write off"}</button>
    </form>
  );
}

export function EscalateForm({ ws, run, pending, assignees }: Base & { assignees: Assignee[] }) {
  const [to, setTo] = useState(assignees.find((a) => a.role === "CONTROLLER")?.id ?? assignees[0]?.id ?? "");
  const [note, setNote] = useState("");
  return (
    <form onSubmit={(e) => { e.preventDefault(); void run("escalate", { assigneeId: to, note }); }}>
      <label>Escalate to
        <select value={to} onChange={(e) => setTo(e.target.value)} required>
          {assignees.map((a) => <option key={a.id} value={a.id}>{a.name} · {humanize(a.role)}</option>)}
        </select>
      </label>
      <Note value={note} onChange={setNote} label="What should they decide? (required)" required />
      <button type="submit" disabled={pending || !to || note.trim().length < 3 || !ws.case}>Escalate</button>
    </form>
  );
}

export function CommentForm({ run, pending }: Base) {
  const [body, setBody] = useState("");
  return (
    <form onSubmit={async (e) => { e.preventDefault(); if (await run("comment", { body })) setBody(""); }}>
      <Note value={body} onChange={setBody} label="Comment" required />
      <button type="submit" disabled={pending || !body.trim()}>Add comment</button>
    </form>
  );
}
