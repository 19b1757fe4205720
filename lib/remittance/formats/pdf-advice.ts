// PDF remittance advices: the table found by its header line (Invoice / Inv No / Document, Date, Amount, Paid,
// Discount, Deduction, Reason…), data cells put in the header's columns by their x ranges, the payment's fields
// (check number, payer, date, total, currency) read by their labels outside the table. Each advice carries an
// extraction: low confidence (needsReview) when the totals disagree, a cell sits between columns, or no table is found.
import type { RemittanceAdvice } from "../types.ts";
import { exponentOf, formatMinor } from "./amounts.ts";
import { currencyIn, extraction, findHeaderRow, statedFields, type HeaderGuess } from "./extraction.ts";
import { statedDate, tableAdvices } from "./layout-advices.ts";
import { spreadsheetAmount } from "./mapped-rows.ts";
import { pdfLines, type PdfCell, type PdfLine } from "./pdf-lines.ts";

const TOTAL = /^(?:grand |sub-?)?totals?\b/i;
const AMOUNT_FIELDS = new Set(["paid", "invoice_amount", "discount", "deduction", "adjustment_amount", "payment_amount"]);
const AMOUNT = /^\(?-?\s*(?:[A-Z]{3}\s?)?[$€£]?\s?-?\d[\d.,' ]*\)?-?(?:\s?[A-Z]{3})?$/;

export async function parseRemittancePdf(bytes: Uint8Array): Promise<RemittanceAdvice[]> {
  const lines = await pdfLines(bytes);
  const texts = lines.map((l) => l.cells.map((c) => c.text));
  const header = findHeaderRow(texts, lines.length);
  const currency = currencyIn(texts.flat());
  if (!header) return [noTable(lines, currency)];
  const table = readTable(lines, header);
  const outside = texts.filter((_, i) => !table.used.has(i));
  return tableAdvices({
    rows: table.rows,
    header,
    stated: statedFields(outside),
    currency,
    place: (tableRow) => table.origins[tableRow - 1] ?? "file",
    problems: table.problems,
  });
}

type Table = { rows: string[][]; origins: string[]; used: Set<number>; problems: string[] };

/** The header line, then the lines below it that fit its columns, up to a "Total" line or the first line that does not. */
function readTable(lines: PdfLine[], header: HeaderGuess): Table {
  const head = lines[header.index]!;
  const columns = head.cells;
  const columnOf = new Map(Object.entries(header.guess.mapping.columns).map(([f, h]) => [f, columns.findIndex((c) => c.text === h)]));
  const amountColumns = ["paid", "invoice_amount"].map((f) => columnOf.get(f) ?? -1).filter((i) => i >= 0);
  const documentColumn = columnOf.get("document") ?? -1;
  const amountish = new Set([...columnOf].filter(([f]) => AMOUNT_FIELDS.has(f)).map(([, i]) => i));
  const fitsRow = (row: string[]) => !!row[documentColumn] && amountColumns.some((c) => AMOUNT.test(row[c] ?? ""));
  const place = (l: PdfLine) => `page ${l.page}, line ${l.number}`;
  const t: Table = { rows: [columns.map((c) => c.text)], origins: [place(head)], used: new Set([header.index]), problems: [] };
  for (let i = header.index + 1; i < lines.length; i++) {
    const line = lines[i]!;
    const texts = line.cells.map((c) => c.text);
    if (texts.join(" ") === t.rows[0]!.join(" ")) { t.used.add(i); continue; } // the header repeated on a later page
    const { row, ambiguous } = intoColumns(line.cells, columns, amountish);
    const total = texts.some((x) => TOTAL.test(x));
    const fits = fitsRow(row);
    if (!fits && !total) {
      if (t.rows.length === 1) continue; // lines between the header and the first row (a rule, a sub-heading)
      // The table ended, unless rows follow further down (a line that does not fit inside it): say so, never drop them silently.
      const more = lines.slice(i + 1).findIndex((l) => l.page === line.page && fitsRow(intoColumns(l.cells, columns, amountish).row));
      if (more >= 0) t.problems.push(`${place(line)}: not a table row, but rows follow it (from ${place(lines[i + 1 + more]!)}); they were not read`);
      break;
    }
    if (ambiguous.length) t.problems.push(`${place(line)}: "${ambiguous[0]}" sits between two columns`);
    t.rows.push(row);
    t.origins.push(place(line));
    t.used.add(i);
    if (total) break;
  }
  return t;
}

/**
 * Each cell goes to the header column its x range overlaps most (else the nearest). A cell overlapping two columns
 * is ambiguous: it goes to the one of its kind (a figure to an amount column, words to the others) and is reported.
 */
function intoColumns(cells: PdfCell[], columns: PdfCell[], amountColumns: Set<number>): { row: string[]; ambiguous: string[] } {
  const row = columns.map(() => "");
  const ambiguous: string[] = [];
  for (const cell of cells) {
    const overlaps = columns.map((h) => Math.min(cell.x1, h.x1) - Math.max(cell.x0, h.x0));
    const ranked = overlaps.map((o, i) => [o, i] as const).sort((a, b) => b[0] - a[0]);
    let col = ranked[0]![1];
    if (ranked[0]![0] <= 0) {
      const centre = (cell.x0 + cell.x1) / 2;
      const distance = columns.map((h) => Math.min(Math.abs(centre - h.x0), Math.abs(centre - h.x1)));
      col = distance.indexOf(Math.min(...distance));
    } else if (ranked[1] && ranked[1][0] > 0 && ranked[1][0] > ranked[0]![0] * 0.5) {
      ambiguous.push(cell.text);
      const figure = AMOUNT.test(cell.text);
      col = [ranked[0]![1], ranked[1][1]].find((i) => amountColumns.has(i) === figure) ?? col;
    }
    row[col] = row[col] ? `${row[col]} ${cell.text}` : cell.text;
  }
  return { row, ambiguous };
}

/** No table header anywhere: what the labels say, no lines, for an analyst to complete. */
function noTable(lines: PdfLine[], currency: string | null): RemittanceAdvice {
  const stated = statedFields(lines.map((l) => l.cells.map((c) => c.text)));
  const code = (stated.currency ?? currency ?? "").toUpperCase();
  let amount = "0.00";
  const problems = ["no table header (invoice and amount columns) found"];
  try {
    const exp = exponentOf(code, "currency");
    amount = formatMinor(stated.payment_amount ? spreadsheetAmount(stated.payment_amount, exp, ".", "total") : 0n, exp);
  } catch {
    problems.push(code ? `total "${stated.payment_amount}" not understood` : "no currency found");
  }
  return {
    payment_reference: stated.payment_reference ?? "", payer_name: stated.payer_name ?? null, payer_id: null, payee_name: null,
    currency: code, payment_amount: amount, payment_date: stated.payment_date ? statedDate(stated.payment_date) : null, method: null,
    lines: [], extraction: extraction(0, undefined, problems),
  };
}
