// The NetSuite adapter over HTTP against its simulator: every method's happy path, the simulator's documented errors
// as the adapter maps them, both authentication modes with expiry and refresh, concurrency governance, rate limit
// and maintenance.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { netsuiteFaults, netsuiteLedger, resetNetsuite, seedCustomers, setPeriods, settleInErp } from "../../erp-sim/netsuite/sim-control.ts";
import { ErpCircuitOpenError, ErpPermanentError, ErpRetryableError } from "../errors.ts";
import { CircuitBreaker } from "../circuit-breaker.ts";
import type { ErpPosting } from "../posting.ts";
import { createErpAdapter } from "../adapters.ts";
import { createNetsuiteAdapter, NETSUITE_CAPABILITIES } from "./adapter.ts";
import { startWorld } from "./test-world.ts";
import { createPacer } from "../../posting/erp-pacer.ts";

let world: Awaited<ReturnType<typeof startWorld>>;
const tokenCalls: number[] = [];
beforeAll(async () => {
  world = await startWorld({ log: (e) => { if (e.path.endsWith("/oauth2/v1/token")) tokenCalls.push(Date.now()); } });
});
afterAll(async () => { await world?.sim.close(); });
beforeEach(async () => {
  await resetNetsuite(world.sim.url);
  await world.seed();
  tokenCalls.length = 0;
});

const posting = (over: Partial<ErpPosting> = {}): ErpPosting => ({
  idempotencyKey: "rcpt:R-1", receiptNumber: "R-1", date: "2026-03-05", amount: "400.00", currency: "EUR", entity: "DE01",
  bankAccount: "DE-OPER-1", customerAccount: "C-100",
  applications: [
    { type: "INVOICE", invoiceNumber: "INV-1", amount: "100" },
    { type: "INVOICE", invoiceNumber: "INV-2", amount: "250.50" },
    { type: "WRITE_OFF", amount: "0.50", writeOffReason: "bank fee" },
    { type: "ON_ACCOUNT", amount: "49" },
  ],
  ...over,
});

const expectError = async (p: Promise<unknown>, type: abstract new (...args: never[]) => Error, match: Partial<{ status: number; errorCode: string; kind: string }>, text?: RegExp) => {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(type);
  expect(e).toMatchObject(match);
  if (text) expect((e as Error).message).toMatch(text);
  return e as ErpPermanentError | ErpRetryableError;
};

