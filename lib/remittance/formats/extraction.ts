// Shared by the XLSX and PDF readers: which row of a sheet (or line of a page) is the table's header, and the
// payment's own fields stated once above or beside the table ("Check No: 55012", "Payment date 30/11/2026").
import type { RemittanceExtraction } from "../types.ts";
import { guessColumnMapping, normalise, type ColumnMapping, type MappingGuess } from "./column-mapping.ts";

/** Below this an analyst confirms the extraction (the column guess uses the same threshold). */
export const REVIEW_BELOW = 0.8;

export type HeaderGuess = { index: number; guess: MappingGuess };

/**
 * The row whose cells best match the column synonyms: it must name a document and a paid (or invoice amount)
 * column. Among equals the first wins. Only the first `scan` rows are looked at (a header sits near the top).
 */
export function findHeaderRow(rows: string[][], scan = 50): HeaderGuess | null {
  let best: HeaderGuess | null = null;
  rows.slice(0, scan).forEach((cells, index) => {
    const guess = tableGuess(cells);
    if (guess.confidence === 0 || guess.fields.length < 2) return;
    const rank = guess.confidence * Math.min(1, guess.fields.length / 3);
    const bestRank = best ? best.guess.confidence * Math.min(1, best.guess.fields.length / 3) : -1;
    if (rank > bestRank) best = { index, guess };
  });
  return best;
}

/** guessColumnMapping, plus one table habit: "Amount" next to a "Paid" column is the invoice amount. */
export function tableGuess(cells: string[]): MappingGuess {
  const guess = guessColumnMapping(cells.filter((c) => c.trim() !== ""));
  const { columns } = guess.mapping;
  const amount = guess.unmapped.find((h) => normalise(h) === "amount");
  if (amount && columns.paid && !columns.invoice_amount) {
    columns.invoice_amount = amount;
    guess.fields.push({ field: "invoice_amount", header: amount, score: 0.8 });
    guess.unmapped = guess.unmapped.filter((h) => h !== amount);
  }
  return guess;
}

type Label = "payment_reference" | "payer_name" | "payment_date" | "payment_amount" | "currency";
const LABELS: [Label, RegExp][] = [
  ["payment_reference", /^(?:payment|remittance|eft|ach|wire|trace|transaction|check) (?:reference|number|id)$|^(?:check|cheque|reference)$|^remittance advice number$/],
  ["payer_name", /^(?:payer|payer name|remitter|customer|customer name|paid by|from)$/],
  ["payment_date", /^(?:payment|check|cheque|value|remittance|pay)? ?date$|^date paid$/],
  ["payment_amount", /^(?:total|total paid|total payment|payment total|payment amount|check amount|amount of payment|net payment|remittance amount|total amount)$/],
  ["currency", /^(?:currency|ccy|currency code)$/],
];

export function labelOf(text: string): Label | null {
  const n = normalise(text);
  if (!n) return null;
  for (const [label, re] of LABELS) if (re.test(n)) return label;
  return null;
}

export type StatedFields = Partial<Record<Label, string>>;

/**
 * "Label: value" in one cell, or a label cell followed by its value cell, in rows outside the table. The first
 * statement of a field wins (a check stub repeats the total at the bottom).
 */
export function statedFields(rows: string[][]): StatedFields {
  const found: StatedFields = {};
  const put = (label: Label | null, value: string | undefined) => {
    const v = value?.trim();
    if (label && v && found[label] === undefined) found[label] = v;
  };
  for (const cells of rows) {
    const filled = cells.map((c) => c.trim()).filter(Boolean);
    filled.forEach((cell, i) => {
      const colon = /^([^:]{2,40}):\s*(.*)$/.exec(cell);
      if (colon) {
        put(labelOf(colon[1]!), colon[2] || filled[i + 1]);
      } else if (labelOf(cell) && i + 1 < filled.length && !labelOf(filled[i + 1]!)) {
        put(labelOf(cell), filled[i + 1]);
      }
    });
  }
  return found;
}

/** ISO 4217 code from a stated currency, a code next to an amount ("USD 1,270.00") or a symbol. */
export function currencyIn(texts: string[]): string | null {
  for (const t of texts) {
    const code = /(?:^|[^A-Z])(USD|EUR|GBP|CHF|CAD|AUD|JPY|SEK|NOK|DKK|PLN|MXN|NZD|SGD|HKD|ZAR|INR|CNY|BRL)(?:[^A-Z]|$)/.exec(t);
    if (code) return code[1]!;
  }
  const joined = texts.join(" ");
  if (joined.includes("€")) return "EUR";
  if (joined.includes("£")) return "GBP";
  if (/(?:^|[\s(])\$\s?\d/.test(joined) || joined.includes('"$"')) return "USD";
  return null;
}

export function extraction(confidence: number, mapping: ColumnMapping | undefined, problems: string[]): RemittanceExtraction {
  const c = Math.round(Math.max(0, Math.min(1, confidence)) * 100) / 100;
  return { confidence: c, ...(mapping ? { mapping } : {}), needsReview: c < REVIEW_BELOW || problems.length > 0, problems };
}

/**
 * The header row of a customer's confirmed mapping: the first row (of the first `scan`) that holds every column the
 * mapping names. Null when the layout changed (the caller then guesses again and asks for a review).
 */
export function findMappedHeaderRow(rows: string[][], mapping: ColumnMapping, scan = 50): HeaderGuess | null {
  const wanted = Object.values(mapping.columns).filter((h): h is string => !!h).map(normalise);
  if (wanted.length === 0) return null;
  const index = rows.slice(0, scan).findIndex((cells) => {
    const have = new Set(cells.map(normalise));
    return wanted.every((w) => have.has(w));
  });
  return index < 0 ? null : { index, guess: { mapping, confidence: 1, fields: [], unmapped: [] } };
}
