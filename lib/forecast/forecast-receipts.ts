// The cash forecast: expected receipts per day for the next 13 weeks from open invoices (each customer's learned
// behaviour, conditioned on what is already overdue; disputes held back, deductions and exceptions discounted)
// plus payouts in transit. Expected values are exact (each invoice's open amount allocated over its outlook, so
// money is conserved to the minor unit); the P10/P50/P90 band comes from a seeded Monte Carlo (simulate.ts).
import { learnBehaviours } from "./behaviour.ts";
import { allocate, invoiceOutlook } from "./outlook.ts";
import { simulate, type SimInvoice } from "./simulate.ts";
import { HORIZON_DAYS, HORIZON_WEEKS, type Driver, type Forecast, type ForecastInput, type ForecastOptions, type HoldKind } from "./types.ts";

/** Share of an open amount still expected while the invoice is under a hold (the rest is held back). */
export const HOLD_FACTOR: Record<HoldKind, number> = { dispute: 0, deduction: 0.5, exception: 0.5 };
export const DRIVERS_PER_WEEK = 5;

export function forecastReceipts(input: ForecastInput, options: ForecastOptions = {}): Forecast {
  const H = HORIZON_DAYS;
  const behaviours = learnBehaviours(input.history);
  const expected = new Array<bigint>(H).fill(0n);
  const perCustomerWeek = new Map<string, { name: string; weeks: bigint[]; invoices: Set<number>[] }>();
  const sims: SimInvoice[] = [];
  let open = 0n, beyond = 0n, never = 0n, held = 0n;

  for (const inv of input.invoices) {
    if (inv.openMinor <= 0n) continue;
    open += inv.openMinor;
    const factor = inv.hold ? HOLD_FACTOR[inv.hold] : 1;
    const expectedAmount = inv.openMinor - allocate(inv.openMinor, Float64Array.of(1 - factor, factor))[0]!;
    held += inv.openMinor - expectedAmount;
    if (expectedAmount === 0n) continue;
    const b = behaviours.customer(inv.customerId);
    const outlook = invoiceOutlook(b, inv.dueDay, input.asOfDay, H);
    const parts = allocate(expectedAmount, outlook);
    const c = perCustomerWeek.get(inv.customerId) ?? { name: inv.customerName, weeks: new Array<bigint>(HORIZON_WEEKS).fill(0n), invoices: Array.from({ length: HORIZON_WEEKS }, () => new Set<number>()) };
    perCustomerWeek.set(inv.customerId, c);
    for (let d = 0; d < H; d++) {
      if (parts[d] === 0n) continue;
      expected[d]! += parts[d]!;
      const w = Math.floor(d / 7);
      c.weeks[w]! += parts[d]!;
      c.invoices[w]!.add(sims.length);
    }
    beyond += parts[H]!;
    never += parts[H + 1]!;
    sims.push({ amount: Number(expectedAmount), outlook, splitP: b.splitP, firstShare: b.firstShare });
  }

  const payouts = new Array<bigint>(H).fill(0n);
  let payoutTotal = 0n;
  for (const p of input.payouts) {
    const d = Math.max(0, p.arrivalDay - input.asOfDay);
    payoutTotal += p.amountMinor;
    if (d < H) payouts[d]! += p.amountMinor;
    else beyond += p.amountMinor;
  }

  const band = simulate(sims, H, { sims: options.sims ?? 400, seed: options.seed ?? 20261204 });
  const days = expected.map((e, d) => ({
    day: input.asOfDay + d, payouts: payouts[d]!, expected: e + payouts[d]!,
    p10: band.days[d]!.p10 + payouts[d]!, p50: band.days[d]!.p50 + payouts[d]!, p90: band.days[d]!.p90 + payouts[d]!,
  }));
  const weeks = band.weeks.map((q, w) => {
    const slice = days.slice(w * 7, w * 7 + 7);
    const weekPayouts = slice.reduce((s, d) => s + d.payouts, 0n);
    return {
      week: w + 1, fromDay: input.asOfDay + w * 7, toDay: input.asOfDay + w * 7 + 6,
      expected: slice.reduce((s, d) => s + d.expected, 0n),
      p10: q.p10 + weekPayouts, p50: q.p50 + weekPayouts, p90: q.p90 + weekPayouts,
      drivers: driversOf(perCustomerWeek, w),
    };
  });
  const inHorizon = days.reduce((s, d) => s + d.expected, 0n);
  return {
    asOfDay: input.asOfDay, days, weeks,
    totals: { openMinor: open, payoutsMinor: payoutTotal, expectedInHorizon: inHorizon, expectedBeyondHorizon: beyond, expectedUncollected: never, heldBack: held, invoices: sims.length },
  };
}

function driversOf(per: Map<string, { name: string; weeks: bigint[]; invoices: Set<number>[] }>, w: number): Driver[] {
  const rows: Driver[] = [];
  for (const [customerId, c] of per) if (c.weeks[w]! > 0n) rows.push({ customerId, customerName: c.name, expected: c.weeks[w]!, invoices: c.invoices[w]!.size });
  rows.sort((a, b) => (b.expected > a.expected ? 1 : b.expected < a.expected ? -1 : a.customerId.localeCompare(b.customerId)));
  return rows.slice(0, DRIVERS_PER_WEEK);
}
