// Invoices one typo away from a written reference: adjacent transpositions and single-digit substitutions
// of the whole digits and of the running number. The neighbours are made as Numbers (a reference of at most
// 15 digits is exact as a double, and for one length distinct digit strings are distinct numbers), so a
// typo search allocates no strings; longer references take the string path.
import { digitVariants } from "./invoice-keys.ts";
import type { MatchIndex } from "./index.ts";
import { stripZeros } from "./normalise.ts";
import type { Mention } from "./resolve-references.ts";

export interface TypoCandidate {
  invoice: number;
  /** True for an adjacent transposition (the most common slip), false for a substituted digit. */
  transposition: boolean;
}

const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);
const MAX_NUMERIC = 15;

/**
 * Invoices one typo away from what was written (never the written number itself): adjacent
 * transpositions, and with `substitutions` also one changed digit.
 */
export function typoCandidates(index: MatchIndex, m: Mention, partial: boolean, substitutions = true): TypoCandidate[] {
  if (stripZeros(m.digits).length < 4) return [];
  const out = new Map<number, boolean>();
  if (numeric(m.digits)) {
    forEachVariant(m.digits, substitutions, (v, t) => addTypo(out, index.byDigits.getNumber(v), t));
  } else {
    const trans = new Set(digitVariants(m.digits, false));
    for (const v of substitutions ? digitVariants(m.digits, true) : trans) addTypo(out, index.lookupDigits(v), trans.has(v));
  }
  const year = m.year !== null && index.years.has(m.year) ? m.year : null;
  if ((m.year === null && partial) || year !== null) {
    if (numeric(m.core)) {
      const hits: number[] = [];
      forEachVariant(m.core, substitutions, (v, t) => {
        hits.length = 0;
        // (as lookupYearCore / lookupCore would read the variant's digits: leading zeros dropped)
        const len = v === 0 ? 1 : digitCount(v);
        if (year !== null) index.collectYearCore(year, v, len, -1, hits);
        else {
          if (len <= 11) index.collectCore(v, len, hits);
          for (const i of index.byDigits.getNumber(v)) if (index.invoices[i]!.year === null) hits.push(i);
        }
        addTypo(out, hits, t);
      });
    } else {
      const transCore = new Set(digitVariants(m.core, false));
      for (const v of substitutions ? digitVariants(m.core, true) : transCore) {
        addTypo(out, year !== null ? index.lookupYearCore(year, v) : index.lookupCore(v), transCore.has(v));
      }
    }
  }
  for (const g of m.groups) for (const i of g) out.delete(i);
  return [...out].map(([invoice, transposition]) => ({ invoice, transposition }));
}

function addTypo(out: Map<number, boolean>, hits: readonly number[], transposition: boolean): void {
  for (const h of hits) if (!out.has(h) || transposition) out.set(h, transposition);
}

/** 1..15 ASCII digits. */
function numeric(d: string): boolean {
  if (!d.length || d.length > MAX_NUMERIC) return false;
  for (let i = 0; i < d.length; i++) {
    const c = d.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function digitCount(v: number): number {
  let n = 1;
  while (n < POW10.length && v >= POW10[n]!) n++;
  return n;
}

/**
 * The values of `digitVariants(d, substitutions)` in the same order: transpositions left to right, then each
 * position's substitutions 0…9. (No two of them are equal and none equals `d`, so nothing is skipped as a duplicate.)
 */
function forEachVariant(d: string, substitutions: boolean, f: (value: number, transposition: boolean) => void): void {
  const n = d.length;
  let value = 0;
  for (let i = 0; i < n; i++) value = value * 10 + (d.charCodeAt(i) - 48);
  for (let i = 0; i + 1 < n; i++) {
    const a = d.charCodeAt(i) - 48;
    const b = d.charCodeAt(i + 1) - 48;
    if (a === b) continue;
    f(value + (b - a) * POW10[n - 1 - i]! + (a - b) * POW10[n - 2 - i]!, true);
  }
  if (!substitutions) return;
  for (let i = 0; i < n; i++) {
    const a = d.charCodeAt(i) - 48;
    const w = POW10[n - 1 - i]!;
    for (let k = 0; k < 10; k++) if (k !== a) f(value + (k - a) * w, false);
  }
}
