// Exactly once without idempotency keys: the same receipt posted to the BC simulator through injected 5xx,
// drop-after-commit (booked, answer lost), timeouts, a crash between filling the journal and posting it, and plain
// replays, leaves exactly one booking per receipt with exactly its applications. The simulator's ledger is the judge.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startBcSim, type BcSim } from "../../erp-sim/bc/index.ts";
import { getBcLedger, seedCustomers, seedInvoices, type BcLedger } from "../../erp-sim/bc/control.ts";
import { resetSim, setFaults } from "../../erp-sim/sim-control.ts";
import { CircuitBreaker } from "../circuit-breaker.ts";
import { ErpRetryableError } from "../errors.ts";
import { withErpRetries } from "../retry.ts";
import type { ErpPosting } from "../posting.ts";
import type { ErpAdapter, ErpPostingResult } from "../adapter.ts";
import { fromMinor } from "../../money/money.ts";
import { bcAdapterFor } from "./testing.ts";

let sim: BcSim;
const N = 40;
beforeAll(async () => { sim = await startBcSim({ seed: 7, rateLimit: null, concurrency: null }); });
afterAll(async () => { await sim?.close(); });
beforeEach(async () => {
  await resetSim(sim.url, 7);
  await seedCustomers(sim.url, Array.from({ length: 5 }, (_, i) => ({ entity: "DE01", accountNumber: `C-${i}` })));
  await seedInvoices(sim.url, Array.from({ length: N }, (_, n) => ({ entity: "DE01", invoiceNumber: `INV-${n}`, customerAccount: `C-${n % 5}`, currency: "EUR", amount: "500.00", issueDate: "2026-11-01" })));
});

/** Receipt n: up to four applications (invoice, on account, write-off, explicitly unapplied) and maybe a remainder;
 *  receipt numbers as the posting pipeline makes them (CL-<cuid>, longer than BC's 20-character document number). */
function posting(n: number): ErpPosting {
  const total = 10_000n + BigInt(n) * 137n;
  const types = (["INVOICE", "ON_ACCOUNT", "WRITE_OFF", "UNAPPLIED"] as const).slice(0, n % 5);
  return {
    idempotencyKey: `key-${n}`, receiptNumber: `CL-cmibx3c2f${String(n).padStart(4, "0")}a8s9d7f6g5h4`, date: "2026-11-20", amount: fromMinor(total, "EUR"), currency: "EUR", entity: "DE01", bankAccount: "DE-OPER-1",
    customerAccount: `C-${n % 5}`,
    applications: types.map((type, i) => ({
      type, amount: fromMinor(total / 5n + BigInt(i), "EUR"), ...(type === "INVOICE" ? { invoiceNumber: `INV-${n}` } : {}), ...(type === "WRITE_OFF" ? { writeOffReason: "small_overpayment" } : {}),
    })),
  };
}

async function postAll(adapter: ErpAdapter, postings: ErpPosting[], concurrency = 8) {
  const queue = [...postings];
  const results = new Map<string, ErpPostingResult>();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let p = queue.shift(); p; p = queue.shift()) {
      const posting = p;
      results.set(posting.receiptNumber, await withErpRetries(() => adapter.postReceipt(posting), { maxAttempts: 500, baseDelayMs: 1, maxDelayMs: 2 }));
    }
  }));
  return results;
}

