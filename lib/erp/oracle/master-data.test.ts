// Contract tests of the Oracle adapter's book-of-record side against the simulator over HTTP: incremental,
// paged customer and receivables reads, invoice publication exactly once through faults, accounting periods.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startErpSim, type ErpSim } from "../../erp-sim/server.ts";
import { getLedger, resetSim, setFaults } from "../../erp-sim/sim-control.ts";
import { createErpAdapter } from "../adapters.ts";
import type { ErpAdapter, ErpPage } from "../adapter.ts";
import { ErpPermanentError, ErpRetryableError } from "../errors.ts";

let sim: ErpSim;
let erp: ErpAdapter;
beforeAll(async () => {
  sim = await startErpSim({ seed: 3 });
  erp = createErpAdapter({ kind: "oracle", baseUrl: sim.url, credentials: {}, timeoutMs: 2000, requestRetries: 0 });
});
afterAll(async () => { await sim.close(); });
beforeEach(async () => { await resetSim(sim.url, 3); });

async function control(path: string, body: unknown) {
  const res = await fetch(`${sim.url}/__sim/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const json = await res.json();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json as any;
}

async function readAll<T extends { lastModified: string | null }>(read: (cursor: string | null) => Promise<ErpPage<T>>) {
  const items: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await read(cursor);
    items.push(...page.items);
    cursor = page.cursor;
    pages++;
  } while (cursor);
  return { items, pages, watermark: items.map((i) => i.lastModified!).sort().at(-1) ?? null };
}

describe("Oracle adapter: master data and receivables in", () => {
  it("reads customers with their bank accounts incrementally by LastUpdateDate", async () => {
    await control("customers", { AccountNumber: "C-1", Name: "Acme", BusinessUnit: "US01", BankAccounts: ["DE89370400440532013000"] });
    await control("customers", { AccountNumber: "C-2", Name: "Globex", BusinessUnit: "US01" });
    await control("customers", { AccountNumber: "C-9", Name: "Elsewhere", BusinessUnit: "DE01" });
    const first = await readAll((cursor) => erp.readCustomers({ entity: "US01", modifiedSince: null, cursor }));
    expect(first.items.map((c) => [c.accountNumber, c.bankAccounts])).toEqual([["C-1", ["DE89370400440532013000"]], ["C-2", []]]);
    await new Promise((r) => setTimeout(r, 5));
    await control("customers", { AccountNumber: "C-2", Name: "Globex Corp", BusinessUnit: "US01", BankAccounts: ["GB29NWBK60161331926819"] });
    const next = await readAll((cursor) => erp.readCustomers({ entity: "US01", modifiedSince: first.watermark, cursor }));
    // >= the watermark: the last row of the previous read may come again (an upsert makes it harmless), C-2 must.
    expect(next.items.find((c) => c.accountNumber === "C-2")).toMatchObject({ name: "Globex Corp", bankAccounts: ["GB29NWBK60161331926819"] });
    expect(next.items.every((c) => c.lastModified! >= first.watermark!)).toBe(true);
  });

  it("pages receivables by keyset: every invoice exactly once across pages, even rows sharing one instant", async () => {
    await control("customers", { AccountNumber: "C-1", Name: "Acme", BusinessUnit: "US01" });
    const n = 450;
    await Promise.all(Array.from({ length: n }, (_, i) => control("invoices", { TransactionNumber: `INV-${i}`, BusinessUnit: "US01", BillToCustomerNumber: "C-1", InvoiceCurrencyCode: "USD", Amount: "100.00" })));
    const all = await readAll((cursor) => erp.readOpenReceivables({ entity: "US01", modifiedSince: null, cursor }));
    expect(all.pages).toBeGreaterThanOrEqual(3);
    expect(all.items).toHaveLength(n);
    expect(new Set(all.items.map((i) => i.invoiceNumber)).size).toBe(n);
    expect(all.items[0]).toMatchObject({ customerAccount: "C-1", currency: "USD", amount: "100.00", openAmount: "100.00", entity: "US01" });
  });

  it("sees invoices paid and credited directly in the ERP in the next incremental read, with the balance due", async () => {
    await control("invoices", { TransactionNumber: "INV-1", BusinessUnit: "US01", BillToCustomerNumber: "C-1", BillToCustomerName: "Acme", InvoiceCurrencyCode: "USD", Amount: "1000.00" });
    await control("invoices", { TransactionNumber: "INV-2", BusinessUnit: "US01", BillToCustomerNumber: "C-1", InvoiceCurrencyCode: "USD", Amount: "500.00" });
    await control("invoices", { TransactionNumber: "INV-3", BusinessUnit: "US01", BillToCustomerNumber: "C-1", InvoiceCurrencyCode: "USD", Amount: "50.00" });
    const first = await readAll((cursor) => erp.readOpenReceivables({ entity: "US01", modifiedSince: null, cursor }));
    await new Promise((r) => setTimeout(r, 5));
    await control("invoices/INV-1/pay", { Amount: "400.00" });
    await control("invoices/INV-2/credit", { Amount: "500.00" });
    const next = await readAll((cursor) => erp.readOpenReceivables({ entity: "US01", modifiedSince: first.watermark, cursor }));
    const byNumber = Object.fromEntries(next.items.map((i) => [i.invoiceNumber, i.openAmount]));
    expect(byNumber).toMatchObject({ "INV-1": "600.00", "INV-2": "0.00" });
    // Over-paying in the ERP is refused as Oracle refuses over-application.
    await expect(control("invoices/INV-3/pay", { Amount: "60.00" })).rejects.toThrow(/422/);
  });
});

describe("Oracle adapter: invoices out", () => {
  const invoice = { idempotencyKey: "cashline:invoice:inv_1", invoiceNumber: "B-100", customerAccount: "C-1", entity: "US01", currency: "USD", amount: "1250.5", issueDate: "2026-12-01", dueDate: "2026-12-31", description: "Subscription" };

  it("publishes exactly once through 5xx and dropped answers, and returns Oracle's document number", async () => {
    await control("customers", { AccountNumber: "C-1", Name: "Acme", BusinessUnit: "US01" });
    await setFaults(sim.url, { error_ratio: 0.4, drop_after_commit_ratio: 0.5 });
    let result: { erpDocumentId: string; erpDocumentNumber: string } | undefined;
    for (let attempt = 0; !result; attempt++) {
      try { result = await erp.publishInvoice(invoice); } catch (e) { if (!(e instanceof ErpRetryableError) || attempt > 40) throw e; }
    }
    await setFaults(sim.url, {});
    const ledger = await getLedger(sim.url);
    expect(ledger.invoices).toHaveLength(1);
    expect(ledger.invoices[0]).toMatchObject({ TransactionNumber: "B-100", EnteredAmount: "1250.50", InvoiceBalanceAmount: "1250.50", TransactionSource: "Cashline" });
    expect(result).toEqual({ erpDocumentId: String(ledger.invoices[0]!.CustomerTransactionId), erpDocumentNumber: String(ledger.invoices[0]!.DocumentNumber) });
    // Again under the same key: the same answer, nothing booked.
    expect(await erp.publishInvoice(invoice)).toEqual(result);
    // The key forgotten (a new key, same invoice): the duplicate number is looked up, still one invoice.
    expect(await erp.publishInvoice({ ...invoice, idempotencyKey: "other-key", amount: "1250.50" })).toEqual(result);
    expect((await getLedger(sim.url)).invoices).toHaveLength(1);
    // The same number with other figures is a conflict for a human, not a second invoice.
    await expect(erp.publishInvoice({ ...invoice, idempotencyKey: "third-key", amount: "99.00" })).rejects.toBeInstanceOf(ErpPermanentError);
  });

  it("refuses an invoice for a customer the ERP does not have, naming it", async () => {
    await expect(erp.publishInvoice({ ...invoice, customerAccount: "NOPE" })).rejects.toThrow(/NOPE/);
  });
});

describe("Oracle adapter: accounting periods", () => {
  it("reads the ledger's periods with their closing status", async () => {
    await control("periods", { LedgerName: "US01", Period: "2026-11", ClosingStatus: "C" });
    const periods = await erp.readPeriods("US01");
    expect(periods.find((p) => p.name === "Nov-26")).toEqual({ name: "Nov-26", start: "2026-11-01", end: "2026-11-30", open: false });
    expect(periods.filter((p) => p.open).length).toBeGreaterThan(5);
    expect((await erp.readPeriods("DE01")).find((p) => p.name === "Nov-26")?.open).toBe(true);
  });
});
