// STAND-IN until remit-formats' parser lands (the lead keeps theirs at merge): the same export, reading only the
// contract's CSV remittance (../shared/contracts/remittance.md). Header
// payment_reference,payer_name,currency,payment_amount,payment_date,document,paid,invoice_amount,discount,
// adjustment_amount,adjustment_reason,adjustment_text — one row per line, rows of one advice share payment_reference.
import { CsvSyntaxError, parseCsv } from "../cashapp/csv.ts";
import { fromMinor, isCurrency, toMinor } from "../money/money.ts";
import {
  DEDUCTION_REASONS, RemittanceParseError, type DeductionReason, type ParsedRemittance, type RemittanceAdvice, type RemittanceFormat,
} from "./types.ts";

const HEADER = ["payment_reference", "payer_name", "currency", "payment_amount", "payment_date", "document", "paid", "invoice_amount", "discount", "adjustment_amount", "adjustment_reason", "adjustment_text"] as const;
type Col = (typeof HEADER)[number];

export function parseRemittance(bytes: Uint8Array, opts: { format?: RemittanceFormat | "auto"; fileName?: string } = {}): ParsedRemittance {
  const file = opts.fileName ?? "remittance";
  const format = opts.format ?? "auto";
  if (format !== "auto" && format !== "csv") throw new RemittanceParseError(file, `format ${format} is not readable yet (only csv)`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new RemittanceParseError(file, "not UTF-8 text: not a CSV remittance");
  }
  let records;
  try {
    records = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw new RemittanceParseError(`${file} line ${e.line}`, e.problem);
    throw e;
  }
  const header = records[0]?.fields.map((f) => f.trim().toLowerCase());
  if (!header || !header.includes("payment_reference") || !header.includes("document")) {
    throw new RemittanceParseError(`${file} line 1`, `not a CSV remittance: the header must name ${HEADER.join(",")}`);
  }
  const missing = HEADER.filter((h) => !header.includes(h) && !["invoice_amount", "discount", "adjustment_amount", "adjustment_reason", "adjustment_text", "payer_name", "payment_date"].includes(h));
  if (missing.length) throw new RemittanceParseError(`${file} line 1`, `missing column(s) ${missing.join(", ")}`);
  const at = (row: string[], c: Col) => { const i = header.indexOf(c); return i < 0 ? "" : (row[i] ?? "").trim(); };

  const advices = new Map<string, RemittanceAdvice>();
  for (const rec of records.slice(1)) {
    const where = (c: Col) => `${file} line ${rec.line} column ${c}`;
    const ref = at(rec.fields, "payment_reference");
    if (!ref) throw new RemittanceParseError(where("payment_reference"), "empty");
    const currency = at(rec.fields, "currency").toUpperCase();
    if (!isCurrency(currency)) throw new RemittanceParseError(where("currency"), `"${currency}" is not an ISO 4217 currency`);
    const money = (c: Col, required: boolean): string | null => {
      const v = at(rec.fields, c);
      if (!v) { if (required) throw new RemittanceParseError(where(c), "empty"); return null; }
      try { return fromMinor(toMinor(v, currency), currency); } catch (e) { throw new RemittanceParseError(where(c), (e as Error).message); }
    };
    const date = at(rec.fields, "payment_date");
    if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RemittanceParseError(where("payment_date"), `"${date}" is not a date YYYY-MM-DD`);
    const paymentAmount = money("payment_amount", true)!;
    let advice = advices.get(ref);
    if (!advice) {
      advice = { payment_reference: ref, payer_name: at(rec.fields, "payer_name") || null, payer_id: null, payee_name: null, currency, payment_amount: paymentAmount, payment_date: date || null, method: null, lines: [] };
      advices.set(ref, advice);
    } else if (advice.currency !== currency || advice.payment_amount !== paymentAmount) {
      throw new RemittanceParseError(where("payment_amount"), `rows of payment ${ref} disagree on currency or payment amount`);
    }
    const document = at(rec.fields, "document");
    if (!document) throw new RemittanceParseError(where("document"), "empty");
    const adjAmount = money("adjustment_amount", false);
    const reasonText = at(rec.fields, "adjustment_reason").toUpperCase();
    const reason: DeductionReason = (DEDUCTION_REASONS as readonly string[]).includes(reasonText) ? reasonText as DeductionReason : "OTHER";
    advice.lines.push({
      document, document_type: "invoice", paid: money("paid", true)!, invoice_amount: money("invoice_amount", false),
      discount: money("discount", false) ?? fromMinor(0n, currency),
      adjustments: adjAmount && toMinor(adjAmount, currency) !== 0n
        ? [{ amount: adjAmount, reason, code: reasonText || null, text: at(rec.fields, "adjustment_text") || null }]
        : [],
    });
  }
  if (advices.size === 0) throw new RemittanceParseError(`${file} line 2`, "no remittance lines");
  return { format: "csv", advices: [...advices.values()] };
}
