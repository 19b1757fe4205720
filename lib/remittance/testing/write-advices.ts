// Advices → files as customers send them: an X12 820 interchange (005010: ISA/GS/ST/BPR/TRN/CUR/N1/ENT/RMR/ADX/
// SE/GE/IEA, one ST…SE per payment) or the contract's CSV remittance (one row per line; a line with several
// adjustments repeats the document with paid 0). Used by the scenario generator, the tests and the benchmark.
import { csvField } from "../../cashapp/csv.ts";
import { CSV_COLUMNS } from "../formats/csv.ts";
import { x12CodeFor } from "./x12-reasons.ts";
import type { RemittanceAdvice } from "../types.ts";

const fixed = (s: string, n: number) => s.slice(0, n).padEnd(n, " ");
const clean = (s: string) => s.replace(/[*~>^]/g, " ");

export function toX12820(advices: readonly RemittanceAdvice[], control = 1, date = "20261130"): string {
  const ctl = String(control).padStart(9, "0");
  const seg: string[] = [
    `ISA*00*${fixed("", 10)}*00*${fixed("", 10)}*ZZ*${fixed("PAYERBANK", 15)}*ZZ*${fixed("CASHLINE", 15)}*${date.slice(2)}*1200*^*00501*${ctl}*0*P*>`,
    `GS*RA*PAYERBANK*CASHLINE*${date}*1200*${control}*X*005010`,
  ];
  advices.forEach((a, k) => {
    const st = String(k + 1).padStart(4, "0");
    const body = [
      `ST*820*${st}`,
      `BPR*C*${a.payment_amount}*C*${a.method ?? "ACH"}*CTX*01*021000021*DA*123456789*1234567890**01*026009593*DA*987654321*${(a.payment_date ?? date).replace(/-/g, "")}`,
      `TRN*1*${clean(a.payment_reference)}*1234567890`,
      ...(a.currency !== "USD" ? [`CUR*PR*${a.currency}`] : []),
      `N1*PR*${clean(a.payer_name ?? "")}${a.payer_id ? `*91*${clean(a.payer_id)}` : ""}`,
      `N1*PE*${clean(a.payee_name ?? "CASHLINE DEMO CO")}`,
      "ENT*1",
    ];
    for (const l of a.lines) {
      body.push(`RMR*${l.document_type === "credit_memo" ? "CR" : "IV"}*${clean(l.document)}*PI*${l.paid}*${l.invoice_amount ?? ""}*${l.discount === "0.00" ? "" : l.discount}`.replace(/\*+$/, ""));
      for (const adj of l.adjustments) body.push(`ADX*${adj.amount}*${adj.code ?? x12CodeFor(adj.reason)}`);
    }
    body.push(`SE*${body.length + 1}*${st}`);
    seg.push(...body);
  });
  seg.push(`GE*${advices.length}*${control}`, `IEA*1*${ctl}`);
  return seg.join("~\n") + "~\n";
}

export function toContractCsv(advices: readonly RemittanceAdvice[]): string {
  const rows = [CSV_COLUMNS.join(",")];
  for (const a of advices) {
    for (const l of a.lines) {
      const adjs = l.adjustments.length ? l.adjustments : [null];
      adjs.forEach((adj, k) => {
        rows.push([
          a.payment_reference, a.payer_name ?? "", a.currency, a.payment_amount, a.payment_date ?? "", l.document,
          k === 0 ? l.paid : "0.00", k === 0 ? (l.invoice_amount ?? "") : "", k === 0 ? l.discount : "0.00",
          adj?.amount ?? "", adj?.reason ?? "", adj?.text ?? "",
        ].map(csvField).join(","));
      });
    }
  }
  return rows.join("\n") + "\n";
}
