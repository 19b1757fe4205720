"use client";
// One payment's journey across systems: who has it now and why it waits, every step (time, time spent until the
// next, actor, correlation id), its applications, journal entries and exception cases. Live via react-query.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef } from "react";
import { eventTitle, STAGE_LABEL, type Stage } from "@/lib/receipts/describe-event.ts";
import type { ReceiptTimeline } from "@/lib/receipts/timeline-schema.ts";
import { StateChip } from "../state-chip.tsx";
import { apiFetch, errorText } from "../ui/api-fetch.ts";
import { formatAmount, formatDateTime as dateTime, formatDuration as duration, formatMoney, formatMoney as money, humanize, reasonLabel, withReasonLabels } from "../format.ts";
import { ShortcutHelp, type ShortcutHelpHandle } from "../ui/shortcut-help.tsx";
import { useHotkeys } from "../ui/use-hotkeys.ts";

function summary(payload: unknown, currency: string): string {
  if (!payload || typeof payload !== "object") return "";
  const p = payload as Record<string, unknown>;
  const parts: string[] = [];
  for (const k of ["invoice", "amount", "note", "reason", "assignee", "resolution", "reasonCode", "unappliedAfter", "excerpt", "customer", "payerName"]) {
    if (p[k] === undefined || p[k] === null || p[k] === "") continue;
    const v = String(p[k]);
    parts.push(`${k}: ${k === "amount" || k === "unappliedAfter" ? formatMoney(v, currency) : k === "reasonCode" ? reasonLabel(v) : k === "resolution" ? withReasonLabels(v) : v}`);
  }
  // Cross-currency application (lib/cashapp/cross-currency.ts): both currencies and the rate used.
  const fx = p.fx as { invoice_currency?: string; converted_amount?: string; rate?: string; rate_date?: string; difference_functional?: string; functional_currency?: string } | undefined;
  if (fx?.invoice_currency && fx.converted_amount && fx.rate) {
    parts.push(`FX: = ${formatMoney(fx.converted_amount, fx.invoice_currency)} at 1 ${currency} = ${fx.rate} ${fx.invoice_currency} (${fx.rate_date}), realised FX ${formatMoney(fx.difference_functional ?? "0", fx.functional_currency ?? fx.invoice_currency)}`);
  }
  if (Array.isArray(p.lines)) parts.push((p.lines as { kind: string; amount: string; invoice?: string }[]).map((l) => `${humanize(l.kind)} ${formatMoney(l.amount, currency)}${l.invoice ? ` → ${l.invoice}` : ""}`).join(", "));
  return parts.join(" · ");
}

