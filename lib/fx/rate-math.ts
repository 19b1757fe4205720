// Exchange rates as exact decimals, never floats. A rate is the decimal string "1 from = rate to" (as the ECB
// publishes: 1 EUR = 1.0823 USD); it is kept as an integer over a power of ten, and conversions divide bigints once,
// rounding half-even (banker's rounding) to the target currency's ISO 4217 minor unit (lib/money/currencies.ts).
import { minorUnits } from "../money/currencies.ts";

/** Decimal places a derived (inverse or cross) rate is rounded to; that decimal is what converts and what is stored. */
export const DERIVED_RATE_DECIMALS = 10;

const RATE = /^(\d{1,12})(?:\.(\d{1,12}))?$/;

export type Decimal = { num: bigint; scale: number };

/** Parses a positive decimal rate ("1.0823", "157.32"); throws naming the value otherwise. */
export function parseRate(value: string): Decimal {
  const m = RATE.exec(value.trim());
  if (!m) throw new Error(`rate "${value.slice(0, 40)}" is not a positive decimal (digits, at most 12 decimals)`);
  const frac = m[2] ?? "";
  const num = BigInt(m[1]! + frac);
  if (num === 0n) throw new Error(`rate "${value}" is zero`);
  return { num, scale: frac.length };
}

/** Canonical text of a rate: no trailing zeros past the first decimal ("1.082300" → "1.0823", "2" → "2"). */
export function formatDecimal(d: Decimal): string {
  const s = d.num.toString().padStart(d.scale + 1, "0");
  if (d.scale === 0) return s;
  const whole = s.slice(0, -d.scale);
  const frac = s.slice(-d.scale).replace(/0+$/, "");
  return frac ? `${whole}.${frac}` : whole;
}

/** n / d rounded half to even (d > 0). */
export function divHalfEven(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new Error("divisor must be positive");
  const neg = n < 0n;
  const a = neg ? -n : n;
  let q = a / d;
  const r = a % d;
  const twice = r * 2n;
  if (twice > d || (twice === d && q % 2n === 1n)) q += 1n;
  return neg ? -q : q;
}

/** The quotient p/q as a decimal rounded half-even to DERIVED_RATE_DECIMALS places. */
export function ratioToDecimal(p: bigint, q: bigint): Decimal {
  const scale = DERIVED_RATE_DECIMALS;
  return { num: divHalfEven(p * 10n ** BigInt(scale), q), scale };
}

/** 1 / rate, rounded to DERIVED_RATE_DECIMALS places. */
export function invert(r: Decimal): Decimal {
  return ratioToDecimal(10n ** BigInt(r.scale), r.num);
}

/** Cross rate from two EUR legs: 1 from = (EUR→to) / (EUR→from) to. */
export function crossThrough(eurToFrom: Decimal, eurToTo: Decimal): Decimal {
  return ratioToDecimal(eurToTo.num * 10n ** BigInt(eurToFrom.scale), eurToFrom.num * 10n ** BigInt(eurToTo.scale));
}

/**
 * Converts minor units of `from` into minor units of `to` at `rate` (1 from = rate to), rounding half-even once:
 * to = minor × rate × 10^exp(to) / 10^exp(from).
 */
export function convertMinor(minor: bigint, from: string, to: string, rate: Decimal): bigint {
  const ef = minorUnits(from);
  const et = minorUnits(to);
  return divHalfEven(minor * rate.num * 10n ** BigInt(et), 10n ** BigInt(rate.scale + ef));
}
