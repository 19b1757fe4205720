import { describe, expect, it } from "vitest";
import { allocationProblems, liveAllocations, type Allocations } from "./allocations.ts";

const row = (invoiceId: string, amount: string, open = "500.00") => ({ invoiceId, number: `INV-${invoiceId}`, customerId: "c", customerName: "C", open, amount, reason: "dispute" as const });

describe("allocation validation as the analyst types", () => {
  it("names letters and negative amounts instead of ignoring them", () => {
    const a: Allocations = { i1: row("i1", "abc"), i2: row("i2", "-100"), i3: row("i3", "100.00") };
    // Before: liveAllocations silently dropped i1 and i2 and the action went ahead with i3 alone.
    expect(liveAllocations(a, "EUR").map((x) => x.invoiceId)).toEqual(["i3"]);
    const p = allocationProblems(a, "EUR", 100_000n);
    expect(p.byInvoice.i1).toMatch(/“abc” is not an amount/);
    expect(p.byInvoice.i2).toMatch(/“-100” is not an amount/);
    expect(p.first).toMatch(/INV-i1/);
  });

  it("refuses more than the invoice has open, too many decimals, and more than the receipt has unapplied", () => {
    expect(allocationProblems({ i1: row("i1", "600.00") }, "EUR", 100_000n).byInvoice.i1).toMatch(/more than its open EUR 500.00/);
    expect(allocationProblems({ i1: row("i1", "1.005") }, "EUR", 100_000n).byInvoice.i1).toMatch(/too many decimals/);
    const over = allocationProblems({ i1: row("i1", "300.00"), i2: row("i2", "250.00") }, "EUR", 50_000n);
    expect(over.total).toBe("Allocated EUR 550.00, but only EUR 500.00 is unapplied: too much by EUR 50.00");
    expect(allocationProblems({ i1: row("i1", "300.00") }, "EUR", 50_000n)).toEqual({ byInvoice: {}, total: null, first: null });
  });
});
