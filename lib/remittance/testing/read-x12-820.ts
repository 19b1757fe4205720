// A minimal X12 820 reader (005010 / 004010 shapes: ISA/GS/ST, BPR, TRN, CUR, N1, ENT, RMR, ADX, SE/GE/IEA) for the
// engine's tests, the CLI and the benchmark until the real parser (lib/remittance/formats, remit-formats) is merged.
// Separators come from the ISA segment; every ST…SE transaction is one advice.
import { RemittanceParseError, type RemittanceAdvice, type RemittanceLine } from "../types.ts";
import { reasonForX12 } from "./x12-reasons.ts";

const AMOUNT = /^-?\d+(\.\d+)?$/;

export function readX12820(text: string, fileName: string): RemittanceAdvice[] {
  const t = text.replace(/^\uFEFF/, "").trimStart();
  if (!t.startsWith("ISA") || t.length < 106) throw new RemittanceParseError(`${fileName}: segment 1 ISA`, "not an X12 interchange (no ISA header)");
  const el = t[3]!;
  const term = t[105]!;
  const segments = t.split(term).map((s) => s.replace(/^[\r\n]+/, "")).filter((s) => s.trim().length);
  const advices: RemittanceAdvice[] = [];
  let cur: RemittanceAdvice | null = null;
  let line: RemittanceLine | null = null;
  let n = 0;
  const bad = (id: string, k: number, problem: string) => new RemittanceParseError(`${fileName}: segment ${n} ${id}${String(k).padStart(2, "0")}`, problem);
  const amount = (v: string | undefined, id: string, k: number, required = true): string => {
    if (!v) {
      if (required) throw bad(id, k, "amount missing");
      return "0.00";
    }
    if (!AMOUNT.test(v)) throw bad(id, k, `"${v}" is not an amount`);
    return v.includes(".") ? v : `${v}.00`;
  };
  for (const seg of segments) {
    n++;
    const e = seg.split(el);
    const id = e[0]!.trim();
    if (id === "ST") {
      if (e[1] !== "820") throw bad("ST", 1, `transaction set ${e[1]} is not an 820`);
      cur = { payment_reference: "", payer_name: null, payer_id: null, payee_name: null, currency: "USD", payment_amount: "0.00", payment_date: null, method: null, lines: [] };
      line = null;
      continue;
    }
    if (!cur) continue; // ISA, GS, GE, IEA
    switch (id) {
      case "BPR":
        cur.payment_amount = amount(e[2], "BPR", 2);
        cur.method = e[4] || null;
        if (e[16]) {
          if (!/^\d{8}$/.test(e[16])) throw bad("BPR", 16, `"${e[16]}" is not a CCYYMMDD date`);
          cur.payment_date = `${e[16].slice(0, 4)}-${e[16].slice(4, 6)}-${e[16].slice(6, 8)}`;
        }
        break;
      case "TRN":
        if (!e[2]) throw bad("TRN", 2, "trace number missing");
        cur.payment_reference = e[2];
        break;
      case "CUR":
        if (e[2]) cur.currency = e[2].toUpperCase();
        break;
      case "N1":
        if (e[1] === "PR") (cur.payer_name = e[2] || null), (cur.payer_id = e[4] || null);
        if (e[1] === "PE") cur.payee_name = e[2] || null;
        break;
      case "RMR": {
        if (!e[2]) throw bad("RMR", 2, "reference missing");
        line = {
          document: e[2], document_type: e[1] === "CR" ? "credit_memo" : e[1] === "IV" ? "invoice" : "other",
          paid: amount(e[4], "RMR", 4), invoice_amount: e[5] ? amount(e[5], "RMR", 5) : null, discount: amount(e[6], "RMR", 6, false), adjustments: [],
        };
        cur.lines.push(line);
        break;
      }
      case "ADX":
        if (line) line.adjustments.push({ amount: amount(e[1], "ADX", 1), reason: reasonForX12(e[2] ?? ""), code: e[2] || null, text: null });
        break;
      case "SE":
        if (!cur.payment_reference) throw bad("TRN", 2, "transaction without a TRN trace number");
        advices.push(cur);
        cur = null;
        break;
    }
  }
  if (cur) throw new RemittanceParseError(`${fileName}: segment ${n}`, "transaction not closed by SE");
  return advices;
}