export function PaymentTimeline({ id, initial, canWork }: { id: string; initial: ReceiptTimeline; canWork: boolean }) {
  const router = useRouter();
  const help = useRef<ShortcutHelpHandle>(null);
  const query = useQuery({ queryKey: ["timeline", id], queryFn: ({ signal }) => apiFetch<ReceiptTimeline>(`/api/v1/receipts/${id}/timeline`, { signal }), initialData: initial });
  const t = query.data;
  const r = t.receipt;
  const openCase = t.cases.find((c) => !["RESOLVED", "CANCELLED"].includes(c.status));
  useHotkeys({ u: () => router.push("/payments"), w: () => canWork && router.push(`/exceptions/${openCase?.id ?? r.id}`), "?": () => help.current?.open() });
  return (
    <div className="timeline-page">
      <div className="titlebar">
        <Link href="/payments" className="back">← Payments (u)</Link>
        <h1>Payment <span className="mono">{r.id}</span> · <span className="mono">{money(r.amount, r.currency)}</span></h1>
        <StateChip value={r.state} />
        {canWork && <Link href={`/exceptions/${openCase?.id ?? r.id}`}>{openCase ? "Work the open case (w) →" : "Open workspace (w) →"}</Link>}
        <span className="muted">{query.isFetching ? "refreshing…" : `as of ${dateTime(t.asOf)} UTC`}</span>
        <button type="button" className="link" onClick={() => help.current?.open()}>Shortcuts (?)</button>
      </div>
      {query.isError && <div role="alert" className="notice bad">Refreshing failed: {errorText(query.error)}</div>}
      <section className="owner" aria-label="Current owner" data-testid="owner">
        <div><span className="label">Now with</span><strong>{t.owner.owner}</strong></div>
        <div><span className="label">Waiting for</span>{t.owner.waitingFor}{t.owner.detail ? <span className="muted"> · {t.owner.detail}</span> : null}</div>
        <div><span className="label">In this state since</span>{dateTime(t.owner.since)} UTC ({duration(new Date(t.asOf).getTime() - new Date(t.owner.since).getTime())})
          {t.owner.allowedMs ? <span className={t.owner.stalled ? "overdue" : "muted"} data-testid="stall"> · {t.owner.stalled ? "stalled" : "on time"}: {duration(t.owner.allowedMs)} allowed in this state</span> : null}</div>
      </section>
      <dl className="kv wide">
        <dt>Payer</dt><dd>{r.payerName ?? "—"} {r.payerAccount ? <span className="mono muted">{r.payerAccount}</span> : null}</dd>
        <dt>Customer</dt><dd>{r.customer ?? "—"}</dd>
        <dt>Entity</dt><dd>{r.entity}</dd>
        <dt>Value date</dt><dd>{r.valueDate} · {humanize(r.channel)}</dd>
        <dt>Unapplied</dt><dd className="mono">{money(r.unapplied, r.currency)}</dd>
        <dt>Source</dt><dd className="mono">{r.sourceSystem} · {r.sourceId}{r.documentId ? ` · doc ${r.documentId}` : ""}</dd>
        <dt>Bank ref</dt><dd className="mono">{r.bankReference ?? "—"}{r.processorReference ? ` · ${r.processorReference}` : ""}</dd>
        <dt>Correlation id</dt><dd className="mono">{r.correlationId ?? "—"}</dd>
        <dt>Remittance</dt><dd>{r.remittance || "—"}</dd>
        <dt>Posting latency</dt><dd>{r.postingLatencyMs !== null ? duration(r.postingLatencyMs) : "not posted"}</dd>
      </dl>

      <h2>Timeline</h2>
      <table className="grid timeline" data-testid="timeline">
        <thead><tr><th scope="col">When (UTC)</th><th scope="col">Stage</th><th scope="col">Step</th><th scope="col">State</th><th scope="col">Actor</th><th scope="col" className="num">Time in step</th><th scope="col">Correlation id</th><th scope="col">Details</th></tr></thead>
        <tbody>
          {t.steps.map((s) => (
            <tr key={s.id}>
              <td>{dateTime(s.at)}</td>
              <td><span className={`stage stage-${s.stage}`}>{STAGE_LABEL[s.stage as Stage] ?? s.stage}</span></td>
              <td className="mono">{eventTitle(s.type)}{s.exceptionCode ? <span className="muted"> ({humanize(s.exceptionCode)})</span> : null}</td>
              <td>{s.fromState || s.toState ? <>{s.fromState ? humanize(s.fromState) : "·"} → <strong>{s.toState ? humanize(s.toState) : "·"}</strong></> : <span className="muted">—</span>}</td>
              <td>{s.actor ?? "—"} <span className="muted">({humanize(s.actorType)})</span></td>
              <td className="num">{duration(s.durationMs)}</td>
              <td className="mono small">{s.correlationId ?? "—"}</td>
              <td className="clip wide" title={summary(s.payload, r.currency)}>{summary(s.payload, r.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Applications</h2>
          {t.applications.length === 0 ? <p className="muted">None.</p> : (
            <table className="grid compact">
              <thead><tr><th scope="col">Kind</th><th scope="col">Invoice</th><th scope="col">Customer</th><th scope="col" className="num">Amount</th><th scope="col">By</th><th scope="col">At</th><th scope="col">Reversal</th></tr></thead>
              <tbody>
                {t.applications.map((a) => (
                  <tr key={a.id} className={a.reversedAt ? "reversed" : undefined}>
                    <td>{humanize(a.kind)}{a.reasonCode ? ` · ${reasonLabel(a.reasonCode)}` : ""}</td><td className="mono">{a.invoiceNumber ?? "—"}</td><td className="clip">{a.customerName ?? "—"}</td>
                    <td className="num">{money(a.amount, a.currency)}</td><td>{a.appliedBy ?? humanize(a.appliedByType)}</td><td>{dateTime(a.appliedAt)}</td>
                    <td className="fill" title={a.reversalReason ?? undefined}><span>{a.reversedAt ? `${dateTime(a.reversedAt)} by ${a.reversedBy ?? "?"}: ${a.reversalReason ?? ""}` : ""}</span></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
      <div className="cols">
        <section className="col-main">
          <h2>Journal entries</h2>
          {t.journal.length === 0 ? <p className="muted">None yet.</p> : t.journal.map((j) => (
            <div key={j.id} className="journal" data-testid="journal-entry">
              <div className="row"><StateChip value={j.status} /><span className="mono">{j.idempotencyKey}</span><span>{j.memo}</span>
                <span className="muted">ERP doc {j.erpDocumentId ?? "—"} · {j.attempts} attempt(s){j.lastError ? ` · ${j.lastError}` : ""}</span>
                {!j.balanced && <span className="overdue">UNBALANCED</span>}</div>
              <table className="grid compact"><thead><tr><th scope="col">Account</th><th scope="col">Description</th><th scope="col" className="num">Debit</th><th scope="col" className="num">Credit</th></tr></thead>
                <tbody>{j.lines.map((l, i) => <tr key={i}><td className="mono">{l.account}</td><td>{l.description}</td><td className="num">{/^0(\.0+)?$/.test(l.debit) ? "" : formatAmount(l.debit)}</td><td className="num">{/^0(\.0+)?$/.test(l.credit) ? "" : formatAmount(l.credit)}</td></tr>)}</tbody>
              </table>
            </div>
          ))}
        </section>
        <section className="col-side">
          <h2>Exception cases</h2>
          {t.cases.length === 0 ? <p className="muted">None: the engine handled it.</p> : (
            <ul className="plain">
              {t.cases.map((c) => (
                <li key={c.id}>{canWork ? <Link href={`/exceptions/${c.id}`}><StateChip value={c.code} /></Link> : <StateChip value={c.code} />} {humanize(c.status)} · {c.assignee ?? "unassigned"} · opened {dateTime(c.createdAt)}{c.resolution ? <div className="muted">{withReasonLabels(c.resolution)}</div> : null}</li>
              ))}
            </ul>
          )}
          <h2>Bank lines</h2>
          {t.bankLines.length === 0 ? <p className="muted">None (processor payment).</p> : (
            <ul className="plain">{t.bankLines.map((b) => <li key={b.id}><span className="mono">{formatMoney(b.amount, r.currency)}</span> · {b.valueDate} · {b.type ?? ""} · <span className="mono">{b.bankReference}</span>{b.statementRef ? <span className="muted"> · {b.statementRef}</span> : null}{b.reconciled ? " · reconciled" : ""}</li>)}</ul>
          )}
        </section>
      </div>
      <ShortcutHelp ref={help} title="Payment page shortcuts" shortcuts={[{ keys: ["u"], does: "back to payments" }, { keys: ["w"], does: "open the receipt workspace" }, { keys: ["?"], does: "this help" }]} />
    </div>
  );
}
