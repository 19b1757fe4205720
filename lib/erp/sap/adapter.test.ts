// The SAP adapter over HTTP against the SAP simulator: every method, SAP's error answers, auth, CSRF, limits.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SapSim } from "../../erp-sim/sap/index.ts";
import { getSapLedger, seedSapCustomers, setSapPeriod, settleSapInvoice } from "../../erp-sim/sap/sim-control.ts";
import { resetSim, setFaults } from "../../erp-sim/sim-control.ts";
import { ErpCircuitOpenError, ErpPermanentError, ErpRetryableError } from "../errors.ts";
import { CircuitBreaker } from "../circuit-breaker.ts";
import type { ErpPosting } from "../posting.ts";
import { createErpAdapter } from "../adapters.ts";
import { BASIC, OAUTH, sapAdapter, seed, startSeededSim } from "./test-fixture.ts";

let sim: SapSim;
beforeAll(async () => { sim = await startSeededSim(); });
afterAll(async () => { await sim?.close(); });
beforeEach(async () => {
  await resetSim(sim.url);
  await setFaults(sim.url, { rate_limit_per_second: null });
  await seed(sim.url);
});

const posting = (over: Partial<ErpPosting> = {}): ErpPosting => ({
  idempotencyKey: "key-1", receiptNumber: "R-1", date: "2026-03-02", amount: "150.00", currency: "EUR", entity: "DE01", bankAccount: "DE-OPER-1",
  customerAccount: "C1", applications: [{ type: "INVOICE", invoiceNumber: "INV-1", amount: "100.00" }, { type: "INVOICE", invoiceNumber: "INV-2", amount: "30.00" }, { type: "WRITE_OFF", amount: "2.00", writeOffReason: "bank fee" }],
  ...over,
});
const rejection = async (p: Promise<unknown>) => p.then(() => { throw new Error("expected a rejection"); }, (e: unknown) => e as Error);

