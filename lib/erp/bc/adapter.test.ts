// The BC adapter over HTTP against the BC simulator: every ErpAdapter method, BC's errors, auth expiry and refresh,
// BC's request limits and maintenance.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startBcSim, type BcSim } from "../../erp-sim/bc/index.ts";
import { getBcLedger, revokeTokens, seedCustomers, seedInvoices, setPeriod, settleInErp } from "../../erp-sim/bc/control.ts";
import { resetSim, setFaults } from "../../erp-sim/sim-control.ts";
import { ErpPermanentError, ErpRetryableError } from "../errors.ts";
import type { ErpPosting } from "../posting.ts";
import { createErpAdapter } from "../adapters.ts";
import { bcAdapterFor, bcConfigFor } from "./testing.ts";

let sim: BcSim;
let tokenRequests = 0;
beforeAll(async () => {
  sim = await startBcSim({ maxPageSize: 3, log: (e) => { if (e.path.endsWith("/oauth2/v2.0/token")) tokenRequests++; } });
});
afterAll(async () => { await sim?.close(); });
beforeEach(async () => {
  await resetSim(sim.url);
  await seedCustomers(sim.url, [
    { entity: "DE01", accountNumber: "C-100", name: "Contoso GmbH" },
    { entity: "DE01", accountNumber: "C-200", name: "Fabrikam AG" },
    { entity: "DE01", accountNumber: "C-USD", name: "Litware Inc", currency: "USD" },
  ]);
  await seedInvoices(sim.url, [
    { entity: "DE01", invoiceNumber: "INV-1", customerAccount: "C-100", currency: "EUR", amount: "100.00", issueDate: "2026-11-02", dueDate: "2026-12-02" },
    { entity: "DE01", invoiceNumber: "INV-2", customerAccount: "C-100", currency: "EUR", amount: "40.00", issueDate: "2026-11-03" },
  ]);
});

const posting = (over: Partial<ErpPosting> = {}): ErpPosting => ({
  idempotencyKey: "k-R-1", receiptNumber: "R-1", date: "2026-11-20", amount: "150.00", currency: "EUR", entity: "DE01", bankAccount: "DE-OPER-1",
  customerAccount: "C-100",
  applications: [{ type: "INVOICE", invoiceNumber: "INV-1", amount: "100.00" }, { type: "ON_ACCOUNT", amount: "30.00" }],
  ...over,
});

async function permanent(p: Promise<unknown>): Promise<ErpPermanentError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(ErpPermanentError);
  return e as ErpPermanentError;
}
async function retryable(p: Promise<unknown>): Promise<ErpRetryableError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(ErpRetryableError);
  return e as ErpRetryableError;
}

