import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOracleAdapter } from "../erp/oracle/adapter.ts";
import { startErpSim, type ErpSim } from "./server.ts";
import { normaliseReceipt, readNormalisedLedger } from "./normalised-ledger.ts";

let sim: ErpSim;
beforeAll(async () => { sim = await startErpSim(); });
afterAll(() => sim.close());

describe("normalised simulator ledger", () => {
  it("reads Oracle's receipts in the shape every simulator answers", async () => {
    const erp = createOracleAdapter({ kind: "oracle", baseUrl: sim.url, credentials: {} });
    await erp.ensureCustomerAccount({ accountNumber: "C-1", name: "Acme", entity: "US01" });
    const posted = await erp.postReceipt({
      idempotencyKey: "k1", receiptNumber: "CL-r1", date: "2026-11-02", amount: "100.00", currency: "USD", entity: "US01", bankAccount: "0001", customerAccount: "C-1",
      applications: [{ type: "INVOICE", invoiceNumber: "INV-1", amount: "60.00" }, { type: "ON_ACCOUNT", amount: "40.00" }],
    });
    await erp.reviseApplications(posted.erpReceiptId, "USD", [{ type: "INVOICE", invoiceNumber: "INV-1", amount: "60.00" }], "k1:v2");
    expect(await readNormalisedLedger(sim.url)).toEqual([{
      id: posted.erpReceiptId, receiptNumber: "CL-r1", entity: "US01", currency: "USD", amount: "100.00", customerAccount: "C-1", date: "2026-11-02",
      applications: [
        { id: posted.applicationIds[0], type: "INVOICE", invoiceNumber: "INV-1", amount: "60.00", reversed: false },
        { id: posted.applicationIds[1], type: "ON_ACCOUNT", invoiceNumber: null, amount: "40.00", reversed: true },
      ],
    }]);
  });

  it("passes an already normalised receipt through", () => {
    const r = { id: "1", receiptNumber: "CL-x", entity: "DE01", currency: "EUR", amount: "1.00", customerAccount: null, date: "2026-11-02", applications: [] };
    expect(normaliseReceipt(r)).toBe(r);
  });
});