describe("NetSuite adapter: the methods", () => {
  it("is registered and declares its capabilities", () => {
    const a = createErpAdapter(world.m2m());
    expect(a.kind).toBe("netsuite");
    expect(NETSUITE_CAPABILITIES).toMatchObject({ idempotencyMechanism: "externalId", paymentAndApplicationsInOneCall: true, rateLimit: { concurrentRequests: 15 } });
    expect(createNetsuiteAdapter(world.m2m({}, { concurrencyLimit: "4" })).capabilities.rateLimit).toEqual({ concurrentRequests: 4 });
  });

  it("tests the connection with the M2M handshake and with TBA", async () => {
    expect(await createNetsuiteAdapter(world.m2m()).testConnection()).toMatchObject({ ok: true, detail: expect.stringContaining("OAuth 2.0 M2M") });
    expect(await createNetsuiteAdapter(world.tba()).testConnection()).toMatchObject({ ok: true, detail: expect.stringContaining("token-based") });
    expect(tokenCalls).toHaveLength(1); // TBA needs no token
  });

  it("posts a payment with its apply sublist in one upsert, reads it back, looks it up by number", async () => {
    const a = createNetsuiteAdapter(world.m2m());
    const result = await a.postReceipt(posting());
    const ledger = await netsuiteLedger(world.sim.url);
    expect(ledger.receipts).toHaveLength(1);
    const r = ledger.receipts[0]!;
    expect(r).toMatchObject({ id: result.erpReceiptId, receiptNumber: "R-1", entity: "DE01", currency: "EUR", amount: "400.00", customerAccount: "C-100", date: "2026-03-05", externalId: "cl_" + r.externalId!.slice(3) });
    expect(r.applications.map((x) => [x.type, x.invoiceNumber, x.amount, x.reversed])).toEqual([
      ["INVOICE", "INV-1", "100.00", false], ["INVOICE", "INV-2", "250.50", false], ["WRITE_OFF", null, "0.50", false], ["ON_ACCOUNT", null, "49.00", false],
    ]);
    expect(ledger.invoices.find((i) => i.tranId === "INV-2")?.amountRemaining).toBe(0);
    expect(result.applicationIds).toHaveLength(4);

    const got = await a.getReceipt(result.erpReceiptId);
    expect(got).toMatchObject({ id: result.erpReceiptId, receiptNumber: "R-1", amount: "400.00", currency: "EUR", entity: "DE01", bankAccount: "DE-OPER-1", customerAccount: "C-100", unappliedAmount: "49.50" });
    expect(got.applications!.map((x) => [x.id, x.type, x.invoiceNumber, x.amount, x.writeOffReason])).toEqual([
      [result.applicationIds[0], "INVOICE", "INV-1", "100.00", null], [result.applicationIds[1], "INVOICE", "INV-2", "250.50", null],
      [result.applicationIds[2], "WRITE_OFF", null, "0.50", "bank fee"], [result.applicationIds[3], "ON_ACCOUNT", null, "49.00", null],
    ]);
    expect(await a.lookupReceipt("R-1", "DE01")).toMatchObject({ id: result.erpReceiptId });
    expect(await a.lookupReceipt("R-1", "FR01")).toBeNull();
    expect(await a.lookupReceipt("R-404")).toBeNull();
    // Our numbers are SuiteQL literals, never SQL: unescaped, this one would become `tranid = 'R-1' AND type = 'CustPymt'` and find R-1.
    expect(await a.lookupReceipt("R-1' AND type = 'CustPymt")).toBeNull();
  });

  it("unapplies and reapplies through a PATCH of the apply sublist, idempotently", async () => {
    const a = createNetsuiteAdapter(world.tba());
    const { erpReceiptId } = await a.postReceipt(posting());
    const target = [{ type: "INVOICE" as const, invoiceNumber: "INV-1", amount: "60.00" }, { type: "ON_ACCOUNT" as const, amount: "340" }];
    const first = await a.reviseApplications(erpReceiptId, "EUR", target, "rev-1");
    expect(first.applicationIds).toEqual([`${erpReceiptId}-apply-${(await netsuiteLedger(world.sim.url)).invoices.find((i) => i.tranId === "INV-1")!.id}`, `${erpReceiptId}-alloc-0`]);
    const again = await a.reviseApplications(erpReceiptId, "EUR", target, "rev-1");
    expect(again.applicationIds).toEqual([]);
    const ledger = await netsuiteLedger(world.sim.url);
    const apps = ledger.receipts[0]!.applications.map((x) => [x.type, x.invoiceNumber, x.amount, x.reversed]);
    expect(apps).toEqual([
      ["INVOICE", "INV-1", "100.00", true], ["INVOICE", "INV-2", "250.50", true], ["WRITE_OFF", null, "0.50", true], ["ON_ACCOUNT", null, "49.00", true],
      ["INVOICE", "INV-1", "60.00", false], ["ON_ACCOUNT", null, "340.00", false],
    ]);
    expect(ledger.invoices.find((i) => i.tranId === "INV-2")?.amountRemaining).toBe(250.5);
    expect((await a.getReceipt(erpReceiptId)).applications!.map((x) => [x.type, x.amount])).toEqual([["INVOICE", "60.00"], ["ON_ACCOUNT", "340.00"]]);
  });

  it("ensures customer accounts once and reads customers incrementally, paged", async () => {
    const a = createNetsuiteAdapter(world.m2m({}, { pageSize: "2" }));
    await a.ensureCustomerAccount({ accountNumber: "C-300", name: "Initech", entity: "DE01" });
    await a.ensureCustomerAccount({ accountNumber: "C-300", name: "Initech", entity: "DE01" });
    await a.ensureCustomerAccount({ accountNumber: "C-100", name: "Acme GmbH", entity: "DE01" });
    expect((await netsuiteLedger(world.sim.url)).customers.map((c) => c.entityId)).toEqual(["C-100", "C-200", "C-300"]);

    const first = await a.readCustomers({ entity: "DE01", modifiedSince: null });
    expect(first.items.map((c) => c.accountNumber)).toEqual(["C-100", "C-200"]);
    expect(first.items[0]).toMatchObject({ name: "Acme GmbH", entity: "DE01", bankAccounts: ["DE89370400440532013000"], parentAccountNumber: null });
    const second = await a.readCustomers({ entity: "DE01", modifiedSince: null, cursor: first.cursor });
    expect(second.items.map((c) => c.accountNumber)).toEqual(["C-300"]);
    expect(second.cursor).toBeNull();
    const since = await a.readCustomers({ entity: "DE01", modifiedSince: second.items[0]!.lastModified });
    expect(since.items.map((c) => c.accountNumber)).toEqual(["C-300"]);
    expect((await a.readCustomers({ entity: "FR01", modifiedSince: null })).items).toEqual([]);
  });

  it("reads open receivables, then sees invoices paid or credited directly in NetSuite", async () => {
    const a = createNetsuiteAdapter(world.m2m());
    const open = await a.readOpenReceivables({ entity: "DE01", modifiedSince: null });
    expect(open.items.map((i) => [i.invoiceNumber, i.customerAccount, i.amount, i.openAmount, i.dueDate])).toEqual([
      ["INV-1", "C-100", "100.00", "100.00", "2026-03-31"], ["INV-2", "C-100", "250.50", "250.50", null], ["INV-3", "C-200", "80.00", "80.00", null],
    ]);
    const watermark = open.items.at(-1)!.lastModified!;
    await settleInErp(world.sim.url, "INV-1", "pay");
    await settleInErp(world.sim.url, "INV-3", "credit", "30");
    const changed = await a.readOpenReceivables({ entity: "DE01", modifiedSince: watermark });
    expect(changed.items.map((i) => [i.invoiceNumber, i.openAmount])).toEqual([["INV-1", "0.00"], ["INV-3", "50.00"]]);
    const reopened = await a.readOpenReceivables({ entity: "DE01", modifiedSince: null });
    expect(reopened.items.map((i) => i.invoiceNumber)).toEqual(["INV-2", "INV-3"]);
  });

  it("publishes an invoice exactly once and returns NetSuite's document number", async () => {
    const a = createNetsuiteAdapter(world.m2m());
    const inv = { idempotencyKey: "bill:evt-9", invoiceNumber: "INV-9", customerAccount: "C-200", entity: "DE01", currency: "EUR", amount: "19.90", issueDate: "2026-03-04", dueDate: "2026-04-03", description: "March subscription" };
    const one = await a.publishInvoice(inv);
    const two = await a.publishInvoice(inv);
    expect(two).toEqual(one);
    expect(one.erpDocumentNumber).toBe("INV-9");
    const ledger = await netsuiteLedger(world.sim.url);
    expect(ledger.invoices.filter((i) => i.tranId === "INV-9")).toEqual([expect.objectContaining({ id: one.erpDocumentId, total: 19.9, amountRemaining: 19.9 })]);
    await expectError(a.publishInvoice({ ...inv, idempotencyKey: "bill:evt-10" }), ErpPermanentError, { status: 400, errorCode: "DUP_RCRD" });
  });

  it("reads accounting periods and refuses postings into a closed or A/R-locked one", async () => {
    await setPeriods(world.sim.url, [
      { name: "Feb 2026", start: "2026-02-01", end: "2026-02-28", closed: true },
      { name: "Mar 2026", start: "2026-03-01", end: "2026-03-31", arLocked: true },
      { name: "Apr 2026", start: "2026-04-01", end: "2026-04-30" },
    ]);
    const a = createNetsuiteAdapter(world.m2m());
    expect(await a.readPeriods("DE01")).toEqual([
      { name: "Feb 2026", start: "2026-02-01", end: "2026-02-28", open: false },
      { name: "Mar 2026", start: "2026-03-01", end: "2026-03-31", open: false },
      { name: "Apr 2026", start: "2026-04-01", end: "2026-04-30", open: true },
    ]);
    await expectError(a.postReceipt(posting()), ErpPermanentError, { status: 400, errorCode: "USER_ERROR" }, /Mar 2026 is locked for Accounts Receivable/);
    await expectError(a.postReceipt(posting({ date: "2026-02-10" })), ErpPermanentError, { status: 400, errorCode: "USER_ERROR" }, /Feb 2026 is closed/);
    expect((await a.postReceipt(posting({ date: "2026-04-02" }))).erpReceiptId).toMatch(/^\d+$/);
  });
});

