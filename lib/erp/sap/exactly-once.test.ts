// Exactly once against the SAP simulator: postings and re-applications retried through 5xx, answers lost after
// commit, timeouts and plain repeats leave one payment document per receipt, with exactly its applications, and
// one clearing per invoice application. The simulator's ledger is the judge.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SapSim } from "../../erp-sim/sap/index.ts";
import { getSapLedger, seedSapCustomers, seedSapInvoices } from "../../erp-sim/sap/sim-control.ts";
import { resetSim, setFaults } from "../../erp-sim/sim-control.ts";
import { CircuitBreaker } from "../circuit-breaker.ts";
import { withErpRetries } from "../retry.ts";
import type { ErpPosting } from "../posting.ts";
import { sapAdapter } from "./test-fixture.ts";
import { startSapSim } from "../../erp-sim/sap/index.ts";

const N = 40;
let sim: SapSim;
beforeAll(async () => { sim = await startSapSim({ rateLimitPerSecond: null, seed: 7 }); });
afterAll(async () => { await sim?.close(); });
beforeEach(async () => {
  await resetSim(sim.url, 7);
  await setFaults(sim.url, { rate_limit_per_second: null });
  await seedSapCustomers(sim.url, [{ customer: "C1", name: "Acme", companyCodes: ["DE01"] }]);
  await seedSapInvoices(sim.url, Array.from({ length: N }, (_, i) => ({ invoiceNumber: `INV-${i}`, customer: "C1", companyCode: "DE01", currency: "EUR", amount: "100.00", issueDate: "2026-03-01" })));
});

/** Posting n: an invoice (partly or fully paid), sometimes on-account and write-off items too. */
function posting(n: number): ErpPosting {
  const apps: ErpPosting["applications"] = [{ type: "INVOICE", invoiceNumber: `INV-${n}`, amount: n % 2 ? "100.00" : "60.00" }];
  if (n % 3 === 1) apps.push({ type: "ON_ACCOUNT", amount: "20.00" });
  if (n % 3 === 2) apps.push({ type: "WRITE_OFF", amount: "1.50", writeOffReason: "fee" });
  return { idempotencyKey: `key-${n}`, receiptNumber: `R-${n}`, date: "2026-03-02", amount: "150.00", currency: "EUR", entity: "DE01", bankAccount: "DE-OPER-1", customerAccount: "C1", applications: apps };
}

const retry = <T,>(call: () => Promise<T>) => withErpRetries(call, { maxAttempts: 200, baseDelayMs: 1, maxDelayMs: 5 });

async function expectExactlyOnce(postings: ErpPosting[], results: Map<string, { erpReceiptId: string; applicationIds: string[] }>) {
  const ledger = await getSapLedger(sim.url);
  expect(ledger.counts.receipts).toBe(postings.length);
  for (const p of postings) {
    const booked = ledger.receipts.filter((r) => r.receiptNumber === p.receiptNumber);
    expect(booked).toHaveLength(1);
    expect(booked[0]!.applications.map((a) => [a.type, a.invoiceNumber, a.amount])).toEqual(p.applications.map((a) => [a.type, a.invoiceNumber ?? null, a.amount]));
    expect(results.get(p.receiptNumber)).toEqual({ erpReceiptId: booked[0]!.id, applicationIds: booked[0]!.applications.map((a) => a.id) });
  }
  // One clearing per invoice application, and each invoice's open amount is what the posting left.
  expect(ledger.clearingMessages.filter((m) => m.status === "processed")).toHaveLength(postings.length);
  const open = await sapAdapter(sim.url).readOpenReceivables({ entity: "DE01", modifiedSince: "2000-01-01T00:00:00Z" });
  for (const p of postings) expect(open.items.find((i) => i.invoiceNumber === p.applications[0]!.invoiceNumber)?.openAmount).toBe(p.applications[0]!.amount === "100.00" ? "0.00" : "40.00");
  return ledger;
}