describe("BC adapter: receipts", () => {
  it("posts a receipt as one payment journal (a line per application plus the remainder), applies the invoice and tidies the journal", async () => {
    const adapter = createErpAdapter(bcConfigFor(sim)); // through the registry
    const result = await adapter.postReceipt(posting());
    const ledger = await getBcLedger(sim.url);
    expect(ledger.receipts).toHaveLength(1);
    const r = ledger.receipts[0]!;
    expect(r).toMatchObject({ receiptNumber: "R-1", entity: "DE01", currency: "EUR", amount: "150.00", customerAccount: "C-100", date: "2026-11-20" });
    expect(r.applications.map((a) => [a.type, a.invoiceNumber, a.amount])).toEqual([["INVOICE", "INV-1", "100.00"], ["ON_ACCOUNT", null, "30.00"]]);
    expect(result).toEqual({ erpReceiptId: r.id, applicationIds: r.applications.map((a) => a.id) });
    const de01 = ledger.companies.find((c) => c.name === "DE01")!;
    expect(de01.invoices.find((i) => i.number === "INV-1")).toMatchObject({ status: "Paid", remainingAmount: "0.00" });
    expect(de01.entries.filter((e) => e.documentType === "Payment").map((e) => e.amount)).toEqual(["-100.00", "-30.00", "-20.00"]);
    expect(ledger.counts.journals).toBe(0); // the per-receipt journal was deleted (If-Match) after posting
    // BC's price of no idempotency key, with the company and its currency cached: ledger read, customer, BC's number of
    // the invoice, journal find + create, one request per line (2), post, ledger read, journal delete = 10 requests
    const before = ledger.requests.erp;
    await adapter.postReceipt(posting({ receiptNumber: "R-COST", amount: "40.00", applications: [{ type: "INVOICE", invoiceNumber: "INV-2", amount: "25.00" }] }));
    expect((await getBcLedger(sim.url)).requests.erp - before).toBe(10);

    const found = await adapter.lookupReceipt("R-1", "DE01");
    expect(found).toMatchObject({ id: r.id, receiptNumber: "R-1", amount: "150.00", currency: "EUR", customerAccount: "C-100", unappliedAmount: "20.00" });
    expect(await adapter.getReceipt(r.id)).toEqual(found);
    expect(await adapter.lookupReceipt("R-404", "DE01")).toBeNull();
    expect((await permanent(adapter.getReceipt(String(Number(r.id) + 1)))).message).toMatch(/not the first entry/);
  });

  it("posting the same receipt again books nothing and answers the same ids; a different receipt under the same number is a conflict", async () => {
    const adapter = bcAdapterFor(sim);
    const first = await adapter.postReceipt(posting());
    expect(await adapter.postReceipt(posting())).toEqual(first);
    expect((await getBcLedger(sim.url)).counts.ledgerEntries).toBe(2 + 3); // 2 invoices + 3 payment lines, once
    const e = await permanent(adapter.postReceipt(posting({ amount: "151.00" })));
    expect(e.kind).toBe("conflict");
  });

  it("refuses what BC refuses: over-application, unknown customer, currency of another customer, non-LCY write-offs, unidentified receipts without a suspense customer", async () => {
    const adapter = bcAdapterFor(sim);
    const over = await permanent(adapter.postReceipt(posting({ receiptNumber: "R-OVER", amount: "60.00", applications: [{ type: "INVOICE", invoiceNumber: "INV-2", amount: "50.00" }] })));
    expect(over.errorCode).toBe("Application_DialogException");
    expect(over.message).toMatch(/exceeds the remaining amount 40.00 of invoice INV-2.*CorrelationId/);
    expect((await permanent(adapter.postReceipt(posting({ receiptNumber: "R-X", customerAccount: "C-404" })))).message).toMatch(/customer C-404 does not exist/);
    expect((await permanent(adapter.postReceipt(posting({ receiptNumber: "R-USD", customerAccount: "C-USD", applications: [] })))).message).toMatch(/kept in USD/);
    expect((await permanent(adapter.postReceipt(posting({ receiptNumber: "R-WO", currency: "USD", customerAccount: "C-USD", applications: [{ type: "WRITE_OFF", amount: "1.00", writeOffReason: "x" }] })))).kind).toBe("not_supported");
    const before = (await getBcLedger(sim.url)).requests.erp;
    expect((await permanent(adapter.postReceipt(posting({ receiptNumber: "R-UNID", customerAccount: null, applications: [] })))).kind).toBe("invalid_posting");
    expect((await getBcLedger(sim.url)).requests.erp).toBe(before); // refused before any request
    expect((await getBcLedger(sim.url)).receipts).toHaveLength(0);
  });

  it("write-offs go to the write-off G/L account through a general journal, in the same receipt; a refund of a whole unidentified payment needs no customer", async () => {
    const adapter = bcAdapterFor(sim);
    const p = posting({ receiptNumber: "CL-cmibx3c2f0000a8s9d7f6g5h4", amount: "131.50", applications: [
      { type: "INVOICE", invoiceNumber: "INV-1", amount: "100.00" }, { type: "WRITE_OFF", amount: "1.50", writeOffReason: "small_overpayment" }, { type: "ON_ACCOUNT", amount: "30.00" },
    ] });
    const result = await adapter.postReceipt(p);
    expect(await adapter.postReceipt(p)).toEqual(result);
    const ledger = await getBcLedger(sim.url);
    const r = ledger.receipts[0]!;
    expect(r).toMatchObject({ receiptNumber: p.receiptNumber, amount: "131.50", customerAccount: "C-100" });
    expect(r.applications.map((a) => [a.type, a.amount])).toEqual([["INVOICE", "100.00"], ["ON_ACCOUNT", "30.00"], ["WRITE_OFF", "1.50"]]);
    expect(result.applicationIds).toEqual([r.applications[0]!.id, r.applications[2]!.id, r.applications[1]!.id]); // in the posting's order
    const de01 = ledger.companies.find((c) => c.name === "DE01")!;
    expect(de01.glEntries.map((g) => [g.accountNumber, g.debitAmount, g.creditAmount])).toEqual([["8610", "0.00", "1.50"], ["2910", "1.50", "0.00"]]);
    expect(de01.entries.find((e) => e.documentType === "Payment")!.documentNumber).toMatch(/^CL[0-9A-F]{18}$/); // 28 characters do not fit BC's 20
    expect(await adapter.lookupReceipt(p.receiptNumber, "DE01")).toMatchObject({ id: r.id, amount: "131.50", unappliedAmount: "0.00" });
    expect((await adapter.getReceipt(r.id)).receiptNumber).toBe(p.receiptNumber);

    const refund = posting({ receiptNumber: "R-REFUND", amount: "12.00", customerAccount: null, applications: [{ type: "WRITE_OFF", amount: "12.00", writeOffReason: "refund" }] });
    const out = await adapter.postReceipt(refund);
    expect(out.erpReceiptId).toMatch(/^GL-\d+$/);
    expect(await adapter.getReceipt(out.erpReceiptId)).toMatchObject({ id: out.erpReceiptId, amount: "12.00", customerAccount: null, applications: [expect.objectContaining({ type: "WRITE_OFF", writeOffReason: "refund" })] });
  });

  it("an unidentified receipt goes on account of the configured suspense customer and reads back without a customer", async () => {
    await seedCustomers(sim.url, [{ entity: "DE01", accountNumber: "C-SUSP", name: "Unidentified receipts" }]);
    const adapter = bcAdapterFor(sim, { credentials: { suspenseCustomerNumber: "C-SUSP" } });
    const p = posting({ receiptNumber: "R-UNID", customerAccount: null, applications: [] });
    const out = await adapter.postReceipt(p);
    expect(await adapter.postReceipt(p)).toEqual(out);
    expect(await adapter.lookupReceipt("R-UNID", "DE01")).toMatchObject({ customerAccount: null, amount: "150.00", unappliedAmount: "150.00" });
    expect((await getBcLedger(sim.url)).receipts).toEqual([expect.objectContaining({ customerAccount: "C-SUSP", applications: [] })]);
  });

  it("a closed period (Allow Posting From moved past it) refuses the posting; readPeriods shows it closed", async () => {
    const adapter = bcAdapterFor(sim);
    await setPeriod(sim.url, { entity: "DE01", start: "2026-11-01", open: false });
    const e = await permanent(adapter.postReceipt(posting()));
    expect(e.message).toMatch(/not within your range of allowed posting dates/);
    const periods = await adapter.readPeriods("DE01");
    expect(periods.find((p) => p.start === "2026-11-01")).toEqual({ name: "November 2026", start: "2026-11-01", end: "2026-11-30", open: false });
    expect(periods.find((p) => p.start === "2026-10-01")?.open).toBe(false); // before Allow Posting From
    expect(periods.find((p) => p.start === "2026-12-01")?.open).toBe(true);
    expect(await adapter.postReceipt(posting({ date: "2026-12-01" }))).toMatchObject({ applicationIds: [expect.any(String), expect.any(String)] });
  });

  it("reviseApplications: asking for what BC holds succeeds without writing (replays are idempotent); unapply/reapply: see revise.test.ts", async () => {
    const adapter = bcAdapterFor(sim);
    const { erpReceiptId } = await adapter.postReceipt(posting());
    const same = [{ type: "ON_ACCOUNT" as const, amount: "30.00" }, { type: "INVOICE" as const, invoiceNumber: "INV-1", amount: "100.00" }];
    const before = (await getBcLedger(sim.url)).counts;
    expect(await adapter.reviseApplications(erpReceiptId, "EUR", same, "rev-1")).toEqual({ erpReceiptId, applicationIds: [] });
    expect(await adapter.reviseApplications(erpReceiptId, "EUR", same, "rev-1")).toEqual({ erpReceiptId, applicationIds: [] });
    expect((await getBcLedger(sim.url)).counts).toEqual(before);
  });
});

