// The receipt's facts: the payment itself, where it came from (lineage), and why it is in the queue (the engine's
// reasons, suggestion and match decision).
import Link from "next/link";
import type { Workspace } from "@/lib/exceptions/workspace-schema.ts";
import { formatDateTime as dateTime, formatMoney as money, humanize } from "../format.ts";

type R = NonNullable<Workspace["receipt"]>;
const Row = ({ k, v, mono }: { k: string; v: React.ReactNode; mono?: boolean }) => (<><dt>{k}</dt><dd className={mono ? "mono" : undefined}>{v ?? "—"}</dd></>);

export function PaymentFacts({ r }: { r: R }) {
  return (
    <section className="panel" aria-labelledby="payment-h">
      <h2 id="payment-h">Payment</h2>
      <dl className="kv">
        <Row k="Payer" v={<strong>{r.payerName ?? "—"}</strong>} />
        <Row k="Payer account" v={r.payerAccount} mono />
        <Row k="Amount" v={<span className="mono">{money(r.amount, r.currency)}</span>} />
        <Row k="Unapplied" v={<span className="mono" data-testid="unapplied">{money(r.unapplied, r.currency)}</span>} />
        <Row k="Value date" v={r.valueDate} />
        <Row k="Channel" v={humanize(r.channel)} />
        <Row k="Remittance" v={r.remittance ? <span className="remit">{r.remittance}</span> : null} />
        <Row k="Bank reference" v={r.bankReference} mono />
        {r.processorReference && <Row k="Processor ref" v={r.processorReference} mono />}
        <Row k="Customer" v={r.customer ? `${r.customer.name} (${r.customer.erpAccountNumber})` : <span className="muted">not identified</span>} />
        <Row k="Entity" v={`${r.entity.code} · ${r.entity.name}`} />
        <Row k="Bank account" v={r.bankAccount ? `${r.bankAccount.name} · ${r.bankAccount.bankName} ${r.bankAccount.accountNumber}` : null} />
        {r.manualUpload && (
          <Row k="Cash source" v={<span className="chip warn" data-testid="manual-upload">manual upload by {r.manualUpload.uploadedBy ?? "a person"}{r.manualUpload.byYou ? " (you: someone else must apply it)" : ""}</span>} />
        )}
        {r.accountingNote && <Row k="Accounting" v={<span className="chip warn">{r.accountingNote}</span>} />}
      </dl>
    </section>
  );
}

export function LineageFacts({ r }: { r: R }) {
  const l = r.lineage;
  return (
    <section className="panel" aria-labelledby="lineage-h">
      <h2 id="lineage-h">Lineage</h2>
      <dl className="kv">
        <Row k="Source" v={`${l.sourceSystem} · ${l.sourceId}`} mono />
        <Row k="Natural key" v={l.naturalKey} mono />
        <Row k="Received" v={`${dateTime(l.receivedAt)} UTC`} />
        <Row k="Correlation id" v={l.correlationId} mono />
        <Row k="Raw document" v={l.document ? <span title={`sha256 ${l.document.sha256}`}>{l.document.kind === "bank_statement" ? <Link href={`/bank-files?file=${l.document.id}`}>{l.document.filename ?? l.document.kind}</Link> : (l.document.filename ?? l.document.kind)} <span className="mono muted">{l.document.id}</span></span> : null} />
        <Row k="Statement line" v={l.bankLine ? <span>{l.bankLine.statementRef ?? "no statement yet"} · <span className="mono">{l.bankLine.bankReference}</span> · {l.bankLine.counterpartyName ?? ""} {l.bankLine.counterpartyAccount ? <span className="mono">{l.bankLine.counterpartyAccount}</span> : null}{l.bankLine.documentId ? <> · <Link href={`/bank-files?file=${l.bankLine.documentId}`}>raw file <span className="mono">{l.bankLine.documentId}</span></Link></> : null}</span> : null} />
      </dl>
    </section>
  );
}

export function WhyFacts({ ws, onUseSuggestion }: { ws: Workspace; onUseSuggestion: () => void }) {
  const c = ws.case;
  return (
    <section className="panel" aria-labelledby="why-h">
      <h2 id="why-h">Why it is here</h2>
      {c ? (
        <>
          <ul className="reasons">{c.reasons.map((r) => <li key={r}>{r}</li>)}</ul>
          {c.suggestion.length > 0 ? (
            <div className="suggestion">
              <span>Engine suggests: </span>
              {c.suggestion.map((s, i) => <span key={i} className="mono">{s.invoiceNumber ?? s.invoiceId ?? "?"}{s.amount ? ` · ${money(s.amount, ws.receipt?.currency)}` : ""}{i < c.suggestion.length - 1 ? ", " : ""}</span>)}
              {ws.receipt && Number(ws.receipt.unapplied) > 0 && <button type="button" className="link" onClick={onUseSuggestion}>use suggestion</button>}
            </div>
          ) : <p className="muted">No suggestion from the engine.</p>}
        </>
      ) : <p className="muted">No exception case: the engine handled this receipt.</p>}
      {ws.receipt?.matchDecision ? (
        <details><summary>Match decision {ws.receipt.ruleVersion ? <span className="mono muted">({ws.receipt.ruleVersion})</span> : null}</summary><pre className="json">{JSON.stringify(ws.receipt.matchDecision, null, 2)}</pre></details>
      ) : ws.receipt?.ruleVersion ? <p className="muted">Rule version <span className="mono">{ws.receipt.ruleVersion}</span></p> : null}
    </section>
  );
}
