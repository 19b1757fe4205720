// The engine with a linked remittance advice (remittance.md): deductions, discounts, parent pays for
// subsidiaries, and the advices that must go to a person.
import { describe, expect, it } from "vitest";
import { createEngine, decideReceipt, toContractRecord } from "./engine.ts";
import { DEFAULT_POLICY, mergePolicy } from "./policy.ts";
import { customer, invoice, receipt, smallWorld } from "../synthetic/test-world.ts";
import type { RemittanceAdvice, RemittanceLine } from "../remittance/types.ts";

function line(document: string, paid: string, extra: Partial<RemittanceLine> = {}): RemittanceLine {
  return { document, document_type: "invoice", paid, invoice_amount: null, discount: "0.00", adjustments: [], ...extra };
}

function advice(amount: string, lines: RemittanceLine[], extra: Partial<RemittanceAdvice> = {}): RemittanceAdvice {
  return {
    payment_reference: "TRN0001", payer_name: "Acme Widgets Inc.", payer_id: null, payee_name: null, currency: "USD",
    payment_amount: amount, payment_date: "2026-03-01", method: "ACH", lines, ...extra,
  };
}

const world = smallWorld();
const decideWith = (amount: string, adv: RemittanceAdvice, w = world, policy = DEFAULT_POLICY) =>
  decideReceipt({ ...w, policy, receipt: receipt(amount, "INVOICES 4711", "ACME WIDGETS"), advice: { advice: adv, confidence: 0.99 } });

