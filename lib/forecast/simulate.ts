// Monte Carlo for the forecast's band: each run draws, for every invoice, the day its (expected) amount arrives
// from its outlook — split in two payments with the customer's partial-payment probability — and sums per day and
// per week. Quantiles per day and per week are taken over runs (nearest rank). Seeded: the same input gives the
// same band. Amounts are whole minor units held in doubles (exact below 2^53, i.e. 90 trillion units).
import { createRng } from "../demo/prng.ts";
import { cumulative, drawSlot } from "./outlook.ts";

export type SimInvoice = { amount: number; outlook: Float64Array; splitP: number; firstShare: number };
type Q = { p10: bigint; p50: bigint; p90: bigint };

function quantiles(values: Float64Array): Q {
  const s = Float64Array.from(values).sort();
  const at = (q: number) => BigInt(s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!);
  return { p10: at(0.1), p50: at(0.5), p90: at(0.9) };
}

export function simulate(invoices: SimInvoice[], horizon: number, o: { sims: number; seed: number }): { days: Q[]; weeks: Q[] } {
  const rng = createRng(o.seed);
  const runs = o.sims;
  const byDay = Array.from({ length: horizon }, () => new Float64Array(runs));
  const cdfs = invoices.map((i) => cumulative(i.outlook));
  for (let r = 0; r < runs; r++) {
    for (let k = 0; k < invoices.length; k++) {
      const inv = invoices[k]!;
      const cdf = cdfs[k]!;
      if (inv.splitP > 0 && rng.next() < inv.splitP) {
        const first = Math.round(inv.amount * inv.firstShare);
        const a = drawSlot(cdf, rng.next()), b = drawSlot(cdf, rng.next());
        if (a < horizon) byDay[a]![r]! += first;
        if (b < horizon) byDay[b]![r]! += inv.amount - first;
      } else {
        const a = drawSlot(cdf, rng.next());
        if (a < horizon) byDay[a]![r]! += inv.amount;
      }
    }
  }
  const weeks: Q[] = [];
  for (let w = 0; w * 7 < horizon; w++) {
    const sums = new Float64Array(runs);
    for (let d = w * 7; d < Math.min(horizon, w * 7 + 7); d++) for (let r = 0; r < runs; r++) sums[r]! += byDay[d]![r]!;
    weeks.push(quantiles(sums));
  }
  return { days: byDay.map(quantiles), weeks };
}
