// Money as bigint minor units. Decimal text in, decimal text out: no floating point anywhere.

import { currencyExponent as isoExponent } from "../money/currencies.ts";

/** Minor-unit exponent (ISO 4217, one table for the project); 2 when the file names no currency. */
export function currencyExponent(currency: string | null | undefined): number {
  return currency ? isoExponent(currency.toUpperCase()) : 2;
}

export class AmountError extends Error {}

const DECIMAL = /^([+-]?)(\d*)(?:[.,](\d*))?$/;

/**
 * Parses "1234.5", "-0,42", "380115," into minor units at `exponent`. Extra fraction digits are
 * accepted only when they are zeros ("18.150" EUR): money is never rounded silently.
 */
export function parseDecimal(text: string, exponent: number): bigint {
  const m = DECIMAL.exec(text.trim());
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) throw new AmountError(`invalid amount "${text}"`);
  const [, sign, whole, frac = ""] = m;
  const kept = frac.slice(0, exponent).padEnd(exponent, "0");
  if (/[^0]/.test(frac.slice(exponent))) {
    throw new AmountError(`amount "${text}" has more decimals than the currency allows (${exponent})`);
  }
  const minor = BigInt((whole || "0") + kept);
  return sign === "-" ? -minor : minor;
}

/** Parses an integer count of minor units ("000000000208500", "+4350000", "-1600"). */
export function parseMinorUnits(text: string): bigint {
  const t = text.trim();
  if (!/^[+-]?\d+$/.test(t)) throw new AmountError(`invalid amount "${text}"`);
  return BigInt(t);
}

/** Formats minor units as a signed decimal string: (-1230n, 2) -> "-12.30", (2700n, 0) -> "2700". */
export function formatMinor(minor: bigint, exponent: number): string {
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(exponent + 1, "0");
  const whole = digits.slice(0, digits.length - exponent);
  const frac = digits.slice(digits.length - exponent);
  return (negative ? "-" : "") + (exponent > 0 ? `${whole}.${frac}` : whole);
}

/** A monetary amount with its currency (null: the statement's currency). */
export interface Money {
  minor: bigint;
  currency: string | null;
}

/** An amount read leniently: `quirk` says what was not standard (null when nothing was). */
export interface LenientAmount {
  minor: bigint;
  quirk: string | null;
}

/**
 * Reads a decimal amount whose standard separator is `standard` ("," in MT940, "." in XML), accepting what banks
 * really write where the meaning is certain: the other separator when the fraction cannot be a thousands group
 * (1 to `exponent` digits, never 3), thousands grouping with the other character ("1.234,56", "1,234.56"), zero
 * padding and surrounding blanks. Anything else (e.g. "1.000" in an MT940 EUR field: one euro or a thousand?) is
 * refused with AmountError.
 */
export function readAmount(raw: string, exponent: number, standard: "," | "."): LenientAmount {
  const text = raw.trim();
  const other = standard === "," ? "." : ",";
  const grouped = /^(\d{1,3})((?:([.,])\d{3})+)([.,])(\d+)$/.exec(text);
  if (grouped && grouped[3] !== grouped[4]) {
    const minor = parseDecimal(`${grouped[1]}${grouped[2].replaceAll(grouped[3]!, "")}.${grouped[5]}`, exponent);
    return { minor, quirk: `amount "${text}" written with "${grouped[3]}" as thousands separator` };
  }
  const m = /^(\d*)([.,])(\d*)$/.exec(text);
  if (m && m[2] === other) {
    const frac = m[3]!.length;
    if (frac < 1 || frac > exponent || frac === 3 || m[1] === "") {
      throw new AmountError(`amount "${text}": "${other}" is not this format's decimal separator and "${text}" could be read two ways`);
    }
    return { minor: parseDecimal(`${m[1]}.${m[3]}`, exponent), quirk: `amount "${text}" written with "${other}" as decimal separator instead of "${standard}"` };
  }
  if (/^\d+$/.test(text) && standard === ",") {
    return { minor: parseDecimal(text, exponent), quirk: `amount "${text}" written without a decimal comma` };
  }
  return { minor: parseDecimal(text, exponent), quirk: null };
}