function expectExactlyOnce(ledger: BcLedger, postings: ErpPosting[], results: Map<string, ErpPostingResult>) {
  expect(ledger.counts.receipts).toBe(postings.length);
  expect(ledger.counts.applications).toBe(postings.reduce((s, p) => s + p.applications.length, 0));
  for (const p of postings) {
    const booked = ledger.receipts.filter((r) => r.receiptNumber === p.receiptNumber);
    expect(booked).toHaveLength(1);
    const r = booked[0]!;
    expect([r.amount, r.customerAccount]).toEqual([p.amount, p.customerAccount]);
    const order = (xs: string[][]) => [...xs].sort((a, b) => a.join().localeCompare(b.join()));
    expect(order(r.applications.map((a) => [a.type, a.amount, a.invoiceNumber ?? ""]))).toEqual(order(p.applications.map((a) => [a.type, a.amount, a.invoiceNumber ?? ""])));
    const got = results.get(p.receiptNumber)!;
    expect(got.erpReceiptId).toBe(r.id);
    // the ids come back in the posting's order: each one is the ledger's application of that type and amount
    expect(got.applicationIds.map((id) => { const a = r.applications.find((x) => x.id === id)!; return [a.type, a.amount]; })).toEqual(p.applications.map((a) => [a.type, a.amount]));
  }
  const de01 = ledger.companies.find((c) => c.name === "DE01")!;
  // every applied invoice drawn on exactly once
  for (const p of postings) {
    const applied = p.applications.find((a) => a.type === "INVOICE");
    if (applied) expect(de01.invoices.find((i) => i.number === applied.invoiceNumber)!.remainingAmount).toBe(fromMinor(50_000n - BigInt(applied.amount.replace(".", "")), "EUR"));
  }
}

