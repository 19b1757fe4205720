// Statement continuity, as a pure function: a statement's opening balance must be the closing balance of the
// account's previous statement, with no business day missing in between. A missing weekday is a gap (a
// statement never arrived); a different balance with no day missing is a mismatch (the bank corrected
// something, or a line was lost). Weekends are not gaps; bank holidays are (a person closes those cases).
import { formatMoney } from "../money/money.ts";

export type StatementBalances = {
  ref: string;
  openingMinor: bigint | null;
  openingDate: string | null;
  closingMinor: bigint | null;
  closingDate: string | null;
};
export type ContinuityIssue = { code: "STATEMENT_GAP" | "BALANCE_MISMATCH"; differenceMinor: bigint; reasons: string[] };

const DAY = 86_400_000;

/** Weekdays strictly between two ISO dates. */
export function missingWeekdays(afterDate: string, beforeDate: string): string[] {
  const out: string[] = [];
  const end = Date.parse(`${beforeDate}T00:00:00Z`);
  for (let t = Date.parse(`${afterDate}T00:00:00Z`) + DAY; t < end; t += DAY) {
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

function days(list: string[]): string {
  return list.length <= 3 ? list.join(", ") : `${list[0]} … ${list.at(-1)} (${list.length} business days)`;
}

export function checkContinuity(previous: StatementBalances | null, current: StatementBalances, currency: string): ContinuityIssue | null {
  if (!previous || previous.closingMinor === null || !previous.closingDate || current.openingMinor === null || !current.openingDate) return null;
  const difference = current.openingMinor - previous.closingMinor;
  const missing = missingWeekdays(previous.closingDate, current.openingDate);
  const balances = `opening balance ${formatMoney(current.openingMinor, currency)} on ${current.openingDate} (statement ${current.ref}) vs previous closing balance ${formatMoney(previous.closingMinor, currency)} on ${previous.closingDate} (statement ${previous.ref})`;
  if (missing.length > 0) {
    return {
      code: "STATEMENT_GAP",
      differenceMinor: difference,
      reasons: [
        `no statement for ${days(missing)}: the last statement closed on ${previous.closingDate}, the next opens on ${current.openingDate}`,
        difference === 0n ? `balances agree: ${balances}` : `${balances}: ${formatMoney(difference, currency)} unaccounted for`,
      ],
    };
  }
  if (difference !== 0n) {
    return { code: "BALANCE_MISMATCH", differenceMinor: difference, reasons: [`${balances}: differs by ${formatMoney(difference, currency)}`] };
  }
  return null;
}
