// Money as bigint minor units with an ISO 4217 currency; decimal strings at every edge. Never a JS float.
import { currencyExponent, ISO_CURRENCIES, isKnownCurrency, minorUnits } from "./currencies.ts";
import { assertAmountInBounds } from "./bounds.ts";

/** ISO 4217 codes we accept (one table for the whole project: lib/money/currencies.ts). */
export const CURRENCIES = ISO_CURRENCIES;

export function isCurrency(code: string): boolean {
  return isKnownCurrency(code);
}

export function minorExponent(currency: string): number {
  return currencyExponent(currency);
}

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

/**
 * Parses "1234.50" (or "-12", "0.5") into minor units; throws on anything else, on excess precision, on an unknown
 * currency and on amounts past MAX_AMOUNT_MINOR (callers add the field name to the message).
 */
export function toMinor(value: string, currency: string): bigint {
  const m = DECIMAL.exec(value.trim());
  if (!m) throw new Error(`not a decimal amount: "${value}"`);
  const exp = minorUnits(currency);
  const frac = m[3] ?? "";
  if (frac.length > exp && /[1-9]/.test(frac.slice(exp))) throw new Error(`amount "${value}" has more than ${exp} decimals for ${currency}`);
  const digits = m[2] + frac.slice(0, exp).padEnd(exp, "0");
  if (m[2]!.replace(/^0+/, "").length > 20) throw new Error(`amount "${value.slice(0, 40)}" is out of range`); // before BigInt of a huge string
  const minor = BigInt(digits);
  return assertAmountInBounds(m[1] === "-" ? -minor : minor, currency);
}

/** Formats minor units as a decimal string with the currency's exponent: 123450n, "USD" -> "1234.50". */
export function fromMinor(minor: bigint, currency: string): string {
  const exp = minorExponent(currency);
  const negative = minor < 0n;
  const abs = (negative ? -minor : minor).toString().padStart(exp + 1, "0");
  const whole = exp === 0 ? abs : abs.slice(0, -exp);
  const frac = exp === 0 ? "" : `.${abs.slice(-exp)}`;
  return `${negative ? "-" : ""}${whole}${frac}`;
}

/** Human display with thousands separators, e.g. "USD 1,234.50". Presentation only. */
export function formatMoney(minor: bigint, currency: string): string {
  const [whole, frac] = fromMinor(minor, currency).split(".");
  const sign = whole!.startsWith("-") ? "-" : "";
  const digits = whole!.replace("-", "").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${currency} ${digits}${frac ? `.${frac}` : ""}`;
}
