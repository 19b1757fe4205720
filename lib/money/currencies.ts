// ISO 4217 active currency codes and their minor-unit exponents.
// Exponent 2 is the default; the exceptions are listed explicitly. Funds, precious metals and test codes
// (XAU, XDR, XTS, XXX…) have no minor unit in ISO 4217 ("N.A.") and are deliberately absent: not money we book.
// Codes being withdrawn (ANG, CUC, SLL, ZWL) stay, so older bank files still parse.

const CODES =
  "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD " +
  "CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL " +
  "GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD " +
  "KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR " +
  "NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN " +
  "SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XCD " +
  "XCG XOF XPF YER ZAR ZMW ZWG ZWL";

const ZERO = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF";
const THREE = "BHD IQD JOD KWD LYD OMR TND";
const FOUR = "CLF UYW";

const EXPONENTS = new Map<string, number>();
for (const c of CODES.split(" ")) EXPONENTS.set(c, 2);
for (const c of ZERO.split(" ")) EXPONENTS.set(c, 0);
for (const c of THREE.split(" ")) EXPONENTS.set(c, 3);
for (const c of FOUR.split(" ")) EXPONENTS.set(c, 4);

/** True when `code` is an active ISO 4217 currency code (upper case, e.g. "EUR"). */
export function isKnownCurrency(code: string): boolean {
  return EXPONENTS.has(code);
}

export class UnknownCurrencyError extends Error {
  constructor(readonly code: string) {
    super(`unknown currency "${code}": not an active ISO 4217 code with minor units`);
  }
}

/** Minor units of an ISO 4217 currency (JPY 0, USD 2, KWD 3, CLF 4); throws for a code not in the table. */
export function minorUnits(code: string): number {
  const exp = EXPONENTS.get(code);
  if (exp === undefined) throw new UnknownCurrencyError(code);
  return exp;
}

/**
 * Minor-unit exponent for display and for the bank-file parsers, which check the code themselves: 2 for a code not
 * in the table. Everything that turns input into money uses the strict `minorUnits` instead (no guessing).
 */
export function currencyExponent(code: string): number {
  return EXPONENTS.get(code) ?? 2;
}

/** Every active ISO 4217 code. */
export const ISO_CURRENCIES: ReadonlySet<string> = new Set(EXPONENTS.keys());
