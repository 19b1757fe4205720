// Pure: a decimal amount typed by a person ("100", "99.5") as minor units for each currency exponent in use, so
// amount filters and amount search work across currencies with 0, 2 or 3 decimals without a float in sight.
import { CURRENCIES, minorExponent } from "../money/money.ts";

export const EXPONENT_GROUPS: { exponent: number; currencies: string[] }[] = [0, 2, 3].map((exponent) => ({
  exponent,
  currencies: [...CURRENCIES].filter((c) => minorExponent(c) === exponent),
}));

/** value × 10^exponent, rounded up (ceil), down (floor) or only if exact (null when it has more decimals). */
export function scaleDecimal(value: string, exponent: number, mode: "ceil" | "floor" | "exact"): bigint | null {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) return null;
  const frac = m[2] ?? "";
  const kept = BigInt(m[1]! + frac.slice(0, exponent).padEnd(exponent, "0"));
  const dropped = /[1-9]/.test(frac.slice(exponent));
  if (!dropped) return kept;
  if (mode === "exact") return null;
  return mode === "ceil" ? kept + 1n : kept;
}