describe("BC adapter: master data, invoices, connection", () => {
  it("ensureCustomerAccount creates a customer once; readCustomers pages with nextLink and reads incrementally", async () => {
    const adapter = bcAdapterFor(sim);
    await adapter.ensureCustomerAccount({ accountNumber: "C-300", name: "Northwind", entity: "DE01" });
    await adapter.ensureCustomerAccount({ accountNumber: "C-300", name: "Northwind", entity: "DE01" });
    const all: string[] = [];
    const stamps: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await adapter.readCustomers({ entity: "DE01", modifiedSince: null, cursor });
      all.push(...page.items.map((c) => c.accountNumber));
      stamps.push(...page.items.map((c) => c.lastModified!));
      cursor = page.cursor;
      pages++;
    } while (cursor);
    expect(all.sort()).toEqual(["C-100", "C-200", "C-300", "C-USD"]);
    expect(pages).toBe(2); // server-driven page size 3
    const last = stamps.sort().pop()!;
    await adapter.ensureCustomerAccount({ accountNumber: "C-400", name: "Adatum", entity: "DE01" });
    const changed = await adapter.readCustomers({ entity: "DE01", modifiedSince: last });
    expect(changed.items.map((c) => c.accountNumber)).toEqual(["C-400"]);
    expect(changed.items[0]).toMatchObject({ name: "Adatum", entity: "DE01", bankAccounts: [] });
  });

  it("readOpenReceivables: open invoices first, then what changed (paid or credited in BC) with its open amount", async () => {
    const adapter = bcAdapterFor(sim);
    const first = await adapter.readOpenReceivables({ entity: "DE01", modifiedSince: null });
    expect(first.items.map((i) => [i.invoiceNumber, i.amount, i.openAmount, i.currency, i.customerAccount, i.issueDate])).toEqual([
      ["INV-1", "100.00", "100.00", "EUR", "C-100", "2026-11-02"], ["INV-2", "40.00", "40.00", "EUR", "C-100", "2026-11-03"],
    ]);
    const since = first.items.map((i) => i.lastModified!).sort().pop()!;
    await settleInErp(sim.url, "INV-1", "pay");
    await settleInErp(sim.url, "INV-2", "credit", { amount: "15.00" });
    const changed = await adapter.readOpenReceivables({ entity: "DE01", modifiedSince: since });
    expect(changed.items.map((i) => [i.invoiceNumber, i.openAmount])).toEqual([["INV-1", "0"], ["INV-2", "25.00"]].map(([n, o]) => [n, o === "0" ? "0.00" : o]));
  });

  it("publishInvoice creates and posts a sales invoice once, answering BC's posted number", async () => {
    const adapter = bcAdapterFor(sim);
    const inv = { idempotencyKey: "pub-1", invoiceNumber: "BILL-77", customerAccount: "C-200", entity: "DE01", currency: "EUR", amount: "1234.56", issueDate: "2026-11-25", dueDate: "2026-12-25" };
    const out = await adapter.publishInvoice(inv);
    expect(out.erpDocumentNumber).toBe("103001");
    expect(await adapter.publishInvoice(inv)).toEqual(out);
    const de01 = (await getBcLedger(sim.url)).companies.find((c) => c.name === "DE01")!;
    expect(de01.invoices.filter((i) => i.externalDocumentNumber === "BILL-77")).toMatchObject([{ number: "103001", status: "Open", totalAmountIncludingTax: "1234.56", customerNumber: "C-200" }]);
    expect((await permanent(adapter.publishInvoice({ ...inv, invoiceNumber: "BILL-78", customerAccount: "C-404" }))).message).toMatch(/customerNumber.*does not match to a Customer/);
  });

  it("OData literals are quoted safely and a cursor pointing anywhere but this BC environment is refused (no token leaves)", async () => {
    const adapter = bcAdapterFor(sim);
    await adapter.ensureCustomerAccount({ accountNumber: "O'Brien and Co", name: "quote test", entity: "DE01" });
    await adapter.ensureCustomerAccount({ accountNumber: "O'Brien and Co", name: "quote test", entity: "DE01" });
    expect((await getBcLedger(sim.url)).companies[0]!.customers.filter((c) => c.number.startsWith("O'Brien"))).toHaveLength(1);
    expect(await adapter.lookupReceipt("R-1' or documentNumber ne 'x", "DE01")).toBeNull();
    let leaked = false;
    const spy: typeof fetch = async (input, init) => { if (!String(input).startsWith(sim.url)) leaked = true; return fetch(input, init); };
    const e = await permanent(bcAdapterFor(sim, { fetch: spy }).readCustomers({ entity: "DE01", modifiedSince: null, cursor: "https://evil.example/v2.0/x/production/api/v2.0/companies" }));
    expect(e.kind).toBe("bad_response");
    expect(leaked).toBe(false);
  });

  it("a receipt applied to an invoice Cashline published is applied to BC's posted number, and reads back with Cashline's", async () => {
    const adapter = bcAdapterFor(sim);
    const { erpDocumentNumber } = await adapter.publishInvoice({ idempotencyKey: "pub-9", invoiceNumber: "BILL-9", customerAccount: "C-100", entity: "DE01", currency: "EUR", amount: "70.00", issueDate: "2026-11-25", dueDate: null });
    const p = posting({ receiptNumber: "R-PUB", amount: "70.00", applications: [{ type: "INVOICE", invoiceNumber: "BILL-9", amount: "70.00" }] });
    const out = await adapter.postReceipt(p);
    const de01 = (await getBcLedger(sim.url)).companies.find((c) => c.name === "DE01")!;
    expect(de01.invoices.find((i) => i.number === erpDocumentNumber)).toMatchObject({ status: "Paid", externalDocumentNumber: "BILL-9" });
    expect((await adapter.getReceipt(out.erpReceiptId)).applications).toEqual([expect.objectContaining({ type: "INVOICE", invoiceNumber: "BILL-9", amount: "70.00" })]);
    expect(await adapter.postReceipt(p)).toEqual(out);
  });

  it("testConnection does the token handshake; a wrong secret is a permanent error naming the identity platform's code", async () => {
    expect(await bcAdapterFor(sim).testConnection()).toMatchObject({ ok: true, detail: expect.stringMatching(/DE01/) });
    const e = await permanent(bcAdapterFor(sim, { credentials: { clientSecret: "wrong" } }).testConnection());
    expect(e.message).toMatch(/invalid_client: AADSTS7000215/);
  });
});

