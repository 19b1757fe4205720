// One open invoice's outlook: the probability that a unit of its open amount arrives on each forecast day, after
// the horizon, or never, given the customer's behaviour and that it has not been paid before the forecast date
// (the behaviour is conditioned on lag ≥ days already overdue).
import { LAG_MAX, LAG_MIN, type Behaviour } from "./behaviour.ts";

/** When history has nothing for an invoice this overdue: evenly over the next FALLBACK_DAYS days. */
export const FALLBACK_DAYS = 30;

/** Slots 0 … horizon−1 are days from the forecast date; slot horizon = after the horizon; horizon+1 = never. */
export function invoiceOutlook(b: Behaviour, dueDay: number, asOfDay: number, horizon: number): Float64Array {
  const out = new Float64Array(horizon + 2);
  const elapsed = asOfDay - dueDay;
  let mass = 0;
  for (let l = Math.max(elapsed, LAG_MIN); l <= LAG_MAX; l++) {
    const p = b.lag[l - LAG_MIN]!;
    if (p === 0) continue;
    const slot = l - elapsed;
    out[slot < horizon ? slot : horizon]! += p;
    mass += p;
  }
  if (mass <= 1e-12) {
    // Nothing seen this late: if history also never loses money, the amount still comes, soon.
    if (b.never <= 1e-12) {
      for (let d = 0; d < Math.min(FALLBACK_DAYS, horizon); d++) out[d] = 1 / Math.min(FALLBACK_DAYS, horizon);
      return out;
    }
    out[horizon + 1] = 1;
    return out;
  }
  out[horizon + 1] = b.never;
  mass += b.never;
  for (let i = 0; i < out.length; i++) out[i]! /= mass;
  return out;
}

/** Splits an amount over slots in proportion to probabilities, exactly (largest remainder): the parts sum to it. */
export function allocate(amount: bigint, probs: Float64Array): bigint[] {
  const total = Number(amount);
  const parts = new Array<bigint>(probs.length);
  const fracs: { i: number; f: number }[] = [];
  let given = 0n;
  for (let i = 0; i < probs.length; i++) {
    const exact = total * probs[i]!;
    const whole = Math.floor(exact);
    parts[i] = BigInt(whole);
    given += parts[i]!;
    if (exact > whole) fracs.push({ i, f: exact - whole });
  }
  let rest = amount - given;
  // Float rounding can overshoot by a unit or so: take it back from the largest parts.
  while (rest < 0n) {
    const big = parts.reduce((m, v, i) => (v > parts[m]! ? i : m), 0);
    parts[big]! -= 1n;
    rest++;
  }
  fracs.sort((a, b) => b.f - a.f || a.i - b.i);
  for (let k = 0; rest > 0n && fracs.length; k = (k + 1) % fracs.length, rest--) parts[fracs[k]!.i]! += 1n;
  return parts;
}

/** Cumulative distribution for drawing a slot. */
export function cumulative(probs: Float64Array): Float64Array {
  const c = new Float64Array(probs.length);
  let s = 0;
  for (let i = 0; i < probs.length; i++) { s += probs[i]!; c[i] = s; }
  return c;
}

export function drawSlot(cdf: Float64Array, u: number): number {
  const x = u * cdf[cdf.length - 1]!;
  let lo = 0, hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid]! > x) hi = mid; else lo = mid + 1;
  }
  return lo;
}
