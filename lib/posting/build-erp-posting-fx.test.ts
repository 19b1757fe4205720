import { describe, expect, it } from "vitest";
import { buildErpPosting } from "./build-erp-posting.ts";

describe("ERP posting of a cross-currency application", () => {
  it("posts the receipt's money on the invoice with the invoice amount, the rate and the realised FX (also named in the comments)", () => {
    const p = buildErpPosting({
      idempotencyKey: "receipt:r1:v1", revision: 1, entityCode: "US01", bankAccountNumber: "000111222333", customerAccount: "C-100",
      receipt: { id: "r1", amountMinor: 108_000n, currency: "USD", valueDate: new Date("2026-11-21"), channel: "WIRE", bankReference: "BR1" },
      applications: [{ kind: "INVOICE", amountMinor: 108_000n, reasonCode: null, invoiceNumber: "INV-EU-000501",
        fx: { invoiceCurrency: "EUR", invoiceAmountMinor: "100000", rate: "0.9259259259", rateDate: "2026-11-20", functionalCurrency: "USD", realisedMinor: "-2000" } }],
    });
    expect(p.applications).toEqual([{
      type: "INVOICE", invoiceNumber: "INV-EU-000501", amount: "1080.00",
      fx: { invoiceCurrency: "EUR", invoiceAmount: "1000.00", rate: "0.9259259259", rateDate: "2026-11-20", functionalCurrency: "USD", realisedGainLoss: "-20.00" },
    }]);
    expect(p.comments).toBe("Cashline receipt r1; bank ref BR1; FX INV-EU-000501: 1000.00 EUR at 0.9259259259 (2026-11-20), realised FX loss 20.00 USD");
  });
});
