// Character-level readers shared by the two invoice-number scanners (`numberKeys` in invoice-keys.ts for any text,
// `scanNumber` in number-scan.ts for the index build's plain ASCII numbers), so both read letters and years alike.

/** The run of ASCII letters starting at `i` (the caller knows `i` is one), upper-cased: as long as in the text. */
export function letterRun(text: string, i: number): string {
  let j = i + 1;
  let lower = text.charCodeAt(i) >= 97;
  for (; j < text.length; j++) {
    const d = text.charCodeAt(j);
    if (d >= 97 && d <= 122) lower = true;
    else if (d < 65 || d > 90) break;
  }
  return lower ? text.slice(i, j).toUpperCase() : text.slice(i, j);
}

/** Four digits at `i` (the caller knows they are digits) read as a year 19xx / 20xx (= isYear). */
export function isYearAt(s: string, i: number): boolean {
  const a = s.charCodeAt(i);
  const b = s.charCodeAt(i + 1);
  return (a === 49 && b === 57) || (a === 50 && b === 48);
}