describe("SAP adapter", () => {
  it("is registered as kind sap and tests the connection with OAuth and with a communication user", async () => {
    const viaRegistry = createErpAdapter({ kind: "sap", baseUrl: sim.url, credentials: OAUTH });
    expect((await viaRegistry.testConnection()).detail).toContain("OAuth 2.0");
    expect((await sapAdapter(sim.url, {}, BASIC).testConnection()).detail).toContain("communication user");
    const bad = await rejection(sapAdapter(sim.url, {}, { ...OAUTH, clientSecret: "wrong" }).testConnection());
    expect(bad).toBeInstanceOf(ErpPermanentError);
    expect(bad.message).toMatch(/401.*Client authentication failed/);
    expect(await rejection(sapAdapter(sim.url, {}, { ...BASIC, password: "wrong" }).testConnection())).toMatchObject({ status: 401, retryable: false });
  });

  it("posts a payment with its applications as one journal entry and clears the invoices (full and partial)", async () => {
    const adapter = sapAdapter(sim.url);
    const result = await adapter.postReceipt(posting());
    expect(result.erpReceiptId).toBe("DE01/2026/1400000001");
    expect(result.applicationIds).toEqual(["DE01/2026/1400000001/002", "DE01/2026/1400000001/003", "DE01/2026/1400000001/004"]);
    const ledger = await getSapLedger(sim.url);
    expect(ledger.receipts).toHaveLength(1);
    expect(ledger.receipts[0]).toMatchObject({ receiptNumber: "R-1", amount: "150.00", customerAccount: "C1", entity: "DE01" });
    expect(ledger.receipts[0]!.applications.map((a) => [a.type, a.invoiceNumber, a.amount])).toEqual([["INVOICE", "INV-1", "100.00"], ["INVOICE", "INV-2", "30.00"], ["WRITE_OFF", null, "2.00"]]);
    expect(ledger.clearingMessages.map((m) => m.status)).toEqual(["processed", "processed"]);
    const open = await adapter.readOpenReceivables({ entity: "DE01", modifiedSince: null });
    expect(Object.fromEntries(open.items.map((i) => [i.invoiceNumber, i.openAmount]))).toEqual({ "INV-2": "70.00", "INV-3": "100.00" });
    const receipt = await adapter.getReceipt(result.erpReceiptId);
    expect(receipt).toMatchObject({ receiptNumber: "R-1", bankAccount: "DE-OPER-1", customerAccount: "C1", unappliedAmount: "18.00", date: "2026-03-02" });
    expect(await adapter.lookupReceipt("R-1", "DE01")).toEqual(receipt);
    expect(await adapter.lookupReceipt("R-404", "DE01")).toBeNull();
  });

  it("an unidentified receipt goes to the suspense G/L; invoice applications without a customer are refused locally", async () => {
    const adapter = sapAdapter(sim.url);
    await adapter.postReceipt(posting({ customerAccount: null, applications: [] }));
    const doc = (await getSapLedger(sim.url)).journalEntries.at(-1)!;
    expect(doc.items.map((i) => [i.accountType, i.glAccount, i.amount])).toEqual([["S", "0011001000", "150.00"], ["S", "0011009900", "-150.00"]]);
    const e = await rejection(adapter.postReceipt(posting({ receiptNumber: "R-2", customerAccount: null })));
    expect(e).toMatchObject({ kind: "invalid_posting" });
  });

  it("SAP's refusals come back permanent with SAP's message: closed period, unknown customer, over-application, field lengths", async () => {
    const adapter = sapAdapter(sim.url);
    await setSapPeriod(sim.url, "DE01", "2026-03", false);
    const closed = await rejection(adapter.postReceipt(posting()));
    expect(closed).toBeInstanceOf(ErpPermanentError);
    expect(closed.message).toContain("Posting period 003 2026 is not open");
    expect((closed as ErpPermanentError).errorCode).toBe("201(F5)");
    await setSapPeriod(sim.url, "DE01", "2026-03", true);
    const unknown = await rejection(adapter.postReceipt(posting({ customerAccount: "C404", applications: [{ type: "ON_ACCOUNT", amount: "10.00" }] })));
    expect(unknown.message).toContain("Customer C404 does not exist");
    const over = await rejection(adapter.postReceipt(posting({ applications: [{ type: "INVOICE", invoiceNumber: "INV-1", amount: "120.00" }] })));
    expect(over).toMatchObject({ errorCode: "OVER_APPLICATION", retryable: false });
    expect(over.message).toContain("exceeds its open amount 100.00 EUR");
    const missing = await rejection(adapter.postReceipt(posting({ applications: [{ type: "INVOICE", invoiceNumber: "INV-404", amount: "1.00" }] })));
    expect(missing.message).toContain("invoice INV-404 has no open EUR item");
    expect(await rejection(adapter.postReceipt(posting({ receiptNumber: "R-12345678901234567" })))).toMatchObject({ kind: "invalid_posting" });
    expect((await getSapLedger(sim.url)).counts.receipts).toBe(0);
  });

  it("refuses to re-post a receipt number SAP holds with different content", async () => {
    const adapter = sapAdapter(sim.url);
    await adapter.postReceipt(posting());
    const e = await rejection(adapter.postReceipt(posting({ amount: "151.00" })));
    expect(e).toMatchObject({ kind: "conflict" });
    expect((await getSapLedger(sim.url)).counts.receipts).toBe(1);
    expect(await rejection(adapter.getReceipt("DE01/2026/1499999999"))).toMatchObject({ status: 404, retryable: false });
    expect(await rejection(adapter.getReceipt("not-an-id"))).toMatchObject({ kind: "invalid_posting" });
  });

  it("re-applies: unapplies an invoice (re-opening it), applies another, and a repeat changes nothing", async () => {
    const adapter = sapAdapter(sim.url);
    const first = await adapter.postReceipt(posting());
    const target = [{ type: "INVOICE" as const, invoiceNumber: "INV-2", amount: "30.00" }, { type: "INVOICE" as const, invoiceNumber: "INV-3", amount: "100.00" }];
    const revised = await adapter.reviseApplications(first.erpReceiptId, "EUR", target, "rev-1");
    expect(revised.applicationIds).toHaveLength(1);
    const again = await adapter.reviseApplications(first.erpReceiptId, "EUR", target, "rev-1");
    expect(again.applicationIds).toEqual([]);
    const ledger = await getSapLedger(sim.url);
    expect(ledger.receipts[0]!.applications.filter((a) => !a.reversed).map((a) => [a.invoiceNumber, a.amount])).toEqual([["INV-2", "30.00"], ["INV-3", "100.00"]]);
    expect(ledger.receipts[0]!.applications.filter((a) => a.reversed).map((a) => a.type)).toEqual(["INVOICE", "WRITE_OFF"]);
    const open = await adapter.readOpenReceivables({ entity: "DE01", modifiedSince: null });
    expect(Object.fromEntries(open.items.map((i) => [i.invoiceNumber, i.openAmount]))).toEqual({ "INV-1": "100.00", "INV-2": "70.00" });
    expect((await adapter.getReceipt(first.erpReceiptId)).unappliedAmount).toBe("20.00");
  });

  it("reads customers (entity, incremental, paged) and creates missing ones through a CSRF-protected deep insert", async () => {
    const adapter = sapAdapter(sim.url);
    const all = await adapter.readCustomers({ entity: "DE01", modifiedSince: null });
    expect(all.items.map((c) => [c.accountNumber, c.bankAccounts])).toEqual([["C1", ["DE89370400440532013000"]], ["C2", []]]);
    expect((await adapter.readCustomers({ entity: "US01", modifiedSince: null })).items.map((c) => c.accountNumber)).toEqual(["C2"]);
    expect((await adapter.readCustomers({ entity: "DE01", modifiedSince: "2999-01-01T00:00:00Z" })).items).toEqual([]);
    await seedSapCustomers(sim.url, Array.from({ length: 120 }, (_, i) => ({ customer: `P${i}`, name: `Customer ${i}`, companyCodes: ["DE01"] })));
    const first = await adapter.readCustomers({ entity: "DE01", modifiedSince: null });
    expect(first.cursor).toBe("100");
    const second = await adapter.readCustomers({ entity: "DE01", modifiedSince: null, cursor: first.cursor });
    expect(first.items.length + second.items.length).toBe(122);
    expect(second.cursor).toBeNull();

    await adapter.ensureCustomerAccount({ accountNumber: "N1", name: "New One", entity: "DE01" });
    await adapter.ensureCustomerAccount({ accountNumber: "N1", name: "New One", entity: "DE01" });
    await adapter.ensureCustomerAccount({ accountNumber: "C1", name: "Acme GmbH", entity: "US01" });
    const ledger = await getSapLedger(sim.url);
    expect(ledger.businessPartners.find((p) => p.BusinessPartner === "N1")?.companyCodes).toEqual(["DE01"]);
    expect(ledger.businessPartners.find((p) => p.BusinessPartner === "C1")?.companyCodes).toEqual(["DE01", "US01"]);
  });

  it("sees invoices settled directly in SAP through the incremental receivables read", async () => {
    const adapter = sapAdapter(sim.url);
    // SAP's change stamps are whole seconds: start the window at a second boundary after the set-up's changes.
    await new Promise((r) => setTimeout(r, 1100));
    const since = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
    await settleSapInvoice(sim.url, "INV-1", "pay");
    await settleSapInvoice(sim.url, "INV-2", "credit", { amount: "40.00" });
    const changed = await adapter.readOpenReceivables({ entity: "DE01", modifiedSince: since });
    expect(Object.fromEntries(changed.items.map((i) => [i.invoiceNumber, i.openAmount]))).toEqual({ "INV-1": "0.00", "INV-2": "60.00" });
    expect(changed.items[0]).toMatchObject({ customerAccount: "C1", amount: "100.00", issueDate: "2026-03-01", dueDate: "2026-03-31", erpDocumentId: "DE01/2026/1800000001" });
  });

  it("publishes an invoice once and returns SAP's accounting document number", async () => {
    const adapter = sapAdapter(sim.url);
    const inv = { idempotencyKey: "inv-9", invoiceNumber: "INV-9", customerAccount: "C1", entity: "DE01", currency: "EUR", amount: "99.90", issueDate: "2026-03-05", dueDate: "2026-04-04", description: "March" };
    const first = await adapter.publishInvoice(inv);
    expect(first).toEqual({ erpDocumentId: "DE01/2026/1800000004", erpDocumentNumber: "1800000004" });
    expect(await adapter.publishInvoice(inv)).toEqual(first);
    expect(await rejection(adapter.publishInvoice({ ...inv, amount: "10.00" }))).toMatchObject({ kind: "conflict" });
    const open = await adapter.readOpenReceivables({ entity: "DE01", modifiedSince: null });
    expect(open.items.find((i) => i.invoiceNumber === "INV-9")).toMatchObject({ openAmount: "99.90", dueDate: "2026-04-04" });
  });

  it("reads posting periods with their open/closed status", async () => {
    await setSapPeriod(sim.url, "DE01", "2026-02", false);
    const periods = await sapAdapter(sim.url).readPeriods("DE01");
    expect(periods.find((p) => p.name === "002/2026")).toEqual({ name: "002/2026", start: "2026-02-01", end: "2026-02-28", open: false });
    expect(periods.find((p) => p.name === "003/2026")?.open).toBe(true);
  });

  it("refreshes an OAuth token SAP no longer accepts (once), and fetches a new CSRF token when the session is gone", async () => {
    const adapter = sapAdapter(sim.url);
    await adapter.ensureCustomerAccount({ accountNumber: "N1", name: "One", entity: "DE01" });
    await resetSim(sim.url); // drops every token and session, as a restart of the tenant would
    await seed(sim.url);
    await adapter.ensureCustomerAccount({ accountNumber: "N2", name: "Two", entity: "DE01" });
    const ledger = await getSapLedger(sim.url);
    expect(ledger.businessPartners.map((p) => p.BusinessPartner)).toContain("N2");
    expect(ledger.requests.tokensIssued).toBe(1);
  });

  it("fetches a new token before the old one expires", async () => {
    const short = await startSeededSim({ auth: { tokenLifetimeSeconds: 1 } });
    try {
      const adapter = sapAdapter(short.url);
      await adapter.testConnection();
      await new Promise((r) => setTimeout(r, 1100));
      await adapter.testConnection();
      expect((await getSapLedger(short.url)).requests.tokensIssued).toBe(2);
    } finally { await short.close(); }
  });

  it("rate limit (429) and maintenance (503) are retryable with SAP's Retry-After; server errors too", async () => {
    const adapter = sapAdapter(sim.url, { requestRetries: 0 });
    await adapter.testConnection();
    await setFaults(sim.url, { rate_limit_per_second: 1 });
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => adapter.readPeriods("DE01")));
    const limited = results.flatMap((r) => (r.status === "rejected" ? [r.reason as ErpRetryableError] : []));
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]).toBeInstanceOf(ErpRetryableError);
    expect(limited[0]).toMatchObject({ status: 429, retryAfterMs: 1000 });
    await setFaults(sim.url, { rate_limit_per_second: null, maintenance_seconds: 30 });
    const maintenance = await rejection(adapter.readPeriods("DE01"));
    expect(maintenance).toMatchObject({ status: 503, retryable: true });
    expect((maintenance as ErpRetryableError).retryAfterMs).toBeGreaterThan(25_000);
    await setFaults(sim.url, { maintenance_seconds: 0, error_ratio: 1 });
    expect(await rejection(adapter.postReceipt(posting()))).toBeInstanceOf(ErpRetryableError);
    await setFaults(sim.url, {});
    expect((await getSapLedger(sim.url)).counts.receipts).toBe(0);
  });

  it("sends every request through the breaker and honours the timeout", async () => {
    let calls = 0;
    const breaker = { run: <T,>(call: () => Promise<T>) => { calls++; return call(); } };
    await sapAdapter(sim.url, { breaker }).postReceipt(posting());
    expect(calls).toBeGreaterThan(5);
    // SAP's 5xx answers count as failures for the breaker: it opens instead of letting every job hammer SAP.
    const strict = new CircuitBreaker({ failureThreshold: 2, failureRatio: 0, coolDownMs: 60_000 });
    const guarded = sapAdapter(sim.url, { breaker: strict, requestRetries: 0 });
    await guarded.testConnection(); // token fetched while SAP is healthy
    await setFaults(sim.url, { error_ratio: 1 });
    for (let i = 0; i < 2; i++) expect(await rejection(guarded.readPeriods("DE01"))).toMatchObject({ kind: "http", retryable: true });
    expect(await rejection(guarded.readPeriods("DE01"))).toBeInstanceOf(ErpCircuitOpenError);
    await setFaults(sim.url, { error_ratio: 0, latency_ms: 300 });
    const slow = await rejection(sapAdapter(sim.url, { timeoutMs: 100, requestRetries: 0 }).readPeriods("DE01"));
    expect(slow).toMatchObject({ kind: "timeout", retryable: true });
  });
});
