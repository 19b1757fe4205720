// A customer's own remittance spreadsheet saved as CSV (any header, comma/semicolon/tab), read like an XLSX sheet:
// the customer's confirmed column mapping when it fits, else the header row guessed from the column synonyms; the
// payment's fields stated above the table. A guess below 0.8 comes back with `extraction.needsReview`. The product
// reads these (ingest); `cashline parse-remittance` keeps to the contract CSV.
import type { RemittanceAdvice } from "../types.ts";
import { RemittanceParseError } from "../types.ts";
import type { ColumnMapping } from "./column-mapping.ts";
import { readRows } from "./csv-rows.ts";
import { currencyIn, findHeaderRow, findMappedHeaderRow, statedFields } from "./extraction.ts";
import { tableAdvices } from "./layout-advices.ts";
import { CSV_COLUMNS } from "./csv.ts";

export function parseCustomerCsv(text: string, confirmed?: ColumnMapping): RemittanceAdvice[] {
  const read = readRows(text);
  const rows = read.map((r) => r.cells);
  const mapped = confirmed ? findMappedHeaderRow(rows, confirmed) : null;
  const header = mapped ?? findHeaderRow(rows);
  if (!header) {
    throw new RemittanceParseError(`line ${read[0]?.line ?? 1}`, `neither the remittance CSV header (${CSV_COLUMNS.join(",")}) nor a header naming a document (invoice) column and an amount paid column in the first 50 rows`);
  }
  const table = rows.slice(header.index);
  return tableAdvices({
    rows: table, header, stated: statedFields(rows.slice(0, header.index)), currency: currencyIn(table.flat().slice(0, 5000)),
    place: (tableRow) => `line ${read[header.index + tableRow - 1]?.line ?? header.index + tableRow}`,
    problems: [], ...(mapped ? { confirmed } : {}),
  });
}

/** True when the first line is the contract CSV's header (payment_reference and document columns). */
export function isContractCsvHeader(text: string): boolean {
  const first = text.replace(/^\uFEFF/, "").split(/\r?\n|\r/, 1)[0] ?? "";
  return /(^|,)"?payment_reference"?(,|$)/i.test(first) && /(^|,)"?document"?(,|$)/i.test(first);
}
