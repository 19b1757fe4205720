// RFC 4180 rows (quoted fields, doubled quotes, CRLF or LF, line breaks inside quotes) with the line each row starts
// on, for the remittance CSV and for customers' own spreadsheets saved as CSV (comma, semicolon or tab).
import { RemittanceParseError } from "../types.ts";

export type Row = { line: number; cells: string[] };

const MAX_CELLS = 500;
const MAX_CELL_CHARS = 100_000;

/** The delimiter the header line uses most: ",", ";" or tab (outside quotes). */
export function sniffDelimiter(text: string): string {
  const first = text.slice(0, Math.max(0, text.search(/\r?\n|$/))).replace(/"[^"]*"/g, "");
  const counts = [",", ";", "\t"].map((d) => [d, first.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ",";
}

export function readRows(input: string, delimiter = sniffDelimiter(input)): Row[] {
  const text = input.replace(/^\uFEFF/, "");
  const rows: Row[] = [];
  let cells: string[] = [];
  let cell = "";
  let line = 1, rowLine = 1, i = 0;
  let quoted = false, wasQuoted = false;
  const endCell = () => {
    if (cells.length >= MAX_CELLS) throw new RemittanceParseError(`line ${rowLine}`, `more than ${MAX_CELLS} columns`);
    cells.push(wasQuoted ? cell : cell.trim());
    cell = ""; wasQuoted = false;
  };
  const endRow = () => {
    endCell();
    if (cells.some((c) => c !== "")) rows.push({ line: rowLine, cells });
    cells = [];
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { cell += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      if (c === "\n") line++;
      cell += c; i++;
    } else if (c === '"' && cell.trim() === "") {
      quoted = true; wasQuoted = true; cell = ""; i++;
    } else if (c === delimiter) {
      endCell(); i++;
    } else if (c === "\n" || c === "\r") {
      endRow();
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++; rowLine = line;
    } else {
      cell += c; i++;
    }
    if (cell.length > MAX_CELL_CHARS) throw new RemittanceParseError(`line ${rowLine}`, `a cell longer than ${MAX_CELL_CHARS} characters`);
  }
  if (quoted) throw new RemittanceParseError(`line ${rowLine}`, "a quoted cell is not closed before the end of the file");
  if (cell !== "" || cells.length) endRow();
  return rows;
}