describe("engine with a remittance advice", () => {
  it("applies a multi-invoice payment with a generic bank text from the advice's lines", () => {
    const d = decideWith("1324.75", advice("1324.75", [line("INV-2026-000103", "1000.00"), line("inv 2026 104", "250.50"), line("2026000105", "74.25")]));
    expect(d.outcome).toBe("applied");
    expect(d.applications).toEqual([
      { invoice_id: "I1", amount: "1000.00" }, { invoice_id: "I2", amount: "250.50" }, { invoice_id: "I3", amount: "74.25" },
    ]);
    expect(d.deductions).toEqual([]);
    expect(d.remittance).toBe("TRN0001");
    expect(d.write_off).toBeNull();
  });

  it("keeps an explained shortfall open as a deduction with its reason (applied, not SHORT_PAY, no write-off)", () => {
    const d = decideWith("1200.50", advice("1200.50", [
      line("INV-2026-000103", "950.00", { adjustments: [{ amount: "-50.00", reason: "DAMAGED", code: "04", text: "broken pallets" }] }),
      line("INV-2026-000104", "250.50"),
    ]));
    expect(d.outcome).toBe("applied");
    expect(d.applications).toEqual([{ invoice_id: "I1", amount: "950.00" }, { invoice_id: "I2", amount: "250.50" }]);
    expect(d.deductions).toEqual([{ invoice_id: "I1", amount: "50.00", reason: "DAMAGED", code: "04", text: "broken pallets" }]);
    expect(d.write_off).toBeNull();
    expect(toContractRecord(d, { remittances: true })).toMatchObject({ deductions: [{ invoice_id: "I1", amount: "50.00", reason: "DAMAGED" }], remittance: "TRN0001" });
  });

  it("grants a discount within the policy's rate (invoice cleared) and keeps a larger one open as UNAUTHORISED_DISCOUNT", () => {
    const ok = decideWith("980.00", advice("980.00", [line("INV-2026-000103", "980.00", { discount: "20.00" })]));
    expect(ok.outcome).toBe("applied");
    expect(ok.applications).toEqual([{ invoice_id: "I1", amount: "1000.00" }]);
    expect(ok.discounts).toEqual([{ invoice_id: "I1", amount: "20.00" }]);
    expect(ok.deductions).toEqual([]);
    const big = decideWith("950.00", advice("950.00", [line("INV-2026-000103", "950.00", { discount: "50.00" })]));
    expect(big.outcome).toBe("applied");
    expect(big.applications).toEqual([{ invoice_id: "I1", amount: "950.00" }]);
    expect(big.deductions).toMatchObject([{ invoice_id: "I1", amount: "50.00", reason: "UNAUTHORISED_DISCOUNT" }]);
    // With terms (10 days + 3 grace from the issue date 2026-01-01) the same 2 % paid on 2026-03-01 is late.
    const late = decideWith("980.00", advice("980.00", [line("INV-2026-000103", "980.00", { discount: "20.00" })]), world,
      mergePolicy(DEFAULT_POLICY, { discount: { days: 10 } }));
    expect(late.deductions).toMatchObject([{ amount: "20.00", reason: "UNAUTHORISED_DISCOUNT" }]);
  });

  it("lets a parent pay its subsidiaries' invoices only when the hierarchy says so", () => {
    const customers = [
      customer("P1", "Acme Holdings Inc."),
      customer("S1", "Acme East LLC", "US01", { parentId: "P1" }),
      customer("S2", "Acme West LLC", "US01", { parentId: "P1" }),
      customer("X1", "Other Corp"),
    ];
    const invoices = [invoice("J1", "INV-2026-000901", "S1", "100.00"), invoice("J2", "INV-2026-000902", "S2", "200.00"), invoice("J3", "INV-2026-000903", "X1", "50.00")];
    const adv = advice("300.00", [line("INV-2026-000901", "100.00"), line("INV-2026-000902", "200.00")], { payer_name: "ACME HOLDINGS INC" });
    const r = receipt("300.00", "INVOICES", "ACME HOLDINGS");
    const d = decideReceipt({ customers, invoices, receipt: r, advice: { advice: adv } });
    expect(d.outcome).toBe("applied");
    expect(d.reasons.join(" ")).toMatch(/parent P1 pays for S1, S2/);
    const flat = customers.map((c) => ({ ...c, parentId: null }));
    expect(decideReceipt({ customers: flat, invoices, receipt: r, advice: { advice: adv } })).toMatchObject({ outcome: "exception", exception_code: "AMBIGUOUS", remittance: "TRN0001" });
    const foreign = advice("350.00", [line("INV-2026-000901", "100.00"), line("INV-2026-000902", "200.00"), line("INV-2026-000903", "50.00")], { payer_name: "ACME HOLDINGS INC" });
    expect(decideReceipt({ customers, invoices, receipt: receipt("350.00", "", "ACME HOLDINGS"), advice: { advice: foreign } }).exception_code).toBe("AMBIGUOUS");
  });

  it("sends advices that do not add up, name another entity's or already paid invoices to a person, advice attached", () => {
    const short = decideWith("1000.00", advice("1250.50", [line("INV-2026-000103", "1000.00"), line("INV-2026-000104", "250.50")]));
    expect(short).toMatchObject({ outcome: "exception", exception_code: "SHORT_PAY", remittance: "TRN0001" });
    const over = decideWith("1300.00", advice("1250.50", [line("INV-2026-000103", "1000.00"), line("INV-2026-000104", "250.50")]));
    expect(over.exception_code).toBe("OVERPAYMENT");
    const entity = decideWith("5000.00", advice("5000.00", [line("RE2026/00102", "5000.00")]));
    expect(entity).toMatchObject({ outcome: "exception", remittance: "TRN0001" });
    expect(["UNIDENTIFIED", "CURRENCY_MISMATCH"]).toContain(entity.exception_code);
    const paid = decideWith("3000.00", advice("3000.00", [line("INV-2026-000106", "3000.00")]));
    expect(paid).toMatchObject({ exception_code: "ALREADY_PAID", paid_invoice_ids: ["I4"], remittance: "TRN0001" });
    const other = decideWith("1234.56", advice("1234.56", [line("INV-2026-000200", "1234.56")]));
    expect(other.exception_code).toBe("AMBIGUOUS");
    expect(decideWith("10.00", advice("10.00", [line("INV-2026-999999", "10.00")])).exception_code).toBe("UNIDENTIFIED");
    expect(decideWith("10.00", advice("10.00", [line("INV-2026-000103", "10.00")], { currency: "EUR" })).exception_code).toBe("CURRENCY_MISMATCH");
  });

  it("follows the tolerance for a shortfall the advice does not explain", () => {
    const small = decideWith("997.00", advice("997.00", [line("INV-2026-000103", "997.00")]));
    expect(small).toMatchObject({ outcome: "applied", write_off: { amount: "3.00", reason: "bank_charge" }, applications: [{ invoice_id: "I1", amount: "1000.00" }] });
    const big = decideWith("900.00", advice("900.00", [line("INV-2026-000103", "900.00")]));
    expect(big).toMatchObject({ outcome: "exception", exception_code: "SHORT_PAY" });
  });

  it("commits applications only: the deduction stays open on the invoice", () => {
    const engine = createEngine(world);
    const r = receipt("950.00", "INVOICES", "ACME WIDGETS");
    const d = engine.process(r, { advice: advice("950.00", [line("INV-2026-000103", "950.00", { adjustments: [{ amount: "-50.00", reason: "PRICING", code: "01", text: null }] })]) });
    expect(d.outcome).toBe("applied");
    expect(engine.index.invoices[engine.index.invoiceIndex("I1")!]!.open).toBe(5000n);
  });

  it("keeps the match-cli record exactly as before without remittances, and adds the two fields in the contract's order with them", () => {
    const d = decideWith("74.25", advice("74.25", [line("INV-2026-000105", "74.25")]));
    expect(Object.keys(toContractRecord(d))).toEqual(["receipt_id", "outcome", "applications", "exception_code", "write_off", "confidence", "reasons"]);
    expect(Object.keys(toContractRecord(d, { remittances: true }))).toEqual([
      "receipt_id", "outcome", "applications", "deductions", "remittance", "exception_code", "write_off", "confidence", "reasons",
    ]);
  });

  it("decides a receipt again when its advice comes late: an amount-only application is reversed, the advice's applies", () => {
    const engine = createEngine(world);
    // 1324.75 without a reference: the only exact set of C1's open invoices is I1 + I2 + I3.
    const r = receipt("1324.75", "INVOICES", "ACME WIDGETS");
    const first = engine.process(r);
    expect(first.outcome).toBe("applied");
    // The advice comes: same invoices. Decided again, not a duplicate of itself, each invoice applied once.
    const adv = advice("1324.75", [
      line("INV-2026-000103", "1000.00"), line("INV-2026-000104", "250.50"), line("INV-2026-000105", "74.25"),
    ]);
    const again = engine.redecide(r, first, { advice: adv });
    expect(again).toMatchObject({ outcome: "applied", remittance: "TRN0001" }); // not a DUPLICATE of itself
    expect(engine.index.invoices[engine.index.invoiceIndex("I1")!]!.open).toBe(0n); // reversed once, applied once
    // A corrected advice that pays more on I1 than is open: the applied decision is undone, the receipt goes to a person.
    const late = engine.redecide(r, again, { advice: advice("1324.75", [line("INV-2026-000103", "1324.75")]) });
    expect(late).toMatchObject({ outcome: "exception", exception_code: "OVERPAYMENT" });
    expect(engine.index.invoices[engine.index.invoiceIndex("I2")!]!.open).toBe(25050n); // the earlier application undone
  });

  it("leaves a receipt to the usual path when its advice has no lines, the advice still attached", () => {
    const d = decideWith("250.50", advice("250.50", []), world);
    expect(d).toMatchObject({ remittance: "TRN0001", deductions: [] });
    expect(d.reasons.join(" ")).not.toMatch(/remittance advice/);
  });

  it("finds an invoice by its own number as printed, whatever its shape (few or no digits, a leading zero)", () => {
    // The e2e suite's numbers are E2E-REM-<base36 time>-1: how many digits they carry changes with the clock.
    const odd = { customers: world.customers, invoices: [...world.invoices,
      invoice("X1", "E2E-REM-MIPQXKAL-1", "C1", "100.00"), invoice("X2", "E2E-REM-MIPQXKAL-2", "C1", "50.00"), invoice("X3", "ACME-0042", "C1", "20.00")] };
    const d = decideWith("140.00", advice("140.00", [
      line("E2E-REM-MIPQXKAL-1", "97.00", { adjustments: [{ amount: "-3.00", reason: "DAMAGED", code: null, text: null }] }),
      line("e2e rem mipqxkal 2", "23.00", { adjustments: [{ amount: "-27.00", reason: "PRICING", code: null, text: null }] }),
      line("ACME-0042", "20.00"),
    ]), odd);
    expect(d.outcome).toBe("applied");
    expect(d.applications).toEqual([{ invoice_id: "X1", amount: "97.00" }, { invoice_id: "X2", amount: "23.00" }, { invoice_id: "X3", amount: "20.00" }]);
    expect((d.deductions ?? []).map((x) => [x.invoice_id, x.amount, x.reason])).toEqual([["X1", "3.00", "DAMAGED"], ["X2", "27.00", "PRICING"]]);
  });
});