describe("BC adapter: auth, limits, maintenance", () => {
  it("reuses its token, and after a 401 (token revoked or expired) fetches a new one once and carries on", async () => {
    const adapter = bcAdapterFor(sim);
    await adapter.testConnection();
    const before = tokenRequests;
    await adapter.testConnection();
    expect(tokenRequests).toBe(before); // cached
    await revokeTokens(sim.url);
    await adapter.testConnection();
    expect(tokenRequests).toBe(before + 1);
  });

  it("a token that expires is renewed before use", async () => {
    const short = await startBcSim({ tokenLifetimeSeconds: 1, companies: ["DE01"] });
    try {
      const adapter = bcAdapterFor(short);
      await adapter.testConnection();
      await new Promise((r) => setTimeout(r, 1100));
      expect(await adapter.testConnection()).toMatchObject({ ok: true });
    } finally {
      await short.close();
    }
  });

  it("BC's request limit: 429 with Retry-After is retryable and carries the wait", async () => {
    const limited = await startBcSim({ rateLimit: { requests: 3, windowSeconds: 5 }, companies: ["DE01"] });
    try {
      const adapter = bcAdapterFor(limited, { requestRetries: 0 });
      for (let i = 0; i < 3; i++) await adapter.testConnection();
      const e = await retryable(adapter.testConnection());
      expect(e.status).toBe(429);
      expect(e.errorCode).toBe("Application_TooManyRequests");
      expect(e.retryAfterMs).toBeGreaterThanOrEqual(1000);
    } finally {
      await limited.close();
    }
  });

  it("too many concurrent requests are refused with 429 (retryable)", async () => {
    const tight = await startBcSim({ concurrency: { max: 1, queue: 0 }, companies: ["DE01"] });
    try {
      await setFaults(tight.url, { latency_ms: 150 });
      const adapter = bcAdapterFor(tight, { requestRetries: 0 });
      const results = await Promise.allSettled([adapter.testConnection(), adapter.testConnection(), adapter.testConnection()]);
      const refused = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason as ErpRetryableError);
      expect(refused.length).toBeGreaterThan(0);
      expect(refused.every((e) => e instanceof ErpRetryableError && e.status === 429)).toBe(true);
    } finally {
      await tight.close();
    }
  });

  it("maintenance (503 + Retry-After) and injected rate limiting are retryable with the ERP's wait", async () => {
    const adapter = bcAdapterFor(sim, { requestRetries: 0 });
    await adapter.testConnection();
    await setFaults(sim.url, { maintenance_seconds: 30 });
    const m = await retryable(adapter.postReceipt(posting()));
    expect(m.status).toBe(503);
    expect(m.retryAfterMs).toBeGreaterThan(25_000);
    await setFaults(sim.url, { maintenance_seconds: 0, rate_limit_per_second: 1 });
    // three at once: at least two land in the same second, so at least one is refused
    const settled = await Promise.allSettled([adapter.testConnection(), adapter.testConnection(), adapter.testConnection()]);
    const r = settled.find((x) => x.status === "rejected") as PromiseRejectedResult | undefined;
    expect(r?.reason).toBeInstanceOf(ErpRetryableError);
    expect([r!.reason.status, r!.reason.retryAfterMs]).toEqual([429, 1000]);
    expect((await getBcLedger(sim.url)).receipts).toHaveLength(0);
  });
});
