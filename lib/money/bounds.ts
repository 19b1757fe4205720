// The largest amount Cashline takes in, in minor units of any currency: 10^15 (USD 10 trillion; JPY 1 quadrillion).
// Far inside PostgreSQL bigint (9.2·10^18) and JS's exact integers (9·10^15), so sums of many amounts stay exact
// and a bad value is refused at the edge with its field named, never a 500 at insert time.
import { currencyExponent } from "./currencies.ts";

export const MAX_AMOUNT_MINOR = 10n ** 15n;

export class AmountOutOfRangeError extends Error {}

function majorUnits(minor: bigint, currency: string): string {
  const exp = currencyExponent(currency);
  const s = minor.toString().padStart(exp + 1, "0");
  return exp ? `${s.slice(0, -exp)}.${s.slice(-exp)}` : s;
}

/** The amount itself when |amount| ≤ MAX_AMOUNT_MINOR; throws AmountOutOfRangeError otherwise. */
export function assertAmountInBounds(minor: bigint, currency: string, field?: string): bigint {
  if (minor > MAX_AMOUNT_MINOR || minor < -MAX_AMOUNT_MINOR) {
    throw new AmountOutOfRangeError(`${field ? `${field}: ` : ""}amount exceeds the maximum of ${MAX_AMOUNT_MINOR} minor units (${majorUnits(MAX_AMOUNT_MINOR, currency)} ${currency})`);
  }
  return minor;
}
