// Golden tests of cross-currency application: a USD receipt pays a EUR invoice of DE01 (functional EUR) at the
// value date's rate, within a tolerance in the functional currency; off by default (the contract's CURRENCY_MISMATCH).
// Expected amounts computed by hand: 865.00 USD × (1 / 1.0823 = 0.9239582371) = 799.2238… → EUR 799.22.
import { describe, expect, it } from "vitest";
import { createEngine, DEFAULT_POLICY, type PolicySet } from "./engine.ts";
import { receipt, smallWorld } from "../synthetic/test-world.ts";
import { RateTable } from "../fx/lookup-rate.ts";

const rates = new RateTable([
  { day: "2026-11-27", base: "EUR", quote: "USD", rate: "1.0823" },
  { day: "2026-11-30", base: "EUR", quote: "USD", rate: "1.2000" }, // later than the value date: never used
]);
const fx = { functionalCurrency: { DE01: "EUR", US01: "USD" }, rates };
const on = (extra: object = {}): PolicySet => ({ default: DEFAULT_POLICY, byEntity: { DE01: { crossCurrency: { enabled: true, maxAbsolute: "25.00", maxBasisPoints: 50, ...extra } } } });
const usd = (amount: string, valueDate = "2026-11-29") => receipt(amount, "RE2026/00103", "Müller Maschinenbau", { entity: "DE01", currency: "USD", valueDate });

describe("cross-currency application", () => {
  it("is off by default: CURRENCY_MISMATCH as the match contract says, rates or not", () => {
    const d = createEngine(smallWorld(), { fx }).decide(usd("865.00"));
    expect(d).toMatchObject({ outcome: "exception", exception_code: "CURRENCY_MISMATCH", applications: [] });
    expect(d.fx).toBeUndefined();
  });

  it("applies a USD receipt to a EUR invoice at the value date's rate (Sunday → Friday's), the difference is realised FX", () => {
    const engine = createEngine(smallWorld(), { fx, policies: on() });
    const d = engine.process(usd("865.00"));
    expect(d).toMatchObject({ outcome: "applied", exception_code: null, write_off: null, currency: "USD", applications: [{ invoice_id: "I9", amount: "865.00" }] });
    expect(d.fx).toEqual({
      receipt_currency: "USD", invoice_currency: "EUR", functional_currency: "EUR", rate: "0.9239582371", rate_date: "2026-11-27",
      converted_amount: "799.22", difference: "-0.78", difference_functional: "-0.78", invoice_applications: [{ invoice_id: "I9", amount: "800.00" }],
    });
    expect(d.reasons.at(-1)).toMatch(/865.00 USD = 799.22 EUR at 0.9239582371 \(2026-11-27\).*-0.78 EUR is realised FX/);
    // The engine's index lowered the invoice by its own currency's amount.
    const inv = engine.index.invoices[engine.index.invoiceIndex("I9")!]!;
    expect(inv.open).toBe(0n);
  });

  it("stays CURRENCY_MISMATCH beyond the functional-currency tolerance, without a rate, or for a customer the policy leaves out", () => {
    const far = createEngine(smallWorld(), { fx, policies: on() }).decide(usd("800.00"));
    expect(far.exception_code).toBe("CURRENCY_MISMATCH");
    expect(far.reasons.at(-1)).toMatch(/differs from open 800.00 EUR by -60.83 EUR, beyond tolerance/);
    const tight = createEngine(smallWorld(), { fx, policies: on({ maxAbsolute: "0.50" }) }).decide(usd("865.00"));
    expect(tight.exception_code).toBe("CURRENCY_MISMATCH");
    const early = createEngine(smallWorld(), { fx, policies: on() }).decide(usd("865.00", "2026-11-26"));
    expect(early.reasons.at(-1)).toMatch(/no USD\/EUR rate on or before 2026-11-26/);
    const other = createEngine(smallWorld(), { fx, policies: on({ customers: ["C1"] }) }).decide(usd("865.00"));
    expect(other.reasons.at(-1)).toMatch(/does not allow it for this customer/);
  });
});

describe("the automatic write-off cap is an amount of the functional currency", () => {
  // US01 booked in EUR for this test: the default cap 25.00 means EUR 25.00 = USD 27.06 (2500 × 1.0823 = 2705.75 → 2706).
  const eurBooks = { functionalCurrency: { US01: "EUR" }, rates };
  const wide: PolicySet = { default: DEFAULT_POLICY, byEntity: { US01: { tolerance: { maxBasisPoints: 1000 } } } };
  const pay = (amount: string, valueDate = "2026-11-27") => receipt(amount, "INV-2026-000103", "ACME WIDGETS", { valueDate });
  it("converts the cap into the receipt's currency at the value date's rate", () => {
    expect(createEngine(smallWorld(), { policies: wide, fx: eurBooks }).decide(pay("972.94"))).toMatchObject({ outcome: "applied", write_off: { amount: "27.06", reason: "bank_charge" } });
    expect(createEngine(smallWorld(), { policies: wide, fx: eurBooks }).decide(pay("972.93")).exception_code).toBe("SHORT_PAY");
    // Without rates (the CLI, the contract) the cap stays in the receipt's currency: USD 25.00.
    expect(createEngine(smallWorld(), { policies: wide }).decide(pay("972.94")).exception_code).toBe("SHORT_PAY");
  });
  it("without a rate on or before the value date, nothing is written off automatically", () => {
    expect(createEngine(smallWorld(), { policies: wide, fx: eurBooks }).decide(pay("999.99", "2026-11-01")).exception_code).toBe("SHORT_PAY");
    expect(createEngine(smallWorld(), { policies: wide, fx: eurBooks }).decide(pay("1000.00", "2026-11-01")).outcome).toBe("applied");
  });
});
