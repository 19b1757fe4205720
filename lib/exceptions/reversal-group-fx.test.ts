import { describe, expect, it } from "vitest";
import { reversalEffect } from "./reversal-group.ts";

describe("reversing a cross-currency application", () => {
  it("gives the invoice back what was taken off it in its own currency, and the receipt its own money", () => {
    const at = new Date();
    const e = reversalEffect([{ id: "a", kind: "INVOICE", invoiceId: "i", amountMinor: 108_000n, fxInvoiceAmountMinor: 100_000n, reasonCode: null, appliedAt: at }]);
    expect(e.unappliedDeltaMinor).toBe(108_000n);
    expect(e.invoiceOpenDelta.get("i")).toBe(100_000n);
  });
});
