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
  if (exp > 0 && text.length > exp + 1 && text.charCodeAt(text.length - exp - 1) === 46) {
    const minor = plainMinor(text, text.length - exp - 1);
    if (minor !== null) return minor;
    if (FAST.test(text)) return BigInt(text.slice(0, -exp - 1) + text.slice(-exp));
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

/**
 * "1234.56" (the point at `dot`, only digits around it, at most 15 of them) as minor units, else null.
 * Below 10^15 every integer is exact as a double, so the digits are summed as a Number and converted
 * once: no intermediate strings (index build parses every invoice's amounts).
 */
function plainMinor(text: string, dot: number): bigint | null {
  const n = text.length;
  if (n - 1 > 15 || dot === 0) return null;
  let v = 0;
  const i = text.charCodeAt(0) === 45 ? 1 : 0;
  if (i === dot) return null;
  for (let k = i; k < n; k++) {
    if (k === dot) continue;
    const c = text.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return null;
    v = v * 10 + c;
  }
  return BigInt(i === 1 ? -v : v);
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
