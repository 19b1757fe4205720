"use client";
// Apply the receipt to an invoice in ANOTHER currency (issue 17): the analyst names the invoice (and optionally the
// amount), the server previews both amounts, the rate with its day and source and the realised FX, and only then
// "Apply across currencies" sends the previewed figures (the server recomputes them and refuses a changed rate).
// Refusals (policy off for the entity or customer, no rate, beyond tolerance) come back as the server's words.
import { useState } from "react";
import type { CrossCurrencyPreview } from "@/lib/exceptions/cross-currency-schemas.ts";
import { apiFetch, errorText } from "../ui/api-fetch.ts";
import { formatMoney as money } from "../format.ts";

type Props = {
  receiptId: string; currency: string; disabled: boolean; pending: boolean; error: { text: string } | null;
  run: (path: string, body: Record<string, unknown>) => Promise<boolean>;
};

export function CrossCurrencyPanel({ receiptId, currency, disabled, pending, error, run }: Props) {
  const [invoice, setInvoice] = useState("");
  const [amount, setAmount] = useState("");
  const [preview, setPreview] = useState<CrossCurrencyPreview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [applied, setApplied] = useState(false);

  async function look(e: React.FormEvent) {
    e.preventDefault();
    setPreview(null);
    setProblem(null);
    setApplied(false);
    setLoading(true);
    try {
      const q = new URLSearchParams({ invoice: invoice.trim(), ...(amount.trim() ? { amount: amount.trim() } : {}) });
      setPreview(await apiFetch<CrossCurrencyPreview>(`/api/v1/receipts/${receiptId}/cross-currency?${q}`));
    } catch (err) {
      setProblem(errorText(err));
    } finally {
      setLoading(false);
    }
  }

  async function apply() {
    if (!preview) return;
    const ok = await run("cross-currency", { invoiceId: preview.invoiceId, amount: preview.receiptAmount, rate: preview.rate });
    if (ok) { setApplied(true); setPreview(null); }
  }

  const p = preview;
  const gain = p && !p.realisedFx.startsWith("-");
  return (
    <section className="panel" aria-labelledby="fx-h" data-testid="cross-currency">
      <div className="panel-head"><h2 id="fx-h">Invoice in another currency</h2></div>
      <form className="row" onSubmit={look}>
        <label className="row grow"><span>Invoice no.</span>
          <input value={invoice} onChange={(e) => setInvoice(e.target.value)} placeholder="e.g. INV-EU-000501" disabled={disabled} data-testid="fx-invoice" required />
        </label>
        <label className="row"><span>{currency} amount</span>
          <input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" size={9} placeholder="all unapplied" disabled={disabled} data-testid="fx-amount" />
        </label>
        <button type="submit" disabled={disabled || loading || !invoice.trim()}>{loading ? "Looking…" : "Preview"}</button>
      </form>
      {problem && <div role="alert" className="inline-error" data-testid="fx-problem">{problem}</div>}
      {p && (
        <div data-testid="fx-preview">
          <dl className="kv">
            <dt>Invoice</dt><dd><span className="mono">{p.invoiceNumber}</span> · {p.customerName} · open {money(p.invoiceOpen, p.invoiceCurrency)}</dd>
            <dt>Receipt amount</dt><dd className="mono" data-testid="fx-receipt-amount">{money(p.receiptAmount, p.receiptCurrency)}</dd>
            <dt>Invoice amount</dt><dd className="mono" data-testid="fx-invoice-amount">{money(p.invoiceAmount, p.invoiceCurrency)}{p.clearsInvoice ? " (paid in full)" : ` (open after: ${money(p.invoiceOpenAfter, p.invoiceCurrency)})`}</dd>
            <dt>Rate</dt><dd data-testid="fx-rate">1 {p.receiptCurrency} = {p.rate} {p.invoiceCurrency} · {p.rateDate} · {p.rateSource}</dd>
            <dt>Converted</dt><dd className="mono">{money(p.convertedAmount, p.invoiceCurrency)} <span className="muted">(difference {money(p.difference, p.functionalCurrency)}; tolerance {money(p.tolerance, p.functionalCurrency)}, {p.toleranceBasisPoints} bp)</span></dd>
            <dt>Realised FX</dt><dd className="mono" data-testid="fx-realised">{gain ? "gain" : "loss"} {money(p.realisedFx.replace(/^-/, ""), p.functionalCurrency)}</dd>
          </dl>
          <button type="button" className="primary" onClick={() => void apply()} disabled={pending} data-testid="fx-apply">Apply across currencies</button>
        </div>
      )}
      {error && !applied && p && <div role="alert" className="inline-error">{error.text}</div>}
    </section>
  );
}