describe("NetSuite adapter: errors", () => {
  it("maps NetSuite's refusals to permanent errors with the vendor code and message", async () => {
    const a = createNetsuiteAdapter(world.m2m());
    await expectError(a.postReceipt(posting({ applications: [{ type: "INVOICE", invoiceNumber: "INV-1", amount: "150" }] })), ErpPermanentError, { status: 400, errorCode: "INVALID_VALUE" }, /exceeds its amount due \(100\.00 EUR\)/);
    await expectError(a.postReceipt(posting({ applications: [{ type: "INVOICE", invoiceNumber: "INV-3", amount: "10" }] })), ErpPermanentError, { status: 400, errorCode: "INVALID_VALUE" }, /does not belong to customer C-100/);
    await expectError(a.postReceipt(posting({ customerAccount: "C-999" })), ErpPermanentError, { kind: "invalid_posting" }, /customer C-999 does not exist/);
    await expectError(a.postReceipt(posting({ applications: [{ type: "INVOICE", invoiceNumber: "INV-404", amount: "1" }] })), ErpPermanentError, { kind: "invalid_posting" }, /INV-404/);
    await expectError(a.postReceipt(posting({ customerAccount: null })), ErpPermanentError, { kind: "invalid_posting" }, /needs a customer/);
    await expectError(a.postReceipt(posting({ entity: "FR01", applications: [] })), ErpPermanentError, { status: 400, errorCode: "INVALID_VALUE" }, /belongs to subsidiary DE01, not FR01/);
    await expectError(a.postReceipt(posting({ currency: "USD", applications: [{ type: "INVOICE", invoiceNumber: "INV-1", amount: "10" }] })), ErpPermanentError, { status: 400, errorCode: "INVALID_VALUE" }, /INV-1 is in EUR/);
    await expectError(a.getReceipt("999999"), ErpPermanentError, { status: 404, errorCode: "NONEXISTENT_ID" });
    expect((await netsuiteLedger(world.sim.url)).counts.receipts).toBe(0);
  });

  it("refuses bad credentials: a foreign private key (M2M) and a wrong token secret (TBA)", async () => {
    const { generateKeyPairSync } = await import("node:crypto");
    const foreign = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    await expectError(createNetsuiteAdapter(world.m2m({}, { privateKey: foreign })).testConnection(), ErpPermanentError, { status: 401, errorCode: "invalid_client" });
    await expectError(createNetsuiteAdapter(world.tba({}, { tokenSecret: "nope" })).testConnection(), ErpPermanentError, { status: 401, errorCode: "INVALID_LOGIN" }, /oauth_signature does not verify/);
    await expectError(createNetsuiteAdapter(world.tba({}, { accountId: "OTHER" })).testConnection(), ErpPermanentError, { status: 401, errorCode: "INVALID_LOGIN" }, /realm/);
  });

  it("signs with RS256 as well as PS256", async () => {
    expect(await createNetsuiteAdapter(world.m2m({}, { algorithm: "RS256" })).testConnection()).toMatchObject({ ok: true });
  });
});

