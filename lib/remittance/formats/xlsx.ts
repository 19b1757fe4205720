// Customers' XLSX remittance spreadsheets: the sheet whose header row best matches the column synonyms, the payment's
// fields from a title block above it, the rows read with the guessed mapping (parseMappedRows). A guess below 0.8,
// or totals that do not add up, comes back with `extraction.needsReview` for an analyst to confirm the mapping.
import ExcelJS from "exceljs";
import type { RemittanceAdvice } from "../types.ts";
import { RemittanceParseError } from "../types.ts";
import { cellText } from "./cell-text.ts";
import { currencyIn, findHeaderRow, findMappedHeaderRow, statedFields, type HeaderGuess } from "./extraction.ts";
import type { ColumnMapping } from "./column-mapping.ts";
import { tableAdvices } from "./layout-advices.ts";

const MAX_BYTES = 20 * 1024 * 1024;
const MAX_SHEETS = 20;
const MAX_ROWS = 20_000;
const MAX_COLUMNS = 200;

type Sheet = { name: string; rows: string[][]; formats: string[] };

export async function parseRemittanceXlsx(bytes: Uint8Array, confirmed?: ColumnMapping): Promise<RemittanceAdvice[]> {
  if (bytes.length > MAX_BYTES) throw new RemittanceParseError("file", `larger than ${MAX_BYTES / 1024 / 1024} MiB`);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (e) {
    throw new RemittanceParseError("file", `not a readable XLSX workbook (${(e as Error).message.slice(0, 120)})`);
  }
  const sheets = workbook.worksheets.slice(0, MAX_SHEETS).map(readSheet);
  if (sheets.length === 0) throw new RemittanceParseError("file", "the workbook has no worksheet");
  let best: { sheet: Sheet; header: HeaderGuess } | null = null;
  // The customer's confirmed mapping first; a sheet it no longer fits is guessed again (and reviewed).
  if (confirmed) {
    for (const sheet of sheets) {
      const header = findMappedHeaderRow(sheet.rows, confirmed);
      if (header) { best = { sheet, header }; break; }
    }
  }
  if (!best) for (const sheet of sheets) {
    const header = findHeaderRow(sheet.rows);
    if (header && (!best || header.guess.confidence > best.header.guess.confidence)) best = { sheet, header };
  }
  if (!best) {
    throw new RemittanceParseError(`sheet "${sheets[0]!.name}"`, "no header row naming a document (invoice) column and an amount paid column in the first 50 rows of any sheet");
  }
  const { sheet, header } = best;
  const table = withoutTrailingNotes(sheet.rows.slice(header.index), header);
  return tableAdvices({
    rows: table,
    header,
    stated: statedFields(sheet.rows.slice(0, header.index)),
    currency: currencyIn([...sheet.formats, ...table.flat().slice(0, 5000)]),
    place: (tableRow) => `sheet "${sheet.name}", row ${header.index + tableRow}`,
    problems: [],
    ...(header.guess.mapping === confirmed ? { confirmed } : {}),
  });
}

function readSheet(ws: ExcelJS.Worksheet): Sheet {
  if (ws.rowCount > MAX_ROWS) throw new RemittanceParseError(`sheet "${ws.name}"`, `more than ${MAX_ROWS} rows`);
  if (ws.columnCount > MAX_COLUMNS) throw new RemittanceParseError(`sheet "${ws.name}"`, `more than ${MAX_COLUMNS} columns`);
  const rows: string[][] = Array.from({ length: ws.rowCount }, () => []);
  const formats = new Set<string>();
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      // Merged cells repeat the master's value: only the master carries it.
      if (cell.isMerged && cell.master !== cell) return;
      rows[r - 1]![c - 1] = cellText(cell.value, `sheet "${ws.name}", row ${r}, column ${c}`).trim();
      if (typeof cell.value === "number" && cell.numFmt) formats.add(cell.numFmt);
    });
  });
  return { name: ws.name, rows: rows.map((r) => Array.from(r, (c) => c ?? "")), formats: [...formats] };
}

/**
 * Notes written under the table ("Questions? ap@…") are not lines: rows after the last one with an amount (or a
 * "Total" row) are dropped. A row without an amount between lines stays, and parseMappedRows refuses it.
 */
function withoutTrailingNotes(table: string[][], header: HeaderGuess): string[][] {
  const { columns } = header.guess.mapping;
  const amountAt = [columns.paid, columns.invoice_amount].filter(Boolean).map((h) => table[0]!.indexOf(h!));
  let last = 0;
  table.forEach((r, i) => {
    if (i > 0 && (amountAt.some((c) => (r[c] ?? "").trim() !== "") || r.some((c) => /^(?:grand |sub-?)?totals?\b/i.test(c.trim())))) last = i;
  });
  return table.slice(0, last + 1);
}
