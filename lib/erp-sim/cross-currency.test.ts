// A cross-currency application through the Oracle adapter, over HTTP against the Oracle simulator: the invoice
// goes down in its own currency (AmountApplied), the receipt in its own (AllocatedReceiptAmount), with the rate, its
// day and the realised FX recorded and shown in the normalised ledger; bad combinations are refused by the ERP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createOracleAdapter } from "../erp/oracle/adapter.ts";
import { ErpPermanentError } from "../erp/errors.ts";
import { startErpSim, type ErpSim } from "./server.ts";
import { ERP_API_PREFIX } from "./erp-routes.ts";
import { resetSim } from "./sim-control.ts";
import { readNormalisedLedger } from "./normalised-ledger.ts";

let sim: ErpSim;
beforeAll(async () => { sim = await startErpSim(); });
afterAll(() => sim.close());
beforeEach(async () => { await resetSim(sim.url); });

const fxApp = { type: "INVOICE" as const, invoiceNumber: "INV-EUR-1", amount: "1085.00", fx: { invoiceCurrency: "EUR", invoiceAmount: "1000.00", rate: "0.9216589862", rateDate: "2026-11-02", functionalCurrency: "USD", realisedGainLoss: "-4.12" } };

describe("Oracle cross-currency application", () => {
  it("posts a USD receipt to a EUR invoice with both amounts, the rate and the realised FX, and reads it back", async () => {
    const erp = createOracleAdapter({ kind: "oracle", baseUrl: sim.url, credentials: {} });
    expect(erp.capabilities.crossCurrencyApplications).toBe(true);
    await erp.ensureCustomerAccount({ accountNumber: "C-1", name: "Acme", entity: "US01" });
    const posted = await erp.postReceipt({
      idempotencyKey: "fx1", receiptNumber: "CL-fx1", date: "2026-11-02", amount: "1085", currency: "USD", entity: "US01", bankAccount: "0001", customerAccount: "C-1",
      applications: [fxApp],
    });
    const [app] = (await readNormalisedLedger(sim.url))[0]!.applications;
    expect(app).toEqual({
      id: posted.applicationIds[0], type: "INVOICE", invoiceNumber: "INV-EUR-1", amount: "1085.00", reversed: false,
      receiptAmount: "1085.00", invoiceAmount: "1000.00", invoiceCurrency: "EUR", rate: "0.9216589862", rateDate: "2026-11-02", fxGainLoss: "-4.12", functionalCurrency: "USD",
    });
    const back = await erp.getReceipt(posted.erpReceiptId);
    expect(back.unappliedAmount).toBe("0.00");
    expect(back.applications?.[0]).toMatchObject({ amount: "1085.00", fx: { invoiceCurrency: "EUR", invoiceAmount: "1000.00", realisedGainLoss: "-4.12" } });
    // Posting again (a retry after a lost answer) books nothing new.
    await erp.postReceipt({ idempotencyKey: "fx1", receiptNumber: "CL-fx1", date: "2026-11-02", amount: "1085.00", currency: "USD", entity: "US01", bankAccount: "0001", customerAccount: "C-1", applications: [fxApp] });
    expect((await readNormalisedLedger(sim.url))).toHaveLength(1);
  });

  it("refuses locally a cross-currency application in the receipt's own currency, and at the ERP an inverted rate", async () => {
    const erp = createOracleAdapter({ kind: "oracle", baseUrl: sim.url, credentials: {} });
    const base = { idempotencyKey: "fx2", receiptNumber: "CL-fx2", date: "2026-11-02", amount: "1085.00", currency: "USD", entity: "US01", bankAccount: "0001" };
    await expect(erp.postReceipt({ ...base, applications: [{ ...fxApp, fx: { ...fxApp.fx, invoiceCurrency: "USD" } }] })).rejects.toThrow(/applications\.0\.fx\.invoiceCurrency: USD is the receipt's own currency/);
    const receipt = await fetch(`${sim.url}${ERP_API_PREFIX}/standardReceipts`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ReceiptNumber: "R-9", ReceiptDate: "2026-11-02", Amount: "1085.00", Currency: "USD", BusinessUnit: "US01", RemittanceBankAccountNumber: "0001" }) }).then((r) => r.json()) as { StandardReceiptId: number };
    const apply = (body: Record<string, unknown>) => fetch(`${sim.url}${ERP_API_PREFIX}/standardReceipts/${receipt.StandardReceiptId}/child/receiptApplications`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: await r.json() as { errorCode: string; detail: string } }));
    const inverted = await apply({ ApplicationType: "INVOICE", InvoiceNumber: "INV-EUR-1", AmountApplied: "1000.00", AllocatedReceiptAmount: "1085.00", TransactionCurrency: "EUR", CrossCurrencyRate: "1.085", CrossCurrencyRateDate: "2026-11-02" });
    expect(inverted).toMatchObject({ status: 422, body: { errorCode: "CROSS_CURRENCY_AMOUNTS" } });
    const half = await apply({ ApplicationType: "INVOICE", InvoiceNumber: "INV-EUR-1", AmountApplied: "1000.00", AllocatedReceiptAmount: "1085.00" });
    expect(half.status).toBe(400);
    expect(half.body.detail).toMatch(/TransactionCurrency: is required for a cross-currency application/);
    const over = await apply({ ApplicationType: "INVOICE", InvoiceNumber: "INV-EUR-1", AmountApplied: "1001.00", AllocatedReceiptAmount: "1086.00", TransactionCurrency: "EUR", CrossCurrencyRate: "0.9216589862", CrossCurrencyRateDate: "2026-11-02" });
    expect(over).toMatchObject({ status: 422, body: { errorCode: "OVER_APPLICATION" } });
  });

  it("is a permanent error, not a retry, when the posting's fx is malformed", async () => {
    const erp = createOracleAdapter({ kind: "oracle", baseUrl: sim.url, credentials: {} });
    const err = await erp.postReceipt({ idempotencyKey: "fx3", receiptNumber: "CL-fx3", date: "2026-11-02", amount: "10.00", currency: "USD", entity: "US01", bankAccount: "0001", applications: [{ type: "ON_ACCOUNT", amount: "10.00", fx: fxApp.fx }] }).catch((e) => e);
    expect(err).toBeInstanceOf(ErpPermanentError);
    expect(err.message).toMatch(/only an INVOICE application can be cross-currency/);
  });
});
