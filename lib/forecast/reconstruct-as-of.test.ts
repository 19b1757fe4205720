// As-of reconstruction and backtest on plain facts.
import { describe, expect, it } from "vitest";
import { backtestForecast } from "./backtest.ts";
import { dayStartMs } from "./days.ts";
import type { ApplicationFact, ForecastFacts, InvoiceFact } from "./facts.ts";
import { actualCash, reconstructAsOf } from "./reconstruct-as-of.ts";

const A = 20_000;
const H = 3_600_000;
const at = (day: number, hours = 10) => dayStartMs(day) + hours * H;
const app = (kind: ApplicationFact["kind"], amountMinor: bigint, cashDay: number, reversedMs: number | null = null): ApplicationFact => ({ kind, amountMinor, appliedMs: at(cashDay, 12), reversedMs, cashDay });
const invoice = (id: string, p: Partial<InvoiceFact>): InvoiceFact =>
  ({ id, customerId: "c", customerName: "C", dueDay: A, amountMinor: 10_000n, knownMs: at(A - 30), settledOutsideMinor: 0n, applications: [], holds: [], ...p });

describe("reconstructAsOf", () => {
  const facts: ForecastFacts = {
    invoices: [
      invoice("before", {}),
      invoice("created-after", { knownMs: at(A) }), // received during the forecast day itself: not known at its start
      invoice("paid-after", { applications: [app("INVOICE", 10_000n, A + 2)] }),
      invoice("paid-before", { applications: [app("INVOICE", 10_000n, A - 3)] }),
      invoice("reversed-before", { applications: [app("INVOICE", 10_000n, A - 5, at(A - 1))] }),
      invoice("partly", { applications: [app("INVOICE", 4_000n, A - 2), app("DEDUCTION", 1_000n, A - 2)] }),
      invoice("disputed", { holds: [{ kind: "dispute", fromMs: at(A - 4), toMs: null }] }),
      invoice("dispute-later", { holds: [{ kind: "dispute", fromMs: at(A + 1), toMs: null }] }),
      invoice("settled-outside", { settledOutsideMinor: 10_000n }),
    ],
    payouts: [
      { payoutId: "po-transit", amountMinor: 700n, arrivalDay: A + 1, createdMs: at(A - 1), recognizedMs: at(A + 1), recognizedDay: A + 1, lost: false },
      { payoutId: "po-done", amountMinor: 800n, arrivalDay: A - 1, createdMs: at(A - 3), recognizedMs: at(A - 1), recognizedDay: A - 1, lost: false },
      { payoutId: "po-future", amountMinor: 900n, arrivalDay: A + 3, createdMs: at(A + 1), recognizedMs: null, recognizedDay: null, lost: false },
      { payoutId: "po-failed", amountMinor: 50n, arrivalDay: A + 1, createdMs: at(A - 2), recognizedMs: null, recognizedDay: null, lost: true },
    ],
  };

  it("knows only what was known at the start of the day", () => {
    const r = reconstructAsOf(facts, A);
    const open = Object.fromEntries(r.invoices.map((i) => [i.id, i]));
    expect(Object.keys(open).sort()).toEqual(["before", "disputed", "dispute-later", "paid-after", "partly", "reversed-before"].sort());
    expect(open["partly"]).toMatchObject({ openMinor: 5_000n, hold: "deduction" });
    expect(open["disputed"]!.hold).toBe("dispute");
    expect(open["dispute-later"]!.hold).toBeNull();
    expect(open["reversed-before"]!.openMinor).toBe(10_000n);
    // History: cash before the day (paid-before, partly), the deduction as never-cash; not paid-after, not the reversed one.
    const seen = r.history.filter((h) => h.censoredAtDay === undefined);
    expect(seen.map((h) => [h.invoiceId, h.cashDay]).sort()).toEqual([["paid-before", A - 3], ["partly", A - 2], ["partly", null]].sort());
    // Every open invoice but the disputed one is a censored observation: unpaid so far, for its open amount.
    expect(r.history.filter((h) => h.censoredAtDay === A).map((h) => [h.invoiceId, h.amountMinor]).sort()).toEqual(
      [["before", 10_000n], ["dispute-later", 10_000n], ["paid-after", 10_000n], ["partly", 5_000n], ["reversed-before", 10_000n]].sort());
    expect(r.payouts.map((p) => p.payoutId)).toEqual(["po-transit"]);
  });

  it("an invoice created after the forecast date is in the next day's forecast, not in this one", () => {
    expect(reconstructAsOf(facts, A).invoices.some((i) => i.id === "created-after")).toBe(false);
    expect(reconstructAsOf(facts, A + 1).invoices.some((i) => i.id === "created-after")).toBe(true);
  });

  it("measures actual cash against the invoices and payouts the forecast started from", () => {
    const r = reconstructAsOf(facts, A);
    expect(actualCash(facts, r, A, A + 6)).toBe(10_000n + 700n);
    expect(actualCash(facts, r, A + 3, A + 6)).toBe(0n);
  });
});

describe("backtestForecast", () => {
  it("scores a customer who always pays on the due date with no error", () => {
    const invoices: InvoiceFact[] = [];
    for (let i = 0; i < 200; i++) {
      const dueDay = A - 150 + i;
      invoices.push(invoice(`i${i}`, { dueDay, knownMs: at(dueDay - 30), amountMinor: BigInt(1_000 + i), applications: dueDay < A ? [app("INVOICE", BigInt(1_000 + i), dueDay)] : [] }));
    }
    const b = backtestForecast({ invoices, payouts: [] }, A, { sims: 50 });
    expect(b.weeks).toHaveLength(8);
    expect(b.weeks[0]!.fromDay).toBe(A - 56);
    for (const w of b.weeks) expect(w.forecast).toBe(w.actual);
    expect(b.mape).toBe(0);
    expect(b.bias).toBe(0);
    expect(b.withinBand).toBe(8);
  });

  it("reports a forecast twice the actual as +100 % bias", () => {
    // Half of each invoice is paid on the due date and half is written off later (after the week): the forecast,
    // knowing only on-time full payers until then, expects all of it.
    const invoices: InvoiceFact[] = [];
    for (let i = 0; i < 100; i++) {
      const dueDay = A - 200 + i;
      invoices.push(invoice(`old${i}`, { dueDay, knownMs: at(dueDay - 30), applications: [app("INVOICE", 10_000n, dueDay)] }));
    }
    for (let d = A - 7; d < A; d++) invoices.push(invoice(`new${d}`, { dueDay: d, knownMs: at(d - 30), applications: [app("INVOICE", 5_000n, d), app("WRITE_OFF", 5_000n, A + 20)] }));
    const b = backtestForecast({ invoices, payouts: [] }, A, { weeks: 1, sims: 50 });
    expect(b.weeks[0]).toMatchObject({ forecast: 70_000n, actual: 35_000n, ape: 100, bias: 100 });
  });
});
