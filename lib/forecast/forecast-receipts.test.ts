// Golden tests of the forecasting core: plain data in, exact figures out.
import { describe, expect, it } from "vitest";
import { forecastReceipts } from "./forecast-receipts.ts";
import { HORIZON_DAYS, type ForecastInput, type OpenInvoice, type PaymentSample } from "./types.ts";

const A = 20_000; // the forecast date (a day number)

function paidHistory(customerId: string, lag: number, n = 20, amount = 1_000n): PaymentSample[] {
  return Array.from({ length: n }, (_, i) => ({ customerId, invoiceId: `${customerId}-h${i}`, dueDay: A - 200 + i, cashDay: A - 200 + i + lag, amountMinor: amount }));
}
const inv = (id: string, customerId: string, dueIn: number, openMinor: bigint, hold: OpenInvoice["hold"] = null): OpenInvoice =>
  ({ id, customerId, customerName: `Customer ${customerId}`, dueDay: A + dueIn, openMinor, hold });
const input = (p: Partial<ForecastInput>): ForecastInput => ({ asOfDay: A, invoices: [], history: [], payouts: [], ...p });
const expectedByDay = (f: ReturnType<typeof forecastReceipts>) => f.days.map((d) => d.expected);

describe("forecastReceipts", () => {
  it("a customer who always pays 10 days late shifts the curve by 10 days", () => {
    const invoices = [inv("i1", "c", 3, 100_000n), inv("i2", "c", 12, 55_000n), inv("i3", "c", 40, 7_000n)];
    const onTime = expectedByDay(forecastReceipts(input({ invoices, history: paidHistory("c", 0) })));
    const late = expectedByDay(forecastReceipts(input({ invoices, history: paidHistory("c", 10) })));
    expect(onTime[3]).toBe(100_000n);
    expect(late[13]).toBe(100_000n);
    expect(late[22]).toBe(55_000n);
    for (let d = 0; d + 10 < HORIZON_DAYS; d++) expect(late[d + 10]).toBe(onTime[d]);
    for (let d = 0; d < 10; d++) expect(late[d]).toBe(0n);
  });

  it("shrinks a customer with few payments towards the entity: weight n / (n + 5) on its own", () => {
    const history = [...paidHistory("others", 0, 50), ...paidHistory("new", 30, 1)];
    const f = forecastReceipts(input({ invoices: [inv("i1", "new", 0, 600_000n)], history }));
    // own: all at +30; entity: 50/51 at 0, 1/51 at +30; w = 1/6.
    const at30 = 1 / 6 + (5 / 6) * (1 / 51);
    expect(Number(f.days[30]!.expected)).toBeCloseTo(600_000 * at30, -1);
    expect(Number(f.days[0]!.expected)).toBeCloseTo(600_000 * (1 - at30), -1);
  });

  it("holds a disputed invoice back, discounts one with an open deduction or exception by half", () => {
    const history = paidHistory("c", 0);
    const f = forecastReceipts(input({ history, invoices: [inv("d", "c", 1, 80_000n, "dispute"), inv("x", "c", 2, 10_000n, "deduction"), inv("e", "c", 3, 4_000n, "exception")] }));
    expect(f.days[1]!.expected).toBe(0n);
    expect(f.days[2]!.expected).toBe(5_000n);
    expect(f.days[3]!.expected).toBe(2_000n);
    expect(f.totals.heldBack).toBe(80_000n + 5_000n + 2_000n);
    expect(f.weeks[0]!.drivers.map((d) => d.expected)).toEqual([7_000n]);
  });

  it("spreads a partial payer's invoice where its instalments fell, and learns what never comes as cash", () => {
    const history: PaymentSample[] = [];
    for (let i = 0; i < 30; i++) {
      const dueDay = A - 300 + i;
      history.push({ customerId: "p", invoiceId: `h${i}`, dueDay, cashDay: dueDay, amountMinor: 450n });
      history.push({ customerId: "p", invoiceId: `h${i}`, dueDay, cashDay: dueDay + 20, amountMinor: 450n });
      history.push({ customerId: "p", invoiceId: `h${i}`, dueDay, cashDay: null, amountMinor: 100n }); // deducted
    }
    const f = forecastReceipts(input({ history, invoices: [inv("i1", "p", 0, 1_000_000n)] }));
    expect(f.days[0]!.expected).toBe(450_000n);
    expect(f.days[20]!.expected).toBe(450_000n);
    expect(f.totals.expectedUncollected).toBe(100_000n);
    // Both instalments show in the band: some runs put the first half on day 0 only.
    expect(f.weeks[0]!.p50).toBeGreaterThan(0n);
  });

  it("learns from invoices still unpaid: half paid on the due date, half 60 days overdue → half expected, half not", () => {
    const history: PaymentSample[] = paidHistory("c", 0, 10);
    for (let i = 0; i < 10; i++) history.push({ customerId: "c", invoiceId: `o${i}`, dueDay: A - 60, cashDay: null, amountMinor: 1_000n, censoredAtDay: A });
    const f = forecastReceipts(input({ history, invoices: [inv("new", "c", 0, 100_000n)] }));
    expect(f.days[0]!.expected).toBe(50_000n);
    expect(f.totals.expectedUncollected).toBe(50_000n);
  });

  it("conditions an overdue invoice on not having been paid yet", () => {
    const history: PaymentSample[] = [];
    for (let lag = 0; lag <= 29; lag++) history.push(...paidHistory(`c${lag}`, lag, 1));
    // 20 days overdue: only lags 20 … 29 remain, evenly, i.e. days 0 … 9.
    const f = forecastReceipts(input({ history, invoices: [inv("i1", "c0", -20, 100_000n)] }));
    const first10 = f.days.slice(0, 10).map((d) => d.expected);
    expect(first10.reduce((s, v) => s + v, 0n)).toBe(100_000n);
    expect(first10.every((v) => v > 0n)).toBe(true);
  });

  it("adds payouts in transit on their arrival day (late ones today), beyond the horizon apart", () => {
    const f = forecastReceipts(input({ payouts: [{ payoutId: "po1", arrivalDay: A + 2, amountMinor: 9_000n }, { payoutId: "po2", arrivalDay: A - 1, amountMinor: 1_000n }, { payoutId: "po3", arrivalDay: A + 200, amountMinor: 5n }] }));
    expect(f.days[2]).toMatchObject({ expected: 9_000n, p10: 9_000n, p50: 9_000n, p90: 9_000n, payouts: 9_000n });
    expect(f.days[0]!.expected).toBe(1_000n);
    expect(f.totals.expectedBeyondHorizon).toBe(5n);
  });

  it("keeps P10 ≤ P50 ≤ P90 and conserves money to the minor unit", () => {
    const history: PaymentSample[] = [];
    const invoices: OpenInvoice[] = [];
    for (let c = 0; c < 40; c++) {
      history.push(...paidHistory(`c${c}`, (c * 7) % 45 - 5, 1 + (c % 9), BigInt(1_000 + c * 37)));
      if (c % 4 === 0) history.push({ customerId: `c${c}`, invoiceId: `wo${c}`, dueDay: A - 50, cashDay: null, amountMinor: 333n });
      for (let k = 0; k < 5; k++) invoices.push(inv(`i${c}-${k}`, `c${c}`, (c * 13 + k * 29) % 150 - 60, BigInt(10_001 + c * 997 + k * 13), k === 4 ? "dispute" : k === 3 ? "exception" : null));
    }
    const payouts = [{ payoutId: "po", arrivalDay: A + 4, amountMinor: 123_457n }];
    const f = forecastReceipts(input({ history, invoices, payouts }));
    for (const b of [...f.days, ...f.weeks]) {
      expect(b.p10).toBeLessThanOrEqual(b.p50);
      expect(b.p50).toBeLessThanOrEqual(b.p90);
    }
    const open = invoices.reduce((s, i) => s + i.openMinor, 0n);
    const t = f.totals;
    expect(t.openMinor).toBe(open);
    expect(t.expectedInHorizon).toBe(f.days.reduce((s, d) => s + d.expected, 0n));
    expect(f.weeks.reduce((s, w) => s + w.expected, 0n)).toBe(t.expectedInHorizon);
    expect(t.expectedInHorizon + t.expectedBeyondHorizon + t.expectedUncollected + t.heldBack).toBe(open + t.payoutsMinor);
    // Drivers are the largest expected amounts of their week, largest first.
    for (const w of f.weeks) for (let i = 1; i < w.drivers.length; i++) expect(w.drivers[i - 1]!.expected >= w.drivers[i]!.expected).toBe(true);
  });

  it("is deterministic for a seed", () => {
    const p = input({ history: paidHistory("c", 3), invoices: [inv("i1", "c", 1, 5_000n), inv("i2", "c", 4, 8_000n)] });
    expect(forecastReceipts(p, { seed: 7 })).toEqual(forecastReceipts(p, { seed: 7 }));
  });
});