describe("SAP exactly-once", () => {
  it(`${N} postings under error_ratio 0.3 and drop_after_commit_ratio 0.3, retried until success`, async () => {
    await setFaults(sim.url, { error_ratio: 0.3, drop_after_commit_ratio: 0.3 });
    const adapter = sapAdapter(sim.url, { breaker: new CircuitBreaker({ failureThreshold: 5, coolDownMs: 5, probeTimeoutMs: 1000 }) });
    const postings = Array.from({ length: N }, (_, n) => posting(n));
    const results = new Map<string, { erpReceiptId: string; applicationIds: string[] }>();
    const queue = [...postings];
    await Promise.all(Array.from({ length: 8 }, async () => {
      for (let p = queue.shift(); p; p = queue.shift()) { const q = p; results.set(q.receiptNumber, await retry(() => adapter.postReceipt(q))); }
    }));
    await setFaults(sim.url, {});
    const ledger = await expectExactlyOnce(postings, results);
    // The 8 side-by-side posters share bulk requests (bulk-calls.ts): ~50 requests for 40 postings through the
    // faults, where each posting sent its ~7 calls one by one before. A dropped bulk post leaves all its entries in doubt.
    expect(ledger.faultStats.errors).toBeGreaterThanOrEqual(5);
    expect(ledger.faultStats.dropped_after_commit).toBeGreaterThanOrEqual(1);
    expect(ledger.requests.erp).toBeLessThan(N * 3);
  });

  it("a bulk post whose answer is lost: all twelve entries in it were booked, and their retries find them instead of posting again", async () => {
    const postings = Array.from({ length: 12 }, (_, n) => posting(n));
    await setFaults(sim.url, { drop_after_commit_ratio: 1 });
    const adapter = sapAdapter(sim.url, { requestRetries: 0 });
    const first = await Promise.allSettled(postings.map((p) => adapter.postReceipt(p)));
    expect(first.every((o) => o.status === "rejected" && /SAP may have booked/.test(String((o.reason as Error).message)))).toBe(true);
    const afterDrop = await getSapLedger(sim.url);
    expect(afterDrop.receipts).toHaveLength(12); // one JournalEntryBulkCreateRequest booked them all
    expect(afterDrop.faultStats.dropped_after_commit).toBe(1);
    await setFaults(sim.url, {});
    const results = new Map<string, { erpReceiptId: string; applicationIds: string[] }>();
    await Promise.all(postings.map(async (p) => results.set(p.receiptNumber, await adapter.postReceipt(p))));
    await expectExactlyOnce(postings, results);
  });

  it("a timeout after SAP committed (latency past timeoutMs), then repeats of the same posting, book once", async () => {
    const postings = [posting(1), posting(2)];
    const results = new Map<string, { erpReceiptId: string; applicationIds: string[] }>();
    await setFaults(sim.url, { latency_ms: 250 });
    const slow = sapAdapter(sim.url, { timeoutMs: 150, requestRetries: 0 });
    for (const p of postings) await slow.postReceipt(p).catch((e: Error) => expect(e.message).toMatch(/no answer from SAP/));
    await new Promise((r) => setTimeout(r, 400)); // the simulator books what the client gave up on
    await setFaults(sim.url, {});
    const adapter = sapAdapter(sim.url);
    for (const p of postings) for (let i = 0; i < 3; i++) results.set(p.receiptNumber, await adapter.postReceipt(p));
    await expectExactlyOnce(postings, results);
  });

  it("re-applications retried through lost answers and errors leave one adjustment per receipt", async () => {
    const adapter = sapAdapter(sim.url);
    const postings = Array.from({ length: 10 }, (_, n) => posting(n));
    const posted = await Promise.all(postings.map((p) => adapter.postReceipt(p)));
    await setFaults(sim.url, { error_ratio: 0.25, drop_after_commit_ratio: 0.4 });
    // Unapply everything but a 50.00 on-account item, then (same target) once more.
    for (const [i, r] of posted.entries()) {
      const target = [{ type: "ON_ACCOUNT" as const, amount: "50.00" }];
      await retry(() => adapter.reviseApplications(r.erpReceiptId, "EUR", target, `rev-${i}`));
      await retry(() => adapter.reviseApplications(r.erpReceiptId, "EUR", target, `rev-${i}`));
    }
    await setFaults(sim.url, {});
    const ledger = await getSapLedger(sim.url);
    expect(ledger.journalEntries.filter((d) => d.documentType === "AB" && d.headerText === "CL:ADJ")).toHaveLength(10);
    for (const r of ledger.receipts) expect(r.applications.filter((a) => !a.reversed).map((a) => [a.type, a.amount])).toEqual([["ON_ACCOUNT", "50.00"]]);
    const open = await adapter.readOpenReceivables({ entity: "DE01", modifiedSince: null });
    for (let n = 0; n < 10; n++) expect(open.items.find((i) => i.invoiceNumber === `INV-${n}`)?.openAmount).toBe("100.00");
  });

  it("invoice publication and customer creation, retried through lost answers and errors, happen once", async () => {
    const adapter = sapAdapter(sim.url);
    await setFaults(sim.url, { error_ratio: 0.25, drop_after_commit_ratio: 0.5 });
    const numbers: string[] = [];
    for (let n = 0; n < 10; n++) {
      await retry(() => adapter.ensureCustomerAccount({ accountNumber: `N${n}`, name: `New ${n}`, entity: "DE01" }));
      const inv = { idempotencyKey: `pub-${n}`, invoiceNumber: `PUB-${n}`, customerAccount: `N${n}`, entity: "DE01", currency: "EUR", amount: "12.34", issueDate: "2026-03-03", dueDate: null };
      numbers.push((await retry(() => adapter.publishInvoice(inv))).erpDocumentNumber);
      expect((await retry(() => adapter.publishInvoice(inv))).erpDocumentNumber).toBe(numbers.at(-1));
    }
    await setFaults(sim.url, {});
    const ledger = await getSapLedger(sim.url);
    expect(ledger.faultStats.dropped_after_commit).toBeGreaterThan(3);
    expect(ledger.businessPartners.filter((p) => p.BusinessPartner.startsWith("N"))).toHaveLength(10);
    const published = ledger.journalEntries.filter((d) => d.documentType === "DR" && d.referenceId?.startsWith("PUB-"));
    expect(published.map((d) => d.accountingDocument).sort()).toEqual([...numbers].sort());
  });
});