describe("NetSuite adapter: tokens, limits, maintenance", () => {
  it("refreshes an expired access token before use, and a revoked one after its 401, once", async () => {
    const short = await startWorld({ tokenLifetimeSeconds: 1, log: (e) => { if (e.path.endsWith("/token")) calls.push(e.status); } });
    const calls: (number | string)[] = [];
    try {
      await short.seed();
      const a = createNetsuiteAdapter(short.m2m());
      await a.testConnection();
      await new Promise((r) => setTimeout(r, 1_100));
      await a.testConnection(); // lifetime over: a fresh token first
      expect(calls).toEqual([200, 200]);
      await resetNetsuite(short.sim.url); // the simulator forgets every token it issued: the next call gets 401
      await a.testConnection();
      expect(calls).toEqual([200, 200, 200]);
    } finally {
      await short.sim.close();
    }
  });

  it("stays within the account's concurrency limit; beyond it NetSuite refuses with 429 CONCURRENCY_LIMIT_EXCEEDED (retryable)", async () => {
    const narrow = await startWorld({ concurrencyLimit: 2 });
    try {
      await narrow.seed();
      await netsuiteFaults(narrow.sim.url, { latency_ms: 300 });
      const paced = createNetsuiteAdapter(narrow.m2m({}, { concurrencyLimit: "2" }));
      await Promise.all(Array.from({ length: 6 }, () => paced.readPeriods("DE01")));
      expect((await netsuiteLedger(narrow.sim.url)).concurrency).toEqual({ limit: 2, refused: 0 });

      const greedy = createNetsuiteAdapter(narrow.m2m({ requestRetries: 0, baseUrl: narrow.sim.url + "/" }, { concurrencyLimit: "8" }));
      await greedy.testConnection();
      const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => greedy.readPeriods("DE01")));
      const refused = outcomes.filter((o) => o.status === "rejected").map((o) => (o as PromiseRejectedResult).reason);
      expect(refused.length).toBeGreaterThanOrEqual(1); // how many depends on arrival timing; at most 2 get through at once
      for (const e of refused) expect(e).toMatchObject({ retryable: true, status: 429, errorCode: "CONCURRENCY_LIMIT_EXCEEDED" });
    } finally {
      await narrow.sim.close();
    }
  });

  it("a fresh adapter behind the pipeline's concurrency pacer: more callers than slots, no token yet — all answered, one token", async () => {
    // As buildEntityErp wires it: every request, the token's too, through a pacer with the account's slots. The
    // token used to be fetched from inside a request's slot, so with every slot taken nothing ever moved.
    const pacer = createPacer({ concurrentRequests: 2 });
    const breaker = new CircuitBreaker();
    const a = createNetsuiteAdapter(world.m2m({ breaker: { run: (call) => pacer.run(() => breaker.run(call)) } }, { concurrencyLimit: "2" }));
    const reads = Promise.all(Array.from({ length: 6 }, () => a.readPeriods("DE01")));
    const stuck = new Promise((_, reject) => setTimeout(() => reject(new Error("deadlocked: 6 reads not answered in 10 s")), 10_000));
    expect(await Promise.race([reads, stuck])).toEqual(Array.from({ length: 6 }, () => []));
    expect(tokenCalls).toHaveLength(1);
  });

  it("rate limit and maintenance are retryable with NetSuite's Retry-After", async () => {
    const a = createNetsuiteAdapter(world.m2m({ requestRetries: 0 }));
    await a.testConnection();
    await netsuiteFaults(world.sim.url, { rate_limit_per_second: 1 });
    const results = await Promise.allSettled([a.readPeriods("DE01"), a.readPeriods("DE01"), a.readPeriods("DE01")]);
    const limited = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    for (const e of limited) expect(e).toMatchObject({ retryable: true, status: 429, errorCode: "REQUEST_LIMIT_EXCEEDED", retryAfterMs: 1000 });
    await netsuiteFaults(world.sim.url, { rate_limit_per_second: null, maintenance_seconds: 30 });
    const m = await expectError(a.readPeriods("DE01"), ErpRetryableError, { status: 503, errorCode: "SERVICE_UNAVAILABLE" });
    expect((m as ErpRetryableError).retryAfterMs).toBe(30_000);
    await netsuiteFaults(world.sim.url, {});
    expect(await a.readPeriods("DE01")).toEqual([]);
  });

  it("sends every request, the token's included, through the circuit breaker, which opens on a NetSuite outage", async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 3, failureRatio: 0.5, coolDownMs: 60_000 });
    const a = createNetsuiteAdapter(world.m2m({ breaker, requestRetries: 0 }));
    await a.testConnection();
    await netsuiteFaults(world.sim.url, { maintenance_seconds: 30 });
    for (let i = 0; i < 3; i++) await expectError(a.readPeriods("DE01"), ErpRetryableError, { status: 503 });
    const before = (await netsuiteLedger(world.sim.url)).requests.erp;
    await expectError(a.readPeriods("DE01"), ErpCircuitOpenError, { kind: "circuit_open" });
    expect((await netsuiteLedger(world.sim.url)).requests.erp).toBe(before); // failed fast, NetSuite not asked
    await netsuiteFaults(world.sim.url, {});
  });
});

describe("NetSuite adapter: incremental reads", () => {
  it("keyset paging misses no customer that changes while the pages are read (offset paging would skip one)", async () => {
    await seedCustomers(world.sim.url, [{ accountNumber: "C-300", name: "Three", entity: "DE01" }, { accountNumber: "C-400", name: "Four", entity: "DE01" }]);
    const a = createNetsuiteAdapter(world.m2m({}, { pageSize: "2" }));
    const seen: string[] = [];
    let page = await a.readCustomers({ entity: "DE01", modifiedSince: null });
    seen.push(...page.items.map((c) => c.accountNumber));
    // C-100, read on page one, changes now: it moves to the end of the lastmodifieddate order.
    await seedCustomers(world.sim.url, [{ accountNumber: "C-100", name: "Acme GmbH (renamed)", entity: "DE01" }]);
    while (page.cursor) {
      page = await a.readCustomers({ entity: "DE01", modifiedSince: null, cursor: page.cursor });
      seen.push(...page.items.map((c) => `${c.accountNumber}${c.name.includes("renamed") ? "*" : ""}`));
    }
    expect(seen).toEqual(["C-100", "C-200", "C-300", "C-400", "C-100*"]);
  });
});
