// The simulated Oracle receivables resources over HTTP: a receipt application booked through the API lowers the
// invoice's balance due and moves its LastUpdateDate; q filters, state file round trip, control-plane refusals.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startErpSim, type ErpSim } from "./server.ts";
import { ERP_API_PREFIX } from "./erp-routes.ts";

let sim: ErpSim;
const statePath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "erp-sim-")), "state.json");
beforeAll(async () => { sim = await startErpSim({ statePath }); });
afterAll(async () => { await sim.close(); });

async function call(method: string, p: string, body?: unknown, key?: string) {
  const headers: Record<string, string> = { "content-type": "application/json", ...(key ? { "idempotency-key": key } : {}) };
  const res = await fetch(`${sim.url}${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
}

describe("simulated receivables invoices", () => {
  it("derives the balance due from receipt applications and credits, and moves LastUpdateDate with them", async () => {
    const created = await call("POST", `${ERP_API_PREFIX}/receivablesInvoices`, {
      TransactionNumber: "INV-7", TransactionDate: "2026-12-01", BusinessUnit: "US01", BillToCustomerNumber: "C-7", InvoiceCurrencyCode: "USD",
      receivablesInvoiceLines: [{ Description: "Licence", Quantity: 2, UnitSellingPrice: "150.25" }],
    }, "k-inv");
    expect(created.status).toBe(422); // no such customer yet
    await call("POST", "/__sim/customers", { AccountNumber: "C-7", Name: "Initech", BusinessUnit: "US01" });
    const ok = await call("POST", `${ERP_API_PREFIX}/receivablesInvoices`, {
      TransactionNumber: "INV-7", TransactionDate: "2026-12-01", BusinessUnit: "US01", BillToCustomerNumber: "C-7", InvoiceCurrencyCode: "USD",
      receivablesInvoiceLines: [{ Description: "Licence", Quantity: 2, UnitSellingPrice: "150.25" }],
    }, "k-inv");
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ EnteredAmount: "300.50", InvoiceBalanceAmount: "300.50", InvoiceStatus: "Complete", BillToCustomerName: "Initech" });
    const id = ok.body.CustomerTransactionId;
    // A receipt posted through the API (as Cashline posts) and applied to the invoice.
    const receipt = await call("POST", `${ERP_API_PREFIX}/standardReceipts`, { ReceiptNumber: "R-7", ReceiptDate: "2026-12-02", Amount: "100.50", Currency: "USD", BusinessUnit: "US01", RemittanceBankAccountNumber: "B-1", CustomerAccountNumber: "C-7" });
    await new Promise((r) => setTimeout(r, 3));
    await call("POST", `${ERP_API_PREFIX}/standardReceipts/${receipt.body.StandardReceiptId}/child/receiptApplications`, { ApplicationType: "INVOICE", InvoiceNumber: "INV-7", AmountApplied: "100.50" });
    const after = await call("GET", `${ERP_API_PREFIX}/receivablesInvoices/${id}`);
    expect(after.body.InvoiceBalanceAmount).toBe("200.00");
    expect(after.body.LastUpdateDate > ok.body.LastUpdateDate).toBe(true);
    const changed = await call("GET", `${ERP_API_PREFIX}/receivablesInvoices?q=${encodeURIComponent(`LastUpdateDate>'${ok.body.LastUpdateDate}';BusinessUnit=US01`)}`);
    expect(changed.body.items.map((i: any) => i.TransactionNumber)).toEqual(["INV-7"]);
    await call("POST", "/__sim/invoices/INV-7/credit", { Amount: "50.00" });
    expect((await call("GET", `${ERP_API_PREFIX}/receivablesInvoices/${id}/child/receivablesInvoiceLines`)).body.items).toHaveLength(1);
    expect((await call("GET", `${ERP_API_PREFIX}/receivablesInvoices/${id}`)).body.InvoiceBalanceAmount).toBe("150.00");
    // The state file keeps invoices, credits and bank accounts across a restart.
    const saved = JSON.parse(fs.readFileSync(statePath, "utf8"));
    expect(saved.invoices[0].credits).toHaveLength(1);
  });

  it("refuses bad queries and control requests with the field named", async () => {
    expect((await call("GET", `${ERP_API_PREFIX}/receivablesInvoices?q=Colour=red`)).status).toBe(400);
    expect((await call("GET", `${ERP_API_PREFIX}/accountingPeriodStatusLOV`)).status).toBe(400);
    const bad = await call("POST", "/__sim/invoices/INV-7/pay", { Amount: 10 });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/Amount/);
    expect((await call("POST", "/__sim/invoices/NOPE/pay", { Amount: "1.00" })).status).toBe(404);
    expect((await call("POST", "/__sim/periods", { LedgerName: "US01", Period: "2026-13x", ClosingStatus: "C" })).status).toBe(400);
  });
});
