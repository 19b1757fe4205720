// Reads a customer's spreadsheet rows with a confirmed ColumnMapping (column-mapping.ts) into advices. rows[0] is
// the header row. Rows without a document (blank lines, "Total" rows) are skipped; rows sharing a payment reference
// form one advice (without a reference column, the whole sheet is one payment).
import type { RemittanceAdvice, RemittanceLine } from "../types.ts";
import { RemittanceParseError } from "../types.ts";
import { exponentOf, formatMinor, isoDate, readDecimal } from "./amounts.ts";
import { normalise, type ColumnMapping, type MappedField } from "./column-mapping.ts";
import { spreadsheetReason } from "./reason-codes.ts";

export function parseMappedRows(rows: string[][], mapping: ColumnMapping): RemittanceAdvice[] {
  if (rows.length === 0) throw new RemittanceParseError("row 1", "no header row");
  const header = rows[0]!.map(normalise);
  const index = new Map<MappedField, number>();
  for (const [field, name] of Object.entries(mapping.columns) as [MappedField, string][]) {
    const i = header.indexOf(normalise(name));
    if (i < 0) throw new RemittanceParseError("row 1", `the mapping's column "${name}" (${field}) is not in the header`);
    index.set(field, i);
  }
  if (!index.has("document") || !(index.has("paid") || index.has("invoice_amount"))) {
    throw new RemittanceParseError("row 1", "the mapping needs a document column and a paid (or invoice amount) column");
  }
  const dateOrder = mapping.dateOrder ?? guessDateOrder(rows.slice(1), index.get("payment_date"));
  const advices = new Map<string, { advice: RemittanceAdvice; exp: number; total: bigint; stated: boolean }>();
  rows.slice(1).forEach((cells, r) => {
    const rowNo = r + 2;
    const cell = (f: MappedField) => {
      const i = index.get(f);
      const v = i === undefined ? "" : (cells[i] ?? "").trim();
      return v === "" ? null : v;
    };
    const where = (f: MappedField) => (mapping.columns[f] === undefined ? `row ${rowNo}` : `row ${rowNo}, column "${mapping.columns[f]}"`);
    const document = cell("document");
    if (!document || /^(?:sub-?)?totals?\b/i.test(document)) return; // blank and summary rows
    const currency = (cell("currency") ?? mapping.defaults?.currency ?? "").toUpperCase();
    if (!currency) throw new RemittanceParseError(where("currency"), "no currency: map a currency column or set one for the sheet");
    const exp = exponentOf(currency, where("currency"));
    const money = (f: MappedField) => (cell(f) === null ? null : spreadsheetAmount(cell(f)!, exp, mapping.decimal ?? ".", where(f)));
    const reference = cell("payment_reference") ?? mapping.defaults?.payment_reference ?? "";
    let group = advices.get(reference);
    if (!group) {
      const dateText = cell("payment_date") ?? mapping.defaults?.payment_date ?? null;
      const stated = money("payment_amount");
      group = {
        exp, total: stated ?? 0n, stated: stated !== null,
        advice: {
          payment_reference: reference, payer_name: cell("payer_name") ?? mapping.defaults?.payer_name ?? null, payer_id: null, payee_name: null,
          currency, payment_amount: "", payment_date: dateText ? sheetDate(dateText, dateOrder, where("payment_date")) : null, method: null, lines: [],
        },
      };
      advices.set(reference, group);
    } else if (group.advice.currency !== currency) {
      throw new RemittanceParseError(where("currency"), `${currency} in a payment in ${group.advice.currency}`);
    }
    const invoice = money("invoice_amount");
    const discount = money("discount") ?? 0n;
    const adjustments: RemittanceLine["adjustments"] = [];
    const reason = cell("adjustment_reason"), text = cell("adjustment_text");
    const deduction = money("deduction");
    // A "Deduction" column states what was kept back: a positive figure there reduces the payment.
    if (deduction) adjustments.push({ amount: formatMinor(deduction > 0n ? -deduction : deduction, exp), reason: spreadsheetReason(reason, text), code: reason, text });
    const adjustment = money("adjustment_amount");
    if (adjustment) adjustments.push({ amount: formatMinor(adjustment, exp), reason: spreadsheetReason(reason, text), code: reason, text });
    let paid = money("paid");
    if (paid === null) {
      if (invoice === null) throw new RemittanceParseError(where("paid"), "no amount paid and no invoice amount");
      paid = invoice - discount + adjustments.reduce((s, a) => s + readDecimal(a.amount, exp, where("paid")), 0n);
    }
    if (!group.stated) group.total += paid;
    group.advice.lines.push({
      document, document_type: paid < 0n ? "credit_memo" : "invoice", paid: formatMinor(paid, exp),
      invoice_amount: invoice === null ? null : formatMinor(invoice, exp), discount: formatMinor(discount, exp), adjustments,
    });
  });
  return [...advices.values()].map(({ advice, exp, total }) => ({ ...advice, payment_amount: formatMinor(total, exp) }));
}

/** "$1,234.56", "1 234,56" (decimal ","), "(30.00)" and "30.00-" (negative), "USD 12" → minor units. */
export function spreadsheetAmount(raw: string, exp: number, decimal: "." | ",", where: string): bigint {
  let t = raw.trim().replace(/^[A-Z]{3}\s*|\s*[A-Z]{3}$/g, "").replace(/[$€£¥\s\u00a0']/g, "");
  let negative = false;
  if (/^\(.*\)$/.test(t)) { negative = true; t = t.slice(1, -1); }
  if (t.endsWith("-")) { negative = true; t = t.slice(0, -1); }
  const thousands = decimal === "." ? "," : ".";
  // Thousands separators only in groups of three: "955,00" with "." as the decimal separator is refused, never 95500.
  if (t.includes(thousands) && !new RegExp(`^[+-]?\\d{1,3}(?:\\${thousands}\\d{3})+(?:\\${decimal}\\d*)?$`).test(t)) {
    throw new RemittanceParseError(where, `amount "${raw.trim().slice(0, 40)}" does not read with "${decimal}" as the decimal separator`);
  }
  t = t.split(thousands).join("");
  if (decimal === ",") t = t.replace(",", ".");
  const minor = readDecimal(t, exp, where);
  return negative ? -minor : minor;
}

function guessDateOrder(rows: string[][], column: number | undefined): "mdy" | "dmy" {
  if (column === undefined) return "mdy";
  for (const r of rows) {
    const m = /^(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}$/.exec((r[column] ?? "").trim());
    if (m && Number(m[1]) > 12) return "dmy";
    if (m && Number(m[2]) > 12) return "mdy";
  }
  return "mdy";
}

function sheetDate(text: string, order: "mdy" | "dmy", where: string): string {
  const t = text.trim();
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(t);
  if (!m) return isoDate(t.replace(/T.*$/, ""), where);
  const [a, b, y] = [m[1]!.padStart(2, "0"), m[2]!.padStart(2, "0"), m[3]!];
  const [mo, d] = order === "mdy" ? [a, b] : [b, a];
  return isoDate(`${y}${mo}${d}`, where); // YYYYMMDD, or YYMMDD read with the century window of amounts.ts
}
