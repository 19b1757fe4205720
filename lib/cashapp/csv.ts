// RFC 4180 CSV: comma-separated, CRLF or LF line ends, fields optionally in double quotes with "" as an
// escaped quote and line breaks allowed inside quotes. Every record carries the physical line it starts on.

export interface CsvRecord {
  fields: string[];
  /** 1-based physical line number where the record starts (the header is line 1). */
  line: number;
}

export class CsvSyntaxError extends Error {
  constructor(readonly line: number, readonly problem: string) {
    super(`line ${line}: ${problem}`);
  }
}

/** Parse CSV text into records. Blank lines are skipped. Throws CsvSyntaxError on malformed quoting. */
export function parseCsv(text: string): CsvRecord[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const out: CsvRecord[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let blank = true;
    for (;;) {
      // one field
      let value = "";
      if (text.charCodeAt(i) === 34 /* " */) {
        blank = false;
        const quoteLine = line;
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) throw new CsvSyntaxError(quoteLine, "unterminated quoted field");
          const chunk = text.slice(i, q);
          for (let k = chunk.indexOf("\n"); k >= 0; k = chunk.indexOf("\n", k + 1)) line++;
          if (!chunk.includes("\n")) for (let k = chunk.indexOf("\r"); k >= 0; k = chunk.indexOf("\r", k + 1)) line++;
          value += chunk;
          if (text.charCodeAt(q + 1) === 34) {
            value += '"';
            i = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        const c = text.charCodeAt(i);
        if (i < n && c !== 44 && c !== 10 && c !== 13) {
          throw new CsvSyntaxError(line, `unexpected character after closing quote: "${text[i]}"`);
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === 44 || c === 10 || c === 13) break;
          j++;
        }
        value = text.slice(i, j);
        if (value.length) blank = false;
        i = j;
      }
      fields.push(value);
      const c = text.charCodeAt(i);
      if (c === 44) {
        blank = false;
        i++;
        continue;
      }
      // end of record (line break or end of text)
      if (c === 13) i++;
      if (text.charCodeAt(i) === 10) i++;
      if (c === 13 || c === 10) line++;
      break;
    }
    if (!blank) out.push({ fields, line: start });
  }
  return out;
}

/** Quote a value for CSV output when needed. */
export function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
