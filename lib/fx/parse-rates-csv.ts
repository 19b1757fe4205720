// A rate CSV upload: header `date,base,quote,rate` (any column order), one rate per line, "1 base = rate quote".
// All or nothing: every bad line is named (line number, column, value) and nothing is stored.
import { isKnownCurrency } from "../money/currencies.ts";
import { parseRate } from "./rate-math.ts";
import type { RateRow } from "./lookup-rate.ts";

export class RatesCsvError extends Error {
  constructor(readonly problems: string[]) {
    super(`rates CSV refused: ${problems.slice(0, 10).join("; ")}${problems.length > 10 ? `; … ${problems.length - 10} more` : ""}`);
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const COLUMNS = ["date", "base", "quote", "rate"] as const;

export function parseRatesCsv(text: string, maxRows = 100_000): RateRow[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = (lines[0] ?? "").split(",").map((h) => h.trim().toLowerCase());
  const col = Object.fromEntries(COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof COLUMNS)[number], number>;
  const missing = COLUMNS.filter((c) => col[c] < 0);
  if (missing.length) throw new RatesCsvError([`line 1: header lacks ${missing.join(", ")} (expected date,base,quote,rate)`]);
  const rows: RateRow[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) continue;
    if (rows.length >= maxRows) { problems.push(`more than ${maxRows} rates in one file`); break; }
    const cells = line.split(",").map((c) => c.trim());
    const at = `line ${i + 1}`;
    const day = cells[col.date] ?? "";
    const base = (cells[col.base] ?? "").toUpperCase();
    const quote = (cells[col.quote] ?? "").toUpperCase();
    const rate = cells[col.rate] ?? "";
    if (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) problems.push(`${at}, date: "${day.slice(0, 20)}" is not YYYY-MM-DD`);
    if (!isKnownCurrency(base)) problems.push(`${at}, base: "${base.slice(0, 10)}" is not an ISO 4217 currency`);
    if (!isKnownCurrency(quote)) problems.push(`${at}, quote: "${quote.slice(0, 10)}" is not an ISO 4217 currency`);
    if (base === quote && base) problems.push(`${at}: base and quote are both ${base}`);
    try { parseRate(rate); } catch (e) { problems.push(`${at}, rate: ${(e as Error).message}`); }
    const key = `${day}|${base}|${quote}`;
    if (seen.has(key)) problems.push(`${at}: ${base}/${quote} on ${day} given twice`);
    seen.add(key);
    rows.push({ day, base, quote, rate, source: "CSV" });
  }
  if (problems.length) throw new RatesCsvError(problems);
  if (!rows.length) throw new RatesCsvError(["no rates below the header"]);
  return rows;
}
