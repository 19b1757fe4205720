// Keys derived from invoice / PO numbers so that references written in many ways find the invoice.
//   "INV-2026-000103" → digits "2026000103", year "2026", core "103", letters "INV"
//   "RE2026/00102"    → digits "202600102",  year "2026", core "102", letters "RE"
//   "UK-102318"       → digits "102318",     year none,   core "102318", letters "UK"
import { foldText, stripZeros } from "./normalise.ts";

export interface NumberKeys {
  /** All digits, leading zeros removed. */
  digits: string;
  /** 4-digit year group when the number has one (first group of several, or embedded "2026000103"). */
  year: string | null;
  /** The running number without the year, leading zeros removed. */
  core: string;
  /** Letters of the number (series prefix), e.g. "INV". */
  letters: string;
}

const YEAR = /^(19|20)\d\d$/;

export function isYear(s: string): boolean {
  return YEAR.test(s);
}

export function numberKeys(number: string): NumberKeys | null {
  // One pass over the characters: digit groups and letters (non-ASCII text is folded first).
  const text = /^[\x00-\x7f]*$/.test(number) ? number : foldText(number);
  const groups: string[] = [];
  let letters = "";
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : -1;
    const digit = c >= 48 && c <= 57;
    if (digit) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) groups.push(text.slice(start, i)), (start = -1);
    if (c >= 97 && c <= 122) letters += String.fromCharCode(c - 32);
    else if (c >= 65 && c <= 90) letters += text[i];
  }
  if (!groups.length) return null;
  const all = groups.length === 1 ? groups[0]! : groups.join("");
  const digits = stripZeros(all);
  let year: string | null = null;
  let core: string;
  if (groups.length >= 2 && isYear(groups[0]!)) {
    year = groups[0]!;
    core = stripZeros(all.slice(4));
  } else if (groups.length === 1 && all.length >= 8 && isYear(all.slice(0, 4))) {
    year = all.slice(0, 4);
    core = stripZeros(all.slice(4));
  } else {
    core = digits;
  }
  return { digits, year, core, letters };
}

/** Adjacent transpositions and single-digit substitutions of a digit string (the typo neighbourhood). */
export function digitVariants(d: string, substitutions = true): string[] {
  const out = new Set<string>();
  for (let i = 0; i + 1 < d.length; i++) {
    if (d[i] === d[i + 1]) continue;
    out.add(d.slice(0, i) + d[i + 1] + d[i] + d.slice(i + 2));
  }
  if (substitutions) {
    for (let i = 0; i < d.length; i++) {
      for (let k = 0; k < 10; k++) {
        const c = String(k);
        if (c !== d[i]) out.add(d.slice(0, i) + c + d.slice(i + 1));
      }
    }
  }
  out.delete(d);
  return [...out];
}

/**
 * True when `s` may be the year part of a reference: a year, one typo (transposition or changed digit) away
 * from a known year ("2062", "0226", "1026" for 2026), or a known year's last two digits ("26").
 */
export function isYearish(s: string, knownYears: ReadonlySet<string>): boolean {
  if (s.length === 2) return knownYears.has("20" + s); // "INV-26-000103"
  if (s.length !== 4) return false;
  if (knownYears.has(s) || isYear(s)) return true;
  // (= some variant in digitVariants(s) is a known year, without making the variants)
  for (const y of knownYears) if (oneTypoApart(s, y)) return true;
  return false;
}

/** `y` is `s` with one digit changed or two adjacent characters swapped (s !== y, both of length 4 here). */
function oneTypoApart(s: string, y: string): boolean {
  if (y.length !== s.length) return false;
  let first = -1;
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) === y.charCodeAt(i)) continue;
    if (++count > 2) return false;
    if (first < 0) first = i;
  }
  if (count === 1) return y.charCodeAt(first) >= 48 && y.charCodeAt(first) <= 57;
  return count === 2 && s.charCodeAt(first) === y.charCodeAt(first + 1) && s.charCodeAt(first + 1) === y.charCodeAt(first);
}
