// ANSI X12 820 (Payment Order/Remittance Advice), 005010 (X218 and trade), 004010 and the older 003010 (BPS/RMT):
// one advice per ST/SE. Envelopes and delimiters: x12-envelope.ts. Reason codes: reason-codes.ts.
import type { RemittanceAdjustment, RemittanceAdvice, RemittanceLine } from "../types.ts";
import { RemittanceParseError } from "../types.ts";
import { exponentOf, formatMinor, isoDate, readDecimal } from "./amounts.ts";
import { x12Reason } from "./reason-codes.ts";
import { at, el, readInterchanges, type Segment, type TransactionSet } from "./x12-envelope.ts";

/** RMR01/RMT01 reference qualifiers (X12 element 128) that name the document a line pays. Others are "other". */
const DOCUMENT_TYPES: Record<string, RemittanceLine["document_type"]> = {
  IV: "invoice", // Seller's Invoice Number
  IK: "invoice", // Invoice Number (X218 premium invoices)
  R7: "invoice", // Accounts Receivable Open Item
  CM: "credit_memo", CL: "credit_memo", CD: "credit_memo", // Buyer's / Seller's Credit Memo, Credit Note
  DB: "debit_memo", DL: "debit_memo", // Buyer's / Seller's Debit Memo
};
/** Item-level detail under an invoice (003010 RMT*IX in N1*LI loops): already counted in the invoice's line. */
const ITEM_DETAIL = new Set(["IX"]);

/** Every 820 of the file's interchanges; other transaction sets in the same envelope (a 997, say) are verified and skipped. */
export function parseX12_820(text: string): RemittanceAdvice[] {
  return readInterchanges(text).transactionSets.filter((set) => set.code === "820").map(adviceOf);
}

type LineDraft = RemittanceLine & { seg: Segment };

function adviceOf(set: TransactionSet): RemittanceAdvice {
  const segs = set.segments;
  let currency = "USD";
  const cur = segs.find((s) => s.id === "CUR");
  if (cur && el(cur, 2)) currency = el(cur, 2)!.toUpperCase();
  const exp = exponentOf(currency, cur ? at(cur, 2) : `segment ${segs[0]!.no} (ST)`);
  const money = (seg: Segment, n: number) => {
    const v = el(seg, n);
    return v === null ? null : readDecimal(v, exp, at(seg, n));
  };
  const fmt = (m: bigint) => formatMinor(m, exp);

  let amount: bigint | null = null, date: string | null = null, method: string | null = null, reference: string | null = null;
  let payer: Segment | null = null, payee: Segment | null = null, supplier: Segment | null = null;
  const lines: LineDraft[] = [];
  let line: LineDraft | null = null;
  let adjustment: RemittanceAdjustment | null = null;

  for (const seg of segs) {
    switch (seg.id) {
      case "BPR": // 004010/005010: amount, C/D flag, method, … BPR16 effective date
        amount = money(seg, 2);
        if (amount === null) throw new RemittanceParseError(at(seg, 2), "missing payment amount");
        if (!["C", "D"].includes(el(seg, 3) ?? "")) throw new RemittanceParseError(at(seg, 3), `credit/debit flag must be C or D, found "${(el(seg, 3) ?? "").slice(0, 5)}"`);
        method = el(seg, 4);
        date = el(seg, 16) ? isoDate(el(seg, 16)!, at(seg, 16)) : null;
        break;
      case "BPS": // 003010: BPS01 payment method, BPS02 amount, BPS12 date
        amount = money(seg, 2);
        if (amount === null) throw new RemittanceParseError(at(seg, 2), "missing payment amount");
        method = el(seg, 1);
        date = el(seg, 12) ? isoDate(el(seg, 12)!, at(seg, 12)) : null;
        break;
      case "TRN":
        reference ??= el(seg, 2);
        break;
      case "N1": {
        const role = el(seg, 1);
        if (role === "PR") payer ??= seg;
        else if (role === "PE") payee ??= seg;
        else if (role === "SU") supplier ??= seg;
        line = null; adjustment = null;
        break;
      }
      case "ENT": case "NM1":
        line = null; adjustment = null;
        break;
      case "RMR": case "RMT": {
        adjustment = null;
        const qualifier = el(seg, 1) ?? "";
        if (ITEM_DETAIL.has(qualifier)) { line = null; break; }
        line = lineOf(seg, money, fmt);
        lines.push(line);
        adjustment = line.adjustments.at(-1) ?? null; // an NTE after RMR07/08 describes that adjustment
        break;
      }
      case "ADX": {
        const value = money(seg, 1);
        if (value === null) throw new RemittanceParseError(at(seg, 1), "missing adjustment amount");
        const code = el(seg, 2);
        adjustment = { amount: fmt(value), reason: x12Reason(code), code, text: null };
        if (line) line.adjustments.push(adjustment);
        else {
          // An adjustment of the whole payment (no RMR above it in its loop): a line of its own, so that the lines
          // still add up to the payment; its document is the reference ADX03/04 names, if any.
          lines.push({ seg, document: el(seg, 4) ?? "", document_type: "other", paid: fmt(value), invoice_amount: null, discount: fmt(0n), adjustments: [adjustment] });
        }
        break;
      }
      case "CAS": {
        // Claim adjustments (835 style, seen in some 820s): triples of reason code, amount, quantity after the group
        // code; a positive amount reduces the payment. CARC reason codes are claim codes, not trade deductions: OTHER.
        if (!line) throw new RemittanceParseError(at(seg), "CAS without an RMR line above it");
        for (let n = 2; n + 1 < seg.elements.length; n += 3) {
          const value = money(seg, n + 1);
          if (el(seg, n) === null && value === null) continue;
          if (value === null) throw new RemittanceParseError(at(seg, n + 1), "adjustment reason without an amount");
          adjustment = { amount: fmt(-value), reason: "OTHER", code: el(seg, n), text: el(seg, 1) ? `group ${el(seg, 1)}` : null };
          line.adjustments.push(adjustment);
        }
        break;
      }
      case "NTE":
        if (adjustment && adjustment.text === null) adjustment.text = el(seg, 2);
        break;
    }
  }
  const first = segs[0]!;
  if (amount === null) throw new RemittanceParseError(`segment ${first.no} (ST)`, `transaction set ${set.control} has no BPR (or BPS) segment`);
  const party = (s: Segment | null) => (s ? { name: el(s, 2), id: el(s, 4) } : { name: null, id: null });
  return {
    // No TRN (the 003010 sample has none): the interchange and transaction set control numbers identify the advice.
    payment_reference: reference ?? `${set.interchangeControl}-${set.control}`,
    payer_name: party(payer).name,
    payer_id: party(payer).id,
    payee_name: party(payee ?? supplier).name,
    currency,
    payment_amount: fmt(amount),
    payment_date: date,
    method,
    lines: lines.map(({ seg: _seg, ...l }) => l),
  };
}

