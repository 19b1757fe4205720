// The remittance CSV of ../shared/contracts/remittance.md: one row per line, the rows of one advice share
// payment_reference (consecutive or not). Header names are matched exactly (any order; unknown columns ignored).
// A row with the document of the row above and `paid` left empty adds a further adjustment to that line.
import type { RemittanceAdvice, RemittanceLine } from "../types.ts";
import { RemittanceParseError } from "../types.ts";
import { exponentOf, formatMinor, isoDate, readDecimal } from "./amounts.ts";
import { readRows, type Row } from "./csv-rows.ts";
import { spreadsheetReason } from "./reason-codes.ts";

export const CSV_COLUMNS = [
  "payment_reference", "payer_name", "currency", "payment_amount", "payment_date", "document", "paid",
  "invoice_amount", "discount", "adjustment_amount", "adjustment_reason", "adjustment_text",
] as const;
type Column = (typeof CSV_COLUMNS)[number];
const REQUIRED: Column[] = ["payment_reference", "currency", "payment_amount", "document", "paid"];

export function parseRemittanceCsv(text: string): RemittanceAdvice[] {
  const rows = readRows(text, ",");
  if (rows.length === 0) throw new RemittanceParseError("line 1", "empty file: expected the header " + CSV_COLUMNS.join(","));
  const header = rows[0]!.cells.map((c) => c.trim().toLowerCase());
  const index = new Map<Column, number>();
  for (const col of CSV_COLUMNS) {
    const i = header.indexOf(col);
    if (i >= 0) index.set(col, i);
  }
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length) throw new RemittanceParseError(`line ${rows[0]!.line}`, `header lacks column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`);
  const advices = new Map<string, RemittanceAdvice & { exp: number; firstLine: number }>();
  for (const row of rows.slice(1)) addRow(row, index, advices);
  return [...advices.values()].map(({ exp: _e, firstLine: _f, ...a }) => a);
}

function addRow(row: Row, index: Map<Column, number>, advices: Map<string, RemittanceAdvice & { exp: number; firstLine: number }>): void {
  const where = (col: Column) => `line ${row.line}, column ${col}`;
  const get = (col: Column): string | null => {
    const i = index.get(col);
    const v = i === undefined ? "" : (row.cells[i] ?? "").trim();
    return v === "" ? null : v;
  };
  const need = (col: Column) => get(col) ?? fail(where(col), "empty, but required");
  const reference = need("payment_reference");
  const currency = need("currency").toUpperCase();
  const exp = exponentOf(currency, where("currency"));
  const amount = (col: Column) => {
    const v = get(col);
    return v === null ? null : readDecimal(v, exp, where(col));
  };
  const paymentAmount = formatMinor(readDecimal(need("payment_amount"), exp, where("payment_amount")), exp);
  const date = get("payment_date") ? isoDate(get("payment_date")!, where("payment_date")) : null;
  let advice = advices.get(reference);
  if (!advice) {
    advice = { payment_reference: reference, payer_name: get("payer_name"), payer_id: null, payee_name: null, currency, payment_amount: paymentAmount, payment_date: date, method: null, lines: [], exp, firstLine: row.line };
    advices.set(reference, advice);
  } else {
    // Every row repeats the payment's fields: a row that disagrees is a broken file, not a second payment.
    const clash = advice.currency !== currency ? "currency" : advice.payment_amount !== paymentAmount ? "payment_amount" : date !== null && advice.payment_date !== date ? "payment_date" : null;
    if (clash) fail(where(clash), `differs from line ${advice.firstLine} of the same payment_reference "${reference}"`);
  }
  const adjustmentAmount = amount("adjustment_amount");
  const adjustmentReason = get("adjustment_reason");
  const adjustmentText = get("adjustment_text");
  if (adjustmentAmount === null && (adjustmentReason || adjustmentText)) fail(where("adjustment_amount"), "an adjustment reason or text needs an adjustment_amount");
  const adjustments = adjustmentAmount === null ? [] : [{
    amount: formatMinor(adjustmentAmount, exp), reason: spreadsheetReason(adjustmentReason, adjustmentText), code: adjustmentReason, text: adjustmentText,
  }];
  const document = need("document");
  const previous = advice.lines.at(-1);
  if (get("paid") === null && previous?.document === document && adjustments.length) {
    previous.adjustments.push(...adjustments); // a further adjustment of the line above: same document, paid left empty
    return;
  }
  const invoice = amount("invoice_amount");
  const line: RemittanceLine = {
    document,
    document_type: "invoice",
    paid: formatMinor(readDecimal(need("paid"), exp, where("paid")), exp),
    invoice_amount: invoice === null ? null : formatMinor(invoice, exp),
    discount: formatMinor(amount("discount") ?? 0n, exp),
    adjustments,
  };
  if (line.paid.startsWith("-") && (invoice === null || invoice < 0n)) line.document_type = "credit_memo";
  advice.lines.push(line);
}

function fail(where: string, problem: string): never {
  throw new RemittanceParseError(where, problem);
}
