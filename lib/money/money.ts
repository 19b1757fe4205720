// Money as bigint minor units with an ISO 4217 currency; decimal strings at every edge. Never a JS float.
const EXPONENT: Record<string, number> = {
  JPY: 0, KRW: 0, CLP: 0, ISK: 0, VND: 0, XOF: 0, XAF: 0, HUF: 2,
  BHD: 3, KWD: 3, OMR: 3, JOD: 3, TND: 3, LYD: 3, IQD: 3,
};

/** ISO 4217 codes we accept (the common ones; extend as entities are added). */
export const CURRENCIES = new Set([
  "USD", "EUR", "GBP", "CHF", "CAD", "AUD", "NZD", "JPY", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "RON", "BGN",
  "MXN", "BRL", "INR", "CNY", "HKD", "SGD", "ZAR", "AED", "SAR", "BHD", "KWD", "OMR", "JOD", "TND", "KRW", "ILS",
  "TRY", "RUB", "UAH", "THB", "MYR", "IDR", "PHP", "VND", "CLP", "COP", "PEN", "ARS", "ISK", "XOF", "XAF", "NGN",
  "KES", "EGP", "MAD", "LYD", "IQD", "TWD",
]);

export function isCurrency(code: string): boolean {
  return CURRENCIES.has(code);
}

export function minorExponent(currency: string): number {
  return EXPONENT[currency] ?? 2;
}

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** Parses "1234.50" (or "-12", "0.5") into minor units; throws on anything else or on excess precision. */
export function toMinor(value: string, currency: string): bigint {
  const m = DECIMAL.exec(value.trim());
  if (!m) throw new Error(`not a decimal amount: "${value}"`);
  const exp = minorExponent(currency);
  const frac = m[3] ?? "";
  if (frac.length > exp && /[1-9]/.test(frac.slice(exp))) throw new Error(`amount "${value}" has more than ${exp} decimals for ${currency}`);
  const digits = m[2] + frac.slice(0, exp).padEnd(exp, "0");
  const minor = BigInt(digits);
  return m[1] === "-" ? -minor : minor;
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