describe("BC exactly-once", () => {
  it(`${N} receipts under error_ratio 0.2 and drop_after_commit_ratio 0.3, retried until success, then replayed`, async () => {
    await setFaults(sim.url, { error_ratio: 0.2, drop_after_commit_ratio: 0.3 });
    const breaker = new CircuitBreaker({ failureThreshold: 5, failureRatio: 0.5, coolDownMs: 5, probeTimeoutMs: 1000 });
    const adapter = bcAdapterFor(sim, { breaker });
    const postings = Array.from({ length: N }, (_, n) => posting(n));
    const results = await postAll(adapter, postings);
    const ledger = await getBcLedger(sim.url);
    expectExactlyOnce(ledger, postings, results);
    expect(ledger.faultStats.errors).toBeGreaterThan(15);
    expect(ledger.faultStats.dropped_after_commit).toBeGreaterThan(15);
    await setFaults(sim.url, {});
    const replay = await postAll(adapter, postings);
    expect(replay).toEqual(results);
    expect((await getBcLedger(sim.url)).counts).toEqual(ledger.counts);
  });

  it("every write times out although BC booked it: retrying until success still books once", async () => {
    // BC answers every write, but only after our timeout: the request landed, the answer is lost (kind "timeout").
    const lateWrites: typeof fetch = (input, init) => new Promise((resolve, reject) => {
      const write = init?.method !== "GET" && !String(input).includes("/oauth2/");
      init?.signal?.addEventListener("abort", () => reject(new DOMException("The operation was aborted.", "AbortError")));
      fetch(input, { ...init, signal: undefined }).then(async (res) => {
        if (write) await new Promise((r) => setTimeout(r, 120));
        resolve(res);
      }, reject);
    });
    const adapter = bcAdapterFor(sim, { fetch: lateWrites, timeoutMs: 60 });
    const p = posting(4); // all four application types: both journals
    let timeouts = 0;
    let result: ErpPostingResult | null = null;
    for (let i = 0; i < 40 && !result; i++) {
      try {
        result = await adapter.postReceipt(p);
      } catch (e) {
        expect(e).toBeInstanceOf(ErpRetryableError);
        expect((e as ErpRetryableError).kind).toBe("timeout");
        timeouts++;
        await new Promise((r) => setTimeout(r, 150)); // the late answer arrives and is dropped
      }
    }
    expect(timeouts).toBeGreaterThanOrEqual(6); // each try got one write further
    expectExactlyOnce(await getBcLedger(sim.url), [p], new Map([[p.receiptNumber, result!]]));
  });

  it("a crash after the journal lines were created but before the post: the next attempt completes and posts it once", async () => {
    let crash = true;
    const crashing: typeof fetch = async (input, init) => {
      if (crash && String(input).includes("/Microsoft.NAV.post")) throw new TypeError("fetch failed (worker killed before the post)");
      return fetch(input, init);
    };
    const p = posting(2);
    const e = await bcAdapterFor(sim, { fetch: crashing }).postReceipt(p).then(() => null, (x: unknown) => x);
    expect(e).toBeInstanceOf(ErpRetryableError);
    const mid = await getBcLedger(sim.url);
    expect([mid.counts.receipts, mid.counts.journals, mid.counts.journalLines]).toEqual([0, 1, 3]); // INVOICE, ON_ACCOUNT, remainder
    crash = false;
    const result = await bcAdapterFor(sim).postReceipt(p);
    const after = await getBcLedger(sim.url);
    expectExactlyOnce(after, [p], new Map([[p.receiptNumber, result]]));
    expect([after.counts.journals, after.counts.journalLines]).toEqual([0, 0]);
  });

  it("an unposted journal whose lines were changed in BC meanwhile is brought back to the posting (stale lines deleted with If-Match)", async () => {
    const p = posting(1); // one INVOICE line plus the remainder
    const crashing: typeof fetch = async (input, init) => {
      if (String(input).includes("/Microsoft.NAV.post")) throw new TypeError("fetch failed");
      return fetch(input, init);
    };
    await bcAdapterFor(sim, { fetch: crashing }).postReceipt(p).catch(() => undefined);
    // someone edits the remainder line in BC's journal page
    const company = sim.ledger().companies.find((c) => c.name === "DE01")!;
    const line = company.lines.find((l) => l.lineNumber === 20000)!;
    line.amount = "-1.00";
    line.version++;
    const result = await bcAdapterFor(sim).postReceipt(p);
    expectExactlyOnce(await getBcLedger(sim.url), [p], new Map([[p.receiptNumber, result]]));
  });

  it("a line changed in BC between our read and our delete: 412 Request_EntityChanged is retryable, the next attempt fixes it", async () => {
    const p = posting(1);
    const crashing: typeof fetch = async (input, init) => {
      if (String(input).includes("/Microsoft.NAV.post")) throw new TypeError("fetch failed");
      return fetch(input, init);
    };
    await bcAdapterFor(sim, { fetch: crashing }).postReceipt(p).catch(() => undefined);
    const company = sim.ledger().companies.find((c) => c.name === "DE01")!;
    company.lines.find((l) => l.lineNumber === 20000)!.amount = "-1.00"; // a stale line the adapter will delete
    const racing: typeof fetch = async (input, init) => {
      if (init?.method === "DELETE" && String(input).includes("/customerPayments(")) company.lines.forEach((l) => l.version++); // someone edits it meanwhile
      return fetch(input, init);
    };
    const e = await bcAdapterFor(sim, { fetch: racing }).postReceipt(p).then(() => null, (x: unknown) => x);
    expect(e).toBeInstanceOf(ErpRetryableError);
    expect([(e as ErpRetryableError).status, (e as ErpRetryableError).errorCode]).toEqual([412, "Request_EntityChanged"]);
    const result = await bcAdapterFor(sim).postReceipt(p);
    expectExactlyOnce(await getBcLedger(sim.url), [p], new Map([[p.receiptNumber, result]]));
  });

  it("publishInvoice under drop-after-commit and errors: one posted BC invoice per billing invoice", async () => {
    await setFaults(sim.url, { error_ratio: 0.2, drop_after_commit_ratio: 0.4 });
    const adapter = bcAdapterFor(sim);
    const out = new Map<string, string>();
    for (let n = 0; n < 15; n++) {
      const inv = { idempotencyKey: `pub-${n}`, invoiceNumber: `BILL-${n}`, customerAccount: `C-${n % 5}`, entity: "DE01", currency: "EUR", amount: "99.90", issueDate: "2026-11-21", dueDate: null };
      out.set(inv.invoiceNumber, (await withErpRetries(() => adapter.publishInvoice(inv), { maxAttempts: 200, baseDelayMs: 1, maxDelayMs: 2 })).erpDocumentNumber);
    }
    const ledger = await getBcLedger(sim.url);
    const de01 = ledger.companies.find((c) => c.name === "DE01")!;
    for (const [bill, number] of out) {
      const booked = de01.invoices.filter((i) => i.externalDocumentNumber === bill);
      expect(booked).toHaveLength(1);
      expect(booked[0]).toMatchObject({ number, status: "Open", totalAmountIncludingTax: "99.90" });
      expect(de01.entries.filter((e) => e.documentType === "Invoice" && e.documentNumber === number)).toHaveLength(1);
    }
    expect(ledger.faultStats.dropped_after_commit).toBeGreaterThan(3);
  });
});
