// Reliability: the client, retries and breaker against the simulator running as its own process, under every
// fault. The ledger is the judge: exactly one receipt per posting, with exactly its applications.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { spawnErpSim, type SpawnedErpSim } from "../erp-sim/spawn.ts";
import { getLedger, resetSim, setFaults } from "../erp-sim/sim-control.ts";
import type { LedgerSnapshot } from "../erp-sim/sim-admin.ts";
import { createErpClient, type ErpClient } from "./client.ts";
import { CircuitBreaker } from "./circuit-breaker.ts";
import { ErpCircuitOpenError, ErpRetryableError } from "./errors.ts";
import { withErpRetries } from "./retry.ts";
import type { ErpPosting } from "./posting.ts";
import { fromMinor } from "../money/money.ts";

let sim: SpawnedErpSim;
beforeAll(async () => { sim = await spawnErpSim({ seed: 11 }); });
afterAll(async () => { await sim?.stop(); });
beforeEach(async () => { await resetSim(sim.url, 11); });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Posting n: 0 to 3 applications of varied types, amounts in cents, never more than the receipt. */
function posting(n: number, prefix = "P"): ErpPosting {
  const total = 10_000n + BigInt(n) * 137n;
  const types = (["INVOICE", "ON_ACCOUNT", "WRITE_OFF", "UNAPPLIED"] as const).slice(0, n % 4);
  return {
    idempotencyKey: `${prefix}-key-${n}`, receiptNumber: `${prefix}-${n}`, date: "2026-03-02", amount: fromMinor(total, "EUR"), currency: "EUR",
    entity: "DE01", bankAccount: "DE-OPER-1",
    applications: types.map((type, i) => ({
      type, amount: fromMinor(total / 5n + BigInt(i), "EUR"),
      ...(type === "INVOICE" ? { invoiceNumber: `INV-${n}` } : {}), ...(type === "WRITE_OFF" ? { writeOffReason: "short pay" } : {}),
    })),
  };
}

async function postAll(client: ErpClient, postings: ErpPosting[], concurrency = 20) {
  const queue = [...postings];
  const results = new Map<string, { erpReceiptId: string; applicationIds: string[] }>();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let p = queue.shift(); p; p = queue.shift()) {
      const posting = p;
      results.set(posting.receiptNumber, await withErpRetries(() => client.postReceipt(posting), { maxAttempts: 500, baseDelayMs: 1, maxDelayMs: 2 }));
    }
  }));
  return results;
}

/** Exactly one receipt per posting, with exactly the posted applications, and the ids the client got back. */
function expectExactlyOnce(ledger: LedgerSnapshot, postings: ErpPosting[], results: Map<string, { erpReceiptId: string; applicationIds: string[] }>) {
  expect(ledger.counts.receipts).toBe(postings.length);
  expect(ledger.counts.applications).toBe(postings.reduce((s, p) => s + p.applications.length, 0));
  for (const p of postings) {
    const booked = ledger.receipts.filter((r) => r.ReceiptNumber === p.receiptNumber);
    expect(booked).toHaveLength(1);
    const r = booked[0]!;
    expect(r.Amount).toBe(p.amount);
    expect(r.receiptApplications.map((a) => [a.ApplicationType, a.AmountApplied])).toEqual(p.applications.map((a) => [a.type, a.amount]));
    expect(results.get(p.receiptNumber)).toEqual({ erpReceiptId: String(r.StandardReceiptId), applicationIds: r.receiptApplications.map((a) => String(a.ReceiptApplicationId)) });
  }
}

