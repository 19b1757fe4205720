import { describe, expect, it } from "vitest";
import { PlanError, validatePlan, type PlanInvoice, type PlanLine } from "./validate-plan.ts";
import { reversalEffect, reversalGroup } from "./reversal-group.ts";
import { scaleDecimal } from "./amount-bounds.ts";
import { suggestedInvoiceIds } from "./suggested-invoice-ids.ts";

const receipt = { entityId: "e1", currency: "USD", unappliedMinor: 10_000n };
const inv = (id: string, open: bigint, extra: Partial<PlanInvoice> = {}): PlanInvoice => ({ id, number: id.toUpperCase(), entityId: "e1", customerId: "c1", currency: "USD", amountMinor: 20_000n, openAmountMinor: open, status: "PARTIALLY_PAID", ...extra });
const invoices = new Map([["i1", inv("i1", 8_000n)], ["i2", inv("i2", 5_000n, { customerId: "c2" })], ["paid", inv("paid", 0n, { status: "PAID" })]]);
const customers = new Map([["c1", { id: "c1", entityId: "e1", name: "One" }], ["cx", { id: "cx", entityId: "e2", name: "Elsewhere" }]]);
const run = (lines: PlanLine[]) => validatePlan(receipt, lines, invoices, customers);
const fails = (lines: PlanLine[]) => { try { run(lines); } catch (e) { return e as PlanError; } throw new Error("expected a PlanError"); };

describe("validatePlan", () => {
  it("moves invoice balances and the receipt's unapplied cash", () => {
    const e = run([{ kind: "INVOICE", invoiceId: "i1", amountMinor: 8_000n }, { kind: "INVOICE", invoiceId: "i2", amountMinor: 1_000n }]);
    expect(e.unappliedAfterMinor).toBe(1_000n);
    expect(e.invoices.get("i1")).toEqual({ openAmountMinor: 0n, status: "PAID" });
    expect(e.invoices.get("i2")).toEqual({ openAmountMinor: 4_000n, status: "PARTIALLY_PAID" });
    expect(e.customerIds.sort()).toEqual(["c1", "c2"]);
  });
  it("a shortfall write-off adds capacity only together with the invoice it settles", () => {
    const e = run([{ kind: "INVOICE", invoiceId: "i1", amountMinor: 8_000n }, { kind: "INVOICE", invoiceId: "i2", amountMinor: 2_500n }, { kind: "WRITE_OFF", invoiceId: "i2", amountMinor: 500n, reasonCode: "bank_charge" }]);
    expect(e.unappliedAfterMinor).toBe(0n);
    expect(fails([{ kind: "WRITE_OFF", invoiceId: "i2", amountMinor: 500n, reasonCode: "discount" }]).status).toBe(422);
    expect(fails([{ kind: "WRITE_OFF", amountMinor: 500n, reasonCode: "discount" }]).message).toMatch(/say which invoice/);
  });
  it("an excess write-off and on-account consume cash; deductions move none", () => {
    const e = run([{ kind: "ON_ACCOUNT", customerId: "c1", amountMinor: 9_000n }, { kind: "WRITE_OFF", amountMinor: 1_000n, reasonCode: "small_overpayment" }, { kind: "DEDUCTION", invoiceId: "i2", amountMinor: 5_000n, reasonCode: "dispute" }]);
    expect(e.unappliedAfterMinor).toBe(0n);
    expect(e.invoices.get("i2")).toEqual({ openAmountMinor: 5_000n, status: "PARTIALLY_PAID" });
  });
  it("refuses over-application, paid invoices, other entities and non-positive amounts", () => {
    expect(fails([{ kind: "INVOICE", invoiceId: "i1", amountMinor: 8_001n }]).status).toBe(409);
    expect(fails([{ kind: "INVOICE", invoiceId: "i1", amountMinor: 5_000n }, { kind: "DEDUCTION", invoiceId: "i1", amountMinor: 3_001n, reasonCode: "tax" }]).status).toBe(409);
    expect(fails([{ kind: "ON_ACCOUNT", customerId: "c1", amountMinor: 10_001n }]).message).toBe("the receipt has USD 100.00 to apply; this would use USD 100.01 (USD 0.01 too much)");
    expect(fails([{ kind: "INVOICE", invoiceId: "paid", amountMinor: 1n }]).message).toMatch(/is paid/);
    expect(fails([{ kind: "ON_ACCOUNT", customerId: "cx", amountMinor: 1n }]).status).toBe(422);
    expect(fails([{ kind: "INVOICE", invoiceId: "i1", amountMinor: 0n }]).status).toBe(422);
    expect(fails([]).status).toBe(422);
  });
});

describe("reversal groups", () => {
  const at = new Date("2026-11-01T10:00:00Z");
  const live = [
    { id: "a", kind: "INVOICE" as const, invoiceId: "i1", amountMinor: 10_000n, reasonCode: null, appliedAt: at },
    { id: "w", kind: "WRITE_OFF" as const, invoiceId: "i1", amountMinor: 15n, reasonCode: "bank_charge", appliedAt: at },
    { id: "b", kind: "INVOICE" as const, invoiceId: "i2", amountMinor: 500n, reasonCode: null, appliedAt: at },
    { id: "o", kind: "ON_ACCOUNT" as const, invoiceId: null, amountMinor: 100n, reasonCode: null, appliedAt: at },
  ];
  it("takes what was booked in the same step on the same invoice, nothing else", () => {
    expect(reversalGroup(live[0]!, live).map((a) => a.id)).toEqual(["a", "w"]);
    expect(reversalGroup(live[1]!, live).map((a) => a.id)).toEqual(["w", "a"]);
    expect(reversalGroup(live[3]!, live).map((a) => a.id)).toEqual(["o"]);
    const e = reversalEffect(reversalGroup(live[0]!, live));
    expect(e.unappliedDeltaMinor).toBe(9_985n);
    expect(e.invoiceOpenDelta.get("i1")).toBe(10_000n);
  });
});

describe("amount helpers", () => {
  it("scales decimals per exponent without floats", () => {
    expect(scaleDecimal("99.5", 2, "exact")).toBe(9_950n);
    expect(scaleDecimal("99.5", 0, "exact")).toBeNull();
    expect(scaleDecimal("99.5", 0, "ceil")).toBe(100n);
    expect(scaleDecimal("99.5", 0, "floor")).toBe(99n);
    expect(scaleDecimal("1.2345", 3, "ceil")).toBe(1_235n);
    expect(scaleDecimal("12,5", 2, "exact")).toBeNull();
  });
  it("finds the engine's invoice ids wherever they are", () => {
    expect(suggestedInvoiceIds({ applications: [{ invoiceId: "i1" }] }, { candidates: [{ invoiceIds: ["i2", "i1"] }] }, null)).toEqual(["i1", "i2"]);
  });
});
