"use client";
// Candidate invoices, ranked by the server (suggested → the identified customer's → others), searchable across all
// customers of the entity by invoice number, PO, customer name or amount. Each applicable row takes an amount;
// "fill" puts as much of the remaining cash on it as it has open.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { forwardRef, useEffect, useState } from "react";
import type { Candidate } from "@/lib/exceptions/search-candidate-invoices.ts";
import { fromMinor } from "@/lib/money/money.ts";
import { apiFetch, errorText } from "../ui/api-fetch.ts";
import { formatMoney as money } from "../format.ts";
import { minorOf, type Allocations } from "./allocations.ts";

/** Why a candidate ranks where it does, as short hints next to its number (the full reasons are in the tooltip). */
const HINT: Record<string, string> = { "named in the remittance": "in remittance", "exact amount": "exact amount" };

const GROUP_LABEL: Record<Candidate["group"], (c: Candidate) => string> = {
  suggested: () => "Suggested by the matching engine",
  customer: (c) => `${c.customerName}: open invoices, closest first`,
  other: () => "Other customers",
};

type Props = {
  receiptId: string; currency: string; initial: Candidate[]; allocations: Allocations; remainingMinor: bigint; disabled: boolean;
  /** Problems of the allocation as typed (allocations.ts allocationProblems), shown on the row and above the table. */
  problems: { byInvoice: Record<string, string>; total: string | null };
  onAmount: (c: Candidate, amount: string) => void;
};

export const CandidateInvoices = forwardRef<HTMLInputElement, Props>(function CandidateInvoices({ receiptId, currency, initial, allocations, remainingMinor, disabled, onAmount, problems }, searchRef) {
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => { const t = setTimeout(() => setQ(text.trim()), 300); return () => clearTimeout(t); }, [text]);
  const query = useQuery({
    queryKey: ["candidates", receiptId, q],
    queryFn: ({ signal }) => apiFetch<{ items: Candidate[] }>(`/api/v1/receipts/${receiptId}/candidates?${new URLSearchParams(q ? { q } : {})}`, { signal }),
    initialData: q === "" ? { items: initial } : undefined,
    placeholderData: keepPreviousData,
  });
  const items = query.data?.items ?? [];
  const fill = (c: Candidate) => {
    const open = minorOf(c.open, currency) ?? 0n;
    const mine = minorOf(allocations[c.id]?.amount ?? "", currency) ?? 0n;
    const room = remainingMinor + mine;
    onAmount(c, fromMinor(room < open ? (room > 0n ? room : 0n) : open, currency));
  };
  return (
    <section className="panel" aria-labelledby="cand-h">
      <div className="panel-head search-head">
        <h2 id="cand-h">Candidate invoices</h2>
        <label className="row grow"><span>Search <span className="muted">(/)</span></span>
          <input ref={searchRef} type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="invoice no., PO, customer name or amount — all customers" data-testid="candidate-search" />
        </label>
        {query.isFetching && <span className="muted" aria-live="polite">searching…</span>}
      </div>
      {query.isError && <div role="alert" className="inline-error">{errorText(query.error)}</div>}
      {problems.total && <div role="alert" className="field-error" data-testid="allocation-error">{problems.total}</div>}
      {items.length === 0 ? <p className="muted">{q ? "No open invoice matches." : "No candidates."}</p> : (
        <div className="scroll">
          <table className="grid compact" data-testid="candidates-table">
            <thead><tr><th scope="col">Invoice</th><th scope="col">Customer</th><th scope="col" className="due">Due</th><th scope="col" className="num">Open</th><th scope="col" className="num">Allocate</th></tr></thead>
            <tbody>
              {items.map((c, i) => [
                c.group !== items[i - 1]?.group && (
                  <tr key={`g-${c.group}`} className="group"><th scope="rowgroup" colSpan={5}>{GROUP_LABEL[c.group](c)}</th></tr>
                ),
                <tr key={c.id} data-invoice={c.number} className={allocations[c.id] && (minorOf(allocations[c.id]!.amount, currency) ?? 0n) > 0n ? "allocated" : undefined}>
                  <td title={c.why.join(", ")}>
                    <span className="mono">{c.number}</span>{c.poNumber ? <span className="muted"> · {c.poNumber}</span> : null}
                    {c.why.filter((w) => HINT[w]).map((w) => <span key={w} className="hint">{HINT[w]}</span>)}
                  </td>
                  <td className="fill" title={c.customerName}><span>{c.customerName}</span></td>
                  <td className="due">{c.dueDate}</td>
                  <td className="num">{money(c.open, c.currency)}</td>
                  <td className="num">
                    {c.applicable ? (
                      <span className="alloc">
                        <input
                          aria-label={`Amount for invoice ${c.number}`} inputMode="decimal" size={7} disabled={disabled}
                          value={allocations[c.id]?.amount ?? ""} onChange={(e) => onAmount(c, e.target.value)}
                          aria-invalid={!!problems.byInvoice[c.id] || (!!problems.total && !!allocations[c.id]?.amount)}
                          aria-describedby={problems.byInvoice[c.id] ? `alloc-err-${c.id}` : undefined} title={problems.byInvoice[c.id]}
                        />
                        <button type="button" className="link" onClick={() => fill(c)} disabled={disabled} aria-label={`Fill invoice ${c.number}`}>fill</button>
                      </span>
                    ) : <span className="muted">{c.status.toLowerCase().replace("_", " ")}</span>}
                    {problems.byInvoice[c.id] && <span className="field-error sub" id={`alloc-err-${c.id}`}>{problems.byInvoice[c.id]}</span>}
                  </td>
                </tr>,
              ])}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
});
