// Date helpers for the compact date fields of bank formats. Dates are ISO "YYYY-MM-DD" strings.

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * An ISO date, or null when the month or day is impossible. With `clampDay`, a day past the month's
 * end becomes its last day: German banks book interest on "February 30" (30/360 day counts).
 */
export function isoDate(year: number, month: number, day: number, clampDay = false): string | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const last = daysInMonth(year, month);
  if (day > last) {
    if (!clampDay || day > 31) return null;
    day = last;
  }
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Two-digit years: 80-99 are 19xx, the rest 20xx. */
export function fullYear(yy: number): number {
  return yy >= 80 ? 1900 + yy : 2000 + yy;
}

/** "YYMMDD" -> ISO date, or null when not a valid date. */
export function parseYYMMDD(text: string, clampDay = false): string | null {
  if (!/^\d{6}$/.test(text)) return null;
  return isoDate(fullYear(Number(text.slice(0, 2))), Number(text.slice(2, 4)), Number(text.slice(4, 6)), clampDay);
}

/**
 * "MMDD" without a year, next to a known full date (MT940 entry date beside the value date): the
 * year is the reference year, moved by one when the two dates straddle a new year.
 */
export function nearbyMMDD(mmdd: string, reference: string, clampDay = false): string | null {
  if (!/^\d{4}$/.test(mmdd)) return null;
  const month = Number(mmdd.slice(0, 2));
  const refYear = Number(reference.slice(0, 4));
  const refMonth = Number(reference.slice(5, 7));
  let year = refYear;
  if (month - refMonth > 6) year--;
  else if (refMonth - month > 6) year++;
  return isoDate(year, month, Number(mmdd.slice(2, 4)), clampDay);
}

/** The first ten characters of an ISO date or date-time, as written (no time-zone shifting). */
export function datePart(text: string | null | undefined): string | null {
  const m = text ? /^\s*(\d{4}-\d{2}-\d{2})/.exec(text) : null;
  return m ? m[1] : null;
}
