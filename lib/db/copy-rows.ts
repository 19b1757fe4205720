// COPY … FROM STDIN for bulk paths (pg-copy-streams): rows in PostgreSQL's text format, one line per row. COPY
// inserts many rows per heap page and WAL record and needs no array parsing or ON CONFLICT bookkeeping, so it is
// the cheapest way into a table; it has no ON CONFLICT, so callers must know the rows are new.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

const NEEDS_ESCAPE = /[\\\t\n\r\u0000]/;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r", "\u0000": "" };

/** One row in COPY text format (tab-separated, \N for null, backslash escapes; NUL cannot be stored in text). */
export function copyLine(values: readonly (string | null | undefined)[]): string {
  let out = "";
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += "\t";
    if (v === null || v === undefined) out += "\\N";
    else out += NEEDS_ESCAPE.test(v) ? v.replace(/[\\\t\n\r\u0000]/g, (c) => ESCAPES[c]!) : v;
  }
  return `${out}\n`;
}

/** COPY `text` (rows made by copyLine) into `table`'s `columns` on `conn`; resolves when the server has them all. */
export async function copyInto(conn: pg.ClientBase, table: string, columns: readonly string[], text: string | AsyncIterable<string>): Promise<void> {
  const sql = `copy "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) from stdin`;
  await pipeline(typeof text === "string" ? Readable.from([text]) : Readable.from(text), conn.query(copyFrom(sql)));
}
