// Advices from a table found in a layout (an XLSX sheet, a PDF page): the header row's guessed mapping, the payment's
// fields stated outside the table, then parseMappedRows. Adds the extraction (confidence, mapping, needsReview) and
// checks what the advice states (a "Total" row or label) against its lines.
import type { RemittanceAdvice } from "../types.ts";
import { RemittanceParseError } from "../types.ts";
import { exponentOf, formatMinor, readDecimal } from "./amounts.ts";
import type { ColumnMapping } from "./column-mapping.ts";
import { extraction, type HeaderGuess, type StatedFields } from "./extraction.ts";
import { parseMappedRows, spreadsheetAmount } from "./mapped-rows.ts";

export type LayoutTable = {
  /** rows[0] is the header row; the rest its data rows (as text). */
  rows: string[][];
  header: HeaderGuess;
  stated: StatedFields;
  currency: string | null;
  /** Turns parseMappedRows' "row N" (1 = header) into the file's own place ("sheet "Advice", row 7"). */
  place: (tableRow: number) => string;
  /** Problems the layout reader saw already (ambiguous columns…). */
  problems: string[];
  /** The customer's confirmed mapping this header was found by (findMappedHeaderRow): its defaults and formats apply. */
  confirmed?: ColumnMapping;
};

const TOTAL_ROW = /^(?:grand |sub-?)?totals?\b/i;
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

export function tableAdvices(t: LayoutTable): RemittanceAdvice[] {
  const problems = [...t.problems];
  const columns = { ...t.header.guess.mapping.columns };
  const c = t.confirmed;
  const mapping: ColumnMapping = { columns, decimal: c?.decimal ?? ".", defaults: { ...c?.defaults }, ...(c?.dateOrder ? { dateOrder: c.dateOrder } : {}) };
  const d = mapping.defaults!;
  if (!columns.currency && !d.currency && (t.stated.currency || t.currency)) d.currency = (t.stated.currency ?? t.currency)!.toUpperCase();
  if (!columns.payment_reference && !d.payment_reference && t.stated.payment_reference) d.payment_reference = t.stated.payment_reference;
  if (!columns.payer_name && !d.payer_name && t.stated.payer_name) d.payer_name = t.stated.payer_name;
  if (!columns.payment_date && !d.payment_date && t.stated.payment_date) {
    const iso = statedDate(t.stated.payment_date);
    if (iso) d.payment_date = iso;
    else problems.push(`payment date "${t.stated.payment_date.slice(0, 30)}" not understood`);
  }
  let advices: RemittanceAdvice[];
  try {
    advices = parseMappedRows(t.rows, mapping);
  } catch (e) {
    if (!(e instanceof RemittanceParseError)) throw e;
    const m = /^row (\d+)(.*)$/.exec(e.where);
    throw m ? new RemittanceParseError(t.place(Number(m[1])) + m[2], e.problem) : e;
  }
  if (advices.length === 0) problems.push("the table has no lines");
  const totalCell = totalRowPaid(t.rows, columns.paid ?? columns.invoice_amount);
  const stated = t.stated.payment_amount ?? totalCell;
  for (const advice of advices) {
    const exp = exponentOf(advice.currency, "currency");
    const sum = advice.lines.reduce((s, l) => s + readDecimal(l.paid, exp, "paid"), 0n);
    if (advices.length === 1 && stated && !columns.payment_amount) {
      let total: bigint | null = null;
      try { total = spreadsheetAmount(stated, exp, ".", "total"); } catch { problems.push(`total "${stated.slice(0, 30)}" not understood`); }
      if (total !== null) {
        advice.payment_amount = formatMinor(total, exp);
        if (total !== sum) problems.push(`lines add up to ${formatMinor(sum, exp)}, the advice says ${advice.payment_amount}`);
      }
    }
    const confidence = problems.length ? Math.min(t.header.guess.confidence, 0.5) : t.header.guess.confidence;
    advice.extraction = { ...extraction(confidence, mapping, problems), headers: t.rows[0]!.filter((h) => h.trim() !== ""), ...(c ? { confirmedMapping: true } : {}) };
  }
  return advices;
}

/** The paid figure of a "Total" row (whatever column its label sits in), or null. */
function totalRowPaid(rows: string[][], paidHeader: string | undefined): string | null {
  const i = paidHeader === undefined ? -1 : rows[0]!.indexOf(paidHeader);
  if (i < 0) return null;
  const row = rows.slice(1).find((r) => r.some((c) => TOTAL_ROW.test(c.trim())));
  return row?.[i]?.trim() || null;
}

/**
 * A date stated once ("Payment date: …") → ISO: "2026-11-30", "11/30/2026" (month first unless the first number is
 * above 12), "30.11.2026" (dots: day first), "November 30, 2026", "30 Nov 2026". Null when not a date.
 */
export function statedDate(text: string): string | null {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (iso) return valid(+iso[1]!, +iso[2]!, +iso[3]!);
  const num = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(t);
  if (num) {
    const [a, b] = [+num[1]!, +num[3]!];
    return a > 12 || num[2] === "." ? valid(+num[4]!, b, a) : valid(+num[4]!, a, b);
  }
  const named = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/.exec(t) ?? /^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4})$/.exec(t);
  if (!named) return null;
  const [monthText, day] = /^\d/.test(named[1]!) ? [named[2]!, named[1]!] : [named[1]!, named[2]!];
  const month = MONTHS.indexOf(monthText.slice(0, 3).toLowerCase());
  return month < 0 ? null : valid(+named[3]!, month + 1, +day);
}

function valid(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}