/**
 * RMR: 01 qualifier, 02 document, 04 paid, 05 invoice amount, 06 discount, 07/08 adjustment reason and amount.
 * RMT (003010): 03 paid, 04 total invoice amount, 07 discount, 09 adjustment reason, 10 its description.
 */
function lineOf(seg: Segment, money: (s: Segment, n: number) => bigint | null, fmt: (m: bigint) => string): LineDraft {
  const old = seg.id === "RMT";
  const qualifier = el(seg, 1) ?? "";
  const document = el(seg, 2);
  if (document === null) throw new RemittanceParseError(at(seg, 2), "missing document reference");
  const invoice = money(seg, old ? 4 : 5);
  const discount = money(seg, old ? 7 : 6) ?? 0n;
  const adjustments: RemittanceAdjustment[] = [];
  let paid = money(seg, old ? 3 : 4);
  const code = el(seg, old ? 9 : 7);
  if (!old && (code || el(seg, 8))) {
    const value = money(seg, 8);
    if (value === null) throw new RemittanceParseError(at(seg, 8), "adjustment reason without an amount");
    adjustments.push({ amount: fmt(value), reason: x12Reason(code), code, text: null });
  }
  if (old && code && paid !== null && invoice !== null) {
    adjustments.push({ amount: fmt(paid - invoice + discount), reason: x12Reason(code), code, text: el(seg, 10) });
  }
  if (paid === null) {
    if (invoice === null) throw new RemittanceParseError(at(seg, old ? 3 : 4), "missing amount paid (and no invoice amount to derive it from)");
    paid = invoice - discount; // RMR04 is optional where the whole open amount less the discount is paid
  }
  return { seg, document, document_type: DOCUMENT_TYPES[qualifier] ?? "other", paid: fmt(paid), invoice_amount: invoice === null ? null : fmt(invoice), discount: fmt(discount), adjustments };
}
