"use client";
// On the payment's page: the advice(s) linked to it (lines, adjustments), the deductions they explained, or
// "remittance expected" for a customer who always sends one.
import { useEffect, useState } from "react";
import { apiFetch } from "@/components/ui/api-fetch.ts";
import { formatMoney } from "@/components/format.ts";

type Data = {
  expected: boolean;
  advices: { id: string; paymentReference: string; status: string; linkRule: string | null; amount: string; currency: string; channel: string; lines: { document: string; paid: string; adjustments: { amount: string; reason: string; text: string | null }[] }[] }[];
  deductions: { id: string; invoiceNumber: string | null; reason: string; amount: string; currency: string; status: string; ownerTeam: string }[];
};

export function ReceiptRemittancePanel({ receiptId }: { receiptId: string }) {
  const [data, setData] = useState<Data | null>(null);
  useEffect(() => { apiFetch<Data>(`/api/v1/receipts/${receiptId}/remittance`).then(setData, () => setData(null)); }, [receiptId]);
  if (!data || (!data.expected && data.advices.length === 0 && data.deductions.length === 0)) return null;
  return (
    <section className="card" data-testid="receipt-remittance">
      <h2>Remittance</h2>
      {data.expected && <p className="warning" data-testid="remittance-expected">Remittance expected: this customer always sends an advice, none has arrived yet.</p>}
      {data.advices.map((a) => (
        <div key={a.id}>
          <p>Advice {a.paymentReference} ({a.channel}, linked by {a.linkRule ?? "—"}): {formatMoney(a.amount, a.currency)} · {a.status.toLowerCase()}</p>
          <table className="grid">
            <thead><tr><th>Document</th><th className="num">Paid</th><th>Adjustments</th></tr></thead>
            <tbody>{a.lines.map((l, i) => (
              <tr key={i}><td>{l.document}</td><td className="num">{l.paid}</td><td>{l.adjustments.map((j) => `${j.amount} ${j.reason}${j.text ? ` (${j.text})` : ""}`).join("; ") || "—"}</td></tr>
            ))}</tbody>
          </table>
        </div>
      ))}
      {data.deductions.length > 0 && (
        <>
          <h3>Deductions the advice explained</h3>
          <ul data-testid="receipt-deductions">
            {data.deductions.map((d) => <li key={d.id}>{d.invoiceNumber}: {formatMoney(d.amount, d.currency)} {d.reason} — {d.status.toLowerCase().replaceAll("_", " ")} ({d.ownerTeam}) <a href="/deductions">queue</a></li>)}
          </ul>
        </>
      )}
    </section>
  );
}
