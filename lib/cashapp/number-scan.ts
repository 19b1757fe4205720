// The keys of an invoice number as values, in one pass and without intermediate strings: what
// `numberKeys` (invoice-keys.ts) gives, for the index build (every invoice). Only plain cases are read here — ASCII text
// with at most 15 significant digits (exact as a double); anything else is left to `numberKeys`.

import { isYearAt, letterRun } from "./char-scan.ts";

export interface NumberScan {
  /** The number has digits (else `numberKeys` gives null). */
  hasDigits: boolean;
  /** Value of all digits (= NumberKeys.digits read as a number) and that string's length. */
  digitsValue: number;
  digitsLength: number;
  /** NumberKeys.year, or null. */
  year: string | null;
  /** NumberKeys.core as a number, -1 when it has more than 15 digits. */
  core: number;
  letters: string;
}

const MAX_DIGITS = 15;

/** Fill `out` for `number`; false when `numberKeys` must read it (non-ASCII, or over 15 significant digits). */
export function scanNumber(number: string, out: NumberScan): boolean {
  const n = number.length;
  let letters = "";
  let groups = 0;
  let firstStart = -1;
  let firstLength = 0;
  let count = 0; // digits so far
  let value = 0;
  let sig = 0;
  let rest = 0; // value of the digits after the first four (the running number after a year)
  let restSig = 0;
  let i = 0;
  while (i < n) {
    const c = number.charCodeAt(i);
    if (c > 0x7f) return false;
    if (c >= 48 && c <= 57) {
      if (groups === 0) firstStart = i;
      groups++;
      for (; i < n; i++) {
        const d = number.charCodeAt(i) - 48;
        if (d < 0 || d > 9) break;
        if (groups === 1) firstLength++;
        if (count++ >= 4 && (restSig > 0 || d > 0)) restSig++, (rest = rest * 10 + d);
        if (sig === 0 && d === 0) continue;
        if (++sig > MAX_DIGITS) return false;
        value = value * 10 + d;
      }
      continue;
    }
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      const run = letterRun(number, i);
      letters = letters ? letters + run : run;
      i += run.length;
      continue;
    }
    i++;
  }
  out.hasDigits = groups > 0;
  out.letters = letters;
  out.digitsValue = value;
  out.digitsLength = sig > 0 ? sig : 1;
  // As numberKeys: a first group that is a year (of several groups), or a year leading one long group.
  const yearFirst = (groups >= 2 && firstLength === 4) || (groups === 1 && count >= 8);
  if (yearFirst && isYearAt(number, firstStart)) {
    out.year = number.slice(firstStart, firstStart + 4);
    out.core = restSig > MAX_DIGITS ? -1 : rest;
  } else {
    out.year = null;
    out.core = value;
  }
  return true;
}