describe("exactly-once postings against the simulator process", () => {
  it("300 postings under error_ratio 0.3 and drop_after_commit_ratio 0.3, retried until success", async () => {
    await setFaults(sim.url, { error_ratio: 0.3, drop_after_commit_ratio: 0.3 });
    const breaker = new CircuitBreaker({ failureThreshold: 5, coolDownMs: 5, probeTimeoutMs: 1000 });
    const client = createErpClient({ baseUrl: sim.url, timeoutMs: 2000, breaker });
    const postings = Array.from({ length: 300 }, (_, n) => posting(n));
    const results = await postAll(client, postings);
    const ledger = await getLedger(sim.url);
    expectExactlyOnce(ledger, postings, results);
    expect(ledger.counts.idempotencyKeys).toBe(ledger.counts.receipts + ledger.counts.applications);
    expect(ledger.faultStats.errors).toBeGreaterThan(100);
    expect(ledger.faultStats.dropped_after_commit).toBeGreaterThan(50);
  });

  it("no-idempotency mode (look up, then post what is missing) under drop-after-commit and errors", async () => {
    await setFaults(sim.url, { error_ratio: 0.2, drop_after_commit_ratio: 0.3 });
    const client = createErpClient({ baseUrl: sim.url, timeoutMs: 2000, idempotencySupported: false });
    const postings = Array.from({ length: 120 }, (_, n) => posting(n, "NK"));
    const results = await postAll(client, postings);
    const ledger = await getLedger(sim.url);
    expectExactlyOnce(ledger, postings, results);
    expect(ledger.counts.idempotencyKeys).toBe(0);
    expect(ledger.faultStats.dropped_after_commit).toBeGreaterThan(30);
  });

  it("a timeout while the ERP is slow: it booked anyway, the retry (keyed or looked up) does not book again", async () => {
    for (const idempotencySupported of [true, false]) {
      await resetSim(sim.url);
      await setFaults(sim.url, { latency_ms: 200 });
      // Reads may take their time (their abort signal is dropped), so the timeout hits the write that books.
      const slowReadsOk: typeof fetch = (url, init) => fetch(url, init?.method === "GET" ? { ...init, signal: undefined } : init);
      const client = createErpClient({ baseUrl: sim.url, timeoutMs: 60, idempotencySupported, fetch: slowReadsOk });
      const p = posting(3, idempotencySupported ? "TK" : "TL");
      await expect(client.postReceipt(p)).rejects.toMatchObject({ kind: "timeout", retryable: true });
      await sleep(250); // the ERP finishes what it started
      expect((await getLedger(sim.url)).counts.receipts).toBe(1);
      await setFaults(sim.url, { latency_ms: 0 });
      const result = await client.postReceipt(p);
      const ledger = await getLedger(sim.url);
      expectExactlyOnce(ledger, [p], new Map([[p.receiptNumber, result]]));
    }
  });

  it("rate limiting: 429s are retried after Retry-After, nothing is lost or doubled", async () => {
    await setFaults(sim.url, { rate_limit_per_second: 8 });
    const retryAfters: number[] = [];
    const client = createErpClient({ baseUrl: sim.url, timeoutMs: 2000 });
    const postings = Array.from({ length: 6 }, (_, n) => posting(n * 4 + 1, "RL"));
    const results = new Map<string, { erpReceiptId: string; applicationIds: string[] }>();
    await Promise.all(postings.map(async (p) => {
      results.set(p.receiptNumber, await withErpRetries(() => client.postReceipt(p), { maxAttempts: 20, baseDelayMs: 1, onRetry: (e) => retryAfters.push(e.retryAfterMs ?? 0) }));
    }));
    expectExactlyOnce(await getLedger(sim.url), postings, results);
    expect(retryAfters.length).toBeGreaterThan(0);
    expect(retryAfters.every((ms) => ms === 1000)).toBe(true);
  });

  it("the breaker opens during maintenance, fails fast without network, and closes after it", async () => {
    await setFaults(sim.url, { maintenance_seconds: 1 });
    const breaker = new CircuitBreaker({ failureThreshold: 3, coolDownMs: 100 });
    const client = createErpClient({ baseUrl: sim.url, timeoutMs: 2000, breaker });
    const p = posting(2, "MW");
    for (let i = 0; i < 3; i++) await expect(client.postReceipt(p)).rejects.toMatchObject({ status: 503, retryable: true });
    expect(breaker.state.status).toBe("open");
    const seen = (await getLedger(sim.url)).requests.erp;
    const open = await client.postReceipt(p).catch((e: unknown) => e);
    expect(open).toBeInstanceOf(ErpCircuitOpenError);
    expect((open as ErpRetryableError).retryAfterMs).toBeGreaterThanOrEqual(800); // at least the ERP's Retry-After
    expect((await getLedger(sim.url)).requests.erp).toBe(seen); // failed fast: no request sent
    await sleep((open as ErpRetryableError).retryAfterMs! + 20);
    const result = await client.postReceipt(p); // the probe goes through, the window is over
    expect(breaker.state.status).toBe("closed");
    expectExactlyOnce(await getLedger(sim.url), [p], new Map([[p.receiptNumber, result]]));
  });
});
