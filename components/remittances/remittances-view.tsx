"use client";
import { Fragment, useState } from "react";
import { apiFetch } from "@/components/ui/api-fetch.ts";
import { RemittanceUpload } from "./remittance-upload.tsx";
import { formatMoney } from "@/components/format.ts";
import { ColumnMappingReview } from "./column-mapping-review.tsx";

type Extraction = { confidence: number; problems: string[]; headers: string[]; columns: Record<string, string> };
type Row = { id: string; paymentReference: string; payerName: string | null; amount: string; currency: string; status: string; channel: string; format: string; receiptId: string | null; lines: number; createdAt: string; extraction?: Extraction | null };
const reviewable = (r: Row) => r.status === "NEEDS_REVIEW" && (r.format === "csv" || r.format === "xlsx") && !!r.extraction;

export function RemittancesView({ initial, canUpload }: { initial: Row[]; canUpload: boolean }) {
  const [rows, setRows] = useState(initial);
  const [reviewing, setReviewing] = useState<string | null>(null);
  const reload = async () => setRows((await apiFetch<{ items: Row[] }>("/api/v1/remittances")).items);
  return (
    <>
      {canUpload && <RemittanceUpload onDone={reload} />}
      <table className="grid" data-testid="remittances-table">
        <thead><tr><th>Received</th><th>Payment reference</th><th>Payer</th><th className="num">Amount</th><th>Lines</th><th>Channel</th><th>Status</th><th>Payment</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <Fragment key={r.id}>
              <tr>
                <td>{r.createdAt.slice(0, 16).replace("T", " ")}</td><td>{r.paymentReference}</td><td>{r.payerName ?? "—"}</td>
                <td className="num">{formatMoney(r.amount, r.currency)}</td><td className="num">{r.lines}</td><td>{r.channel} ({r.format})</td>
                <td>
                  {r.status.toLowerCase().replaceAll("_", " ")}
                  {reviewable(r) && <> <button type="button" onClick={() => setReviewing(reviewing === r.id ? null : r.id)}>Review columns</button></>}
                </td>
                <td>{r.receiptId ? <a href={`/payments/${r.receiptId}`}>open</a> : "waiting"}</td>
              </tr>
              {reviewing === r.id && r.extraction && (
                <tr><td colSpan={8}><ColumnMappingReview adviceId={r.id} extraction={r.extraction} onDone={() => { setReviewing(null); void reload(); }} /></td></tr>
              )}
            </Fragment>
          ))}
          {rows.length === 0 && <tr><td colSpan={8} className="muted">No remittance advices yet.</td></tr>}
        </tbody>
      </table>
    </>
  );
}
