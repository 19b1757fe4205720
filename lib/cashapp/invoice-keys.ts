// Keys derived from invoice / PO numbers so that references written in many ways find the invoice.
//   "INV-2026-000103" → digits "2026000103", year "2026", core "103", letters "INV"
//   "RE2026/00102"    → digits "202600102",  year "2026", core "102", letters "RE"
//   "UK-102318"       → digits "102318",     year none,   core "102318", letters "UK"
import { foldText, stripZeros } from "./normalise.ts";
import { isYearAt, letterRun } from "./char-scan.ts";

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
  // One pass over the characters: digit groups and runs of letters, taken as slices (non-ASCII text is
  // folded first). Every invoice goes through here when the index is built.
  const text = isAscii(number) ? number : foldText(number);
  const n = text.length;
  let groups = 0;
  let firstStart = -1;
  let firstEnd = -1;
  let all = ""; // the digit groups joined (made once there is a second group)
  let letters = "";
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      let j = i + 1;
      while (j < n && isDigitCode(text.charCodeAt(j))) j++;
      if (groups === 0) (firstStart = i), (firstEnd = j);
      else all = (groups === 1 ? text.slice(firstStart, firstEnd) : all) + text.slice(i, j);
      groups++;
      i = j;
      continue;
    }
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      const run = letterRun(text, i);
      letters = letters ? letters + run : run;
      i += run.length;
      continue;
    }
    i++;
  }
  if (!groups) return null;
  if (groups === 1) all = text.slice(firstStart, firstEnd);
  const digits = stripZeros(all);
  let year: string | null = null;
  let core: string;
  if (groups >= 2 && firstEnd - firstStart === 4 && isYearAt(text, firstStart)) {
    year = text.slice(firstStart, firstEnd);
    core = stripZeros(all.slice(4));
  } else if (groups === 1 && all.length >= 8 && isYearAt(all, 0)) {
    year = all.slice(0, 4);
    core = stripZeros(all.slice(4));
  } else {
    core = digits;
  }
  return { digits, year, core, letters };
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
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
