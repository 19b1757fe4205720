// Exactly once against the NetSuite simulator: whatever fails (5xx, the answer lost after NetSuite committed, a
// timeout, the same posting sent again or concurrently), the ledger holds one customerPayment per posting with
// exactly its applications; unapply/reapply converges to the target without extra reversals.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { netsuiteFaults, netsuiteLedger, resetNetsuite, seedCustomers, seedInvoices, type NetsuiteLedger } from "../../erp-sim/netsuite/sim-control.ts";
import { fromMinor } from "../../money/money.ts";
import { ErpRetryableError } from "../errors.ts";
import type { ErpPosting } from "../posting.ts";
import { withErpRetries } from "../retry.ts";
import { createNetsuiteAdapter } from "./adapter.ts";
import { startWorld } from "./test-world.ts";

let world: Awaited<ReturnType<typeof startWorld>>;
beforeAll(async () => { world = await startWorld({ seed: 7 }); });
afterAll(async () => { await world?.sim.close(); });
beforeEach(async () => {
  await resetNetsuite(world.sim.url, 7);
  await seedCustomers(world.sim.url, [{ accountNumber: "C-1", name: "One", entity: "US01" }, { accountNumber: "C-2", name: "Two", entity: "US01" }]);
  await seedInvoices(world.sim.url, Array.from({ length: 30 }, (_, n) => ({
    invoiceNumber: `INV-${n}`, customerAccount: `C-${(n % 2) + 1}`, currency: "USD", amount: fromMinor(50_000n + BigInt(n) * 101n, "USD"), issueDate: "2026-03-01",
  })));
});

/** Posting n: one invoice application, and for some an on-account or write-off remainder. */
function posting(n: number): ErpPosting {
  const total = 60_000n + BigInt(n) * 101n;
  const invoice = 50_000n + BigInt(n) * 101n;
  const extra = (["ON_ACCOUNT", "WRITE_OFF", null] as const)[n % 3];
  return {
    idempotencyKey: `posting:${n}`, receiptNumber: `R-${n}`, date: "2026-03-05", amount: fromMinor(total, "USD"), currency: "USD", entity: "US01",
    bankAccount: "US-OPER-1", customerAccount: `C-${(n % 2) + 1}`,
    applications: [
      { type: "INVOICE", invoiceNumber: `INV-${n}`, amount: fromMinor(invoice, "USD") },
      ...(extra ? [{ type: extra, amount: fromMinor(total - invoice, "USD"), ...(extra === "WRITE_OFF" ? { writeOffReason: "short pay" } : {}) }] : []),
    ],
  };
}

async function postAll(postings: ErpPosting[], concurrency: number, timeoutMs = 2_000) {
  const adapter = createNetsuiteAdapter(world.m2m({ timeoutMs }, { concurrencyLimit: "6" }));
  const queue = [...postings];
  const results = new Map<string, { erpReceiptId: string; applicationIds: string[] }>();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let p = queue.shift(); p; p = queue.shift()) {
      const one = p;
      results.set(one.receiptNumber, await withErpRetries(() => adapter.postReceipt(one), { maxAttempts: 300, baseDelayMs: 1, maxDelayMs: 5 }));
    }
  }));
  return results;
}

function expectExactlyOnce(ledger: NetsuiteLedger, postings: ErpPosting[], results?: Map<string, { erpReceiptId: string }>) {
  expect(ledger.counts.receipts).toBe(postings.length);
  expect(ledger.counts.reversedApplications).toBe(0);
  for (const p of postings) {
    const booked = ledger.receipts.filter((r) => r.receiptNumber === p.receiptNumber);
    expect(booked).toHaveLength(1);
    expect(booked[0]!.amount).toBe(p.amount);
    expect(booked[0]!.applications.map((a) => [a.type, a.invoiceNumber, a.amount])).toEqual(p.applications.map((a) => [a.type, a.invoiceNumber ?? null, a.amount]));
    if (results) expect(results.get(p.receiptNumber)?.erpReceiptId).toBe(booked[0]!.id);
  }
}

describe("NetSuite exactly once", () => {
  it("under 5xx and answers dropped after commit, with concurrent posters", async () => {
    await netsuiteFaults(world.sim.url, { error_ratio: 0.2, drop_after_commit_ratio: 0.4 });
    const postings = Array.from({ length: 24 }, (_, n) => posting(n));
    const results = await postAll(postings, 6);
    const ledger = await netsuiteLedger(world.sim.url);
    expect(ledger.faultStats.dropped_after_commit).toBeGreaterThan(3);
    expect(ledger.faultStats.errors).toBeGreaterThan(3);
    expectExactlyOnce(ledger, postings, results);
  });

  it("after a timeout that NetSuite still committed, and on replays, sequential and concurrent", async () => {
    const adapter = createNetsuiteAdapter(world.m2m({ timeoutMs: 150, requestRetries: 0 }));
    await adapter.readCustomers({ entity: "US01", modifiedSince: null }); // internal ids known: the upsert is the first request
    await adapter.readOpenReceivables({ entity: "US01", modifiedSince: null });
    await netsuiteFaults(world.sim.url, { latency_ms: 400 });
    const p = posting(0);
    const e = await adapter.postReceipt(p).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ErpRetryableError);
    expect((e as ErpRetryableError).kind).toBe("timeout");
    await new Promise((r) => setTimeout(r, 600)); // NetSuite finishes the request the client gave up on
    await netsuiteFaults(world.sim.url, {});
    expect((await netsuiteLedger(world.sim.url)).receipts.filter((r) => r.receiptNumber === "R-0")).toHaveLength(1);
    const again = createNetsuiteAdapter(world.m2m());
    const first = await again.postReceipt(p);
    for (let i = 0; i < 3; i++) expect(await again.postReceipt(p)).toEqual(first);
    const concurrent = await Promise.all(Array.from({ length: 5 }, () => again.postReceipt(posting(2))));
    expect(new Set(concurrent.map((r) => r.erpReceiptId)).size).toBe(1);
    const ledger = await netsuiteLedger(world.sim.url);
    expectExactlyOnce(ledger, [p, posting(2)]);
  });

  it("unapply/reapply converges once under dropped answers and 5xx, and repeating it changes nothing", async () => {
    const adapter = createNetsuiteAdapter(world.m2m());
    const p = posting(3); // INVOICE INV-3 + ON_ACCOUNT
    const { erpReceiptId } = await adapter.postReceipt(p);
    await netsuiteFaults(world.sim.url, { error_ratio: 0.3, drop_after_commit_ratio: 0.6 });
    const target = [{ type: "INVOICE" as const, invoiceNumber: "INV-3", amount: "100.00" }, { type: "UNAPPLIED" as const, amount: fromMinor(60_000n + 303n - 10_000n, "USD") }];
    for (let i = 0; i < 4; i++) await withErpRetries(() => adapter.reviseApplications(erpReceiptId, "USD", target, "rev"), { maxAttempts: 100, baseDelayMs: 1, maxDelayMs: 5 });
    await netsuiteFaults(world.sim.url, {});
    const r = (await netsuiteLedger(world.sim.url)).receipts.find((x) => x.id === erpReceiptId)!;
    expect(r.applications.map((a) => [a.type, a.invoiceNumber, a.amount, a.reversed])).toEqual([
      ["INVOICE", "INV-3", "503.03", true], ["ON_ACCOUNT", null, "100.00", true],
      ["INVOICE", "INV-3", "100.00", false], ["UNAPPLIED", null, "503.03", false],
    ]);
  });
});
