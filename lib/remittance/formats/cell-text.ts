// XLSX cell values (exceljs) as the text parseMappedRows reads. Numbers are written as the shortest decimal that
// reads back as the same double (what the sheet shows its user, e.g. 1270.1 not 1270.0999…): no float arithmetic
// touches money; readDecimal later refuses more decimals than the currency has. Dates become ISO dates.
import type { CellValue } from "exceljs";
import { RemittanceParseError } from "../types.ts";

export function numberText(n: number, where: string): string {
  if (!Number.isFinite(n)) throw new RemittanceParseError(where, `not a finite number (${n})`);
  const s = String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, lead, rest = "", expText] = m;
  const digits = lead! + rest, exp = Number(expText);
  if (exp >= 0) return sign + digits.padEnd(exp + 1, "0").slice(0, exp + 1) + (digits.length > exp + 1 ? "." + digits.slice(exp + 1) : "");
  return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
}

export function cellText(value: CellValue, where: string, depth = 0): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return numberText(value, where);
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new RemittanceParseError(where, "invalid date cell");
    return value.toISOString().slice(0, 10); // exceljs reads date cells as UTC midnight
  }
  if (typeof value === "object" && depth < 3) {
    if ("richText" in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join("");
    if ("error" in value) return String(value.error);
    if ("result" in value) return cellText(value.result as CellValue, where, depth + 1); // formula: its cached result
    if ("text" in value) return cellText(value.text as CellValue, where, depth + 1); // hyperlink
  }
  return "";
}
