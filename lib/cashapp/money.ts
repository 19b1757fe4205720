// Money: bigint minor units inside the engine, decimal strings at the edges. Never a JS float.
import { currencyExponent } from "./currencies.ts";

export { currencyExponent, isKnownCurrency } from "./currencies.ts";

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?$/;
const FAST = /^-?\d+\.\d+$/;

export class MoneyParseError extends Error {}

/**
 * Parse a decimal string ("1234.50", "-3", "12.") into minor units of `currency`.
 * Throws MoneyParseError when the text is not a plain decimal or has more decimals than the currency
 * allows (extra trailing zeros are accepted: "100.00" JPY is 100).
 */
export function parseMoney(text: string, currency: string): bigint {
  const exp = currencyExponent(currency);
  // Fast path: plain "1234.56" with exactly the currency's decimals.
  if (exp > 0 && text.length > exp + 1 && text.charCodeAt(text.length - exp - 1) === 46 && FAST.test(text)) {
    return BigInt(text.slice(0, -exp - 1) + text.slice(-exp));
  }
  const m = DECIMAL.exec(text.trim());
  if (!m) throw new MoneyParseError(`not a decimal amount: "${text}"`);
  let frac = m[3] ?? "";
  if (frac.length > exp) {
    if (/[^0]/.test(frac.slice(exp))) {
      throw new MoneyParseError(`"${text}" has more than ${exp} decimals for ${currency}`);
    }
    frac = frac.slice(0, exp);
  }
  const minor = BigInt(m[2] + frac.padEnd(exp, "0"));
  return m[1] === "-" ? -minor : minor;
}

/** Format minor units of `currency` as a decimal string with exactly the currency's decimals. */
export function formatMoney(minor: bigint, currency: string): string {
  const exp = currencyExponent(currency);
  const neg = minor < 0n;
  const digits = (neg ? -minor : minor).toString();
  if (exp === 0) return (neg ? "-" : "") + digits;
  const padded = digits.padStart(exp + 1, "0");
  return `${neg ? "-" : ""}${padded.slice(0, -exp)}.${padded.slice(-exp)}`;
}

export function absMinor(x: bigint): bigint {
  return x < 0n ? -x : x;
}
