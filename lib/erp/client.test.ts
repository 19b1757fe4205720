// The ERP client against the simulator (in-process): postings, repeats, permanent vs retryable answers.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startErpSim, type ErpSim } from "../erp-sim/server.ts";
import { getLedger, resetSim, setFaults } from "../erp-sim/sim-control.ts";
import { createErpClient, type ErpClient } from "./client.ts";
import { ErpPermanentError, ErpRetryableError } from "./errors.ts";
import type { ErpPosting } from "./posting.ts";

let sim: ErpSim;
let client: ErpClient;
beforeAll(async () => {
  sim = await startErpSim();
  client = createErpClient({ baseUrl: sim.url, timeoutMs: 2000 });
});
afterAll(async () => { await sim.close(); });
beforeEach(async () => { await resetSim(sim.url); });

const posting = (over: Partial<ErpPosting> = {}): ErpPosting => ({
  idempotencyKey: "post-1", receiptNumber: "R-100", date: "2026-03-02", amount: "250.5", currency: "USD", entity: "US01",
  bankAccount: "US-OPER-1", customerAccount: "C-1",
  applications: [{ type: "INVOICE", invoiceNumber: "INV-1", amount: "200" }, { type: "WRITE_OFF", amount: "0.5", writeOffReason: "bank fee" }, { type: "ON_ACCOUNT", amount: "50" }],
  ...over,
});

describe("ERP client", () => {
  beforeEach(async () => { await client.ensureCustomerAccount({ accountNumber: "C-1", name: "Acme", entity: "US01" }); });

  it("posts a receipt and its applications under derived keys, and a repeat books nothing", async () => {
    const first = await client.postReceipt(posting());
    expect(first.applicationIds).toHaveLength(3);
    expect(await client.postReceipt(posting())).toEqual(first);
    const ledger = await getLedger(sim.url);
    expect(ledger.counts).toMatchObject({ receipts: 1, applications: 3 });
    expect(ledger.idempotencyKeys.map((k) => k.key).sort()).toEqual(["post-1", "post-1:app:0", "post-1:app:1", "post-1:app:2"]);
    expect(ledger.receipts[0]).toMatchObject({ Amount: "250.50", UnappliedAmount: "0.00", StandardReceiptId: Number(first.erpReceiptId) });
    await client.ensureCustomerAccount({ accountNumber: "C-1", name: "Acme", entity: "US01" }); // exists: fine
  });

  it("looks receipts up by number", async () => {
    const { erpReceiptId } = await client.postReceipt(posting());
    const found = await client.lookupReceipt("R-100", "US01");
    expect(found).toMatchObject({ id: erpReceiptId, amount: "250.50", currency: "USD", customerAccount: "C-1", unappliedAmount: "0.00" });
    expect(found?.applications?.map((a) => a.type)).toEqual(["INVOICE", "WRITE_OFF", "ON_ACCOUNT"]);
    expect(await client.lookupReceipt("R-404")).toBeNull();
    expect((await client.getReceipt(erpReceiptId)).receiptNumber).toBe("R-100");
  });

  it("surfaces the ERP's message as a permanent error", async () => {
    const e = await client.postReceipt(posting({ customerAccount: "C-9" })).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ErpPermanentError);
    expect(e).toMatchObject({ status: 422, errorCode: "UNKNOWN_CUSTOMER_ACCOUNT", message: "ERP answered 422: customer account C-9 does not exist" });
    const reused = await client.postReceipt(posting()).then(() => client.postReceipt(posting({ amount: "260.00" }))).catch((x: unknown) => x);
    expect(reused).toMatchObject({ status: 422, errorCode: "IDEMPOTENCY_KEY_REUSED" });
  });

  it("refuses an invalid posting before sending anything", async () => {
    for (const bad of [posting({ amount: "100.00" }), posting({ amount: "1.001" }), posting({ currency: "usd" }), posting({ amount: 12 as unknown as string })]) {
      await expect(client.postReceipt(bad)).rejects.toMatchObject({ kind: "invalid_posting", retryable: false });
    }
    expect((await getLedger(sim.url)).requests.erp).toBe(1); // only ensureCustomerAccount
  });

  it("classifies a simulated 429 as retryable with retryAfterMs", async () => {
    await setFaults(sim.url, { rate_limit_per_second: 1 });
    await client.lookupReceipt("R-1").catch(() => {}); // may land in a fresh second; the next one is then limited
    const e = await client.lookupReceipt("R-1").then(() => client.lookupReceipt("R-1")).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ErpRetryableError);
    expect(e).toMatchObject({ status: 429, retryAfterMs: 1000 });
  });

  it("no-idempotency mode sends no keys and skips what already landed", async () => {
    const plain = createErpClient({ baseUrl: sim.url, timeoutMs: 2000, idempotencySupported: false });
    const first = await plain.postReceipt(posting());
    expect(await plain.postReceipt(posting())).toEqual(first);
    const ledger = await getLedger(sim.url);
    expect(ledger.counts).toMatchObject({ receipts: 1, applications: 3, idempotencyKeys: 0 });
    // Same receipt number, different content: a collision for a human, not a second receipt.
    await expect(plain.postReceipt(posting({ amount: "300.00" }))).rejects.toMatchObject({ kind: "conflict", retryable: false });
  });

  // A fetch that answers the first try of every request 502 itself (nothing reaches the ERP), then passes through.
  function blipFetch() {
    const seen = new Set<string>();
    const blips: string[] = [];
    const f: typeof fetch = async (input, init) => {
      const key = `${init?.method ?? "GET"} ${String(input)} ${String(init?.body ?? "")}`;
      if (!seen.has(key)) {
        seen.add(key);
        blips.push(key);
        return new Response(JSON.stringify({ title: "Bad Gateway" }), { status: 502, headers: { "content-type": "application/json" } });
      }
      return fetch(input, init);
    };
    return { f, blips };
  }

  it("tries a blipped request again at once when it is safe (keyed write or read): one posting, booked once", async () => {
    const { f, blips } = blipFetch();
    const keyed = createErpClient({ baseUrl: sim.url, timeoutMs: 2000, fetch: f });
    const result = await keyed.postReceipt(posting());
    expect(blips).toHaveLength(4); // the receipt and its three applications each failed once
    expect(result.applicationIds).toHaveLength(3);
    expect((await getLedger(sim.url)).counts).toMatchObject({ receipts: 1, applications: 3 });
  });

  it("never repeats a write without an idempotency key by itself: the caller looks up first", async () => {
    const { f, blips } = blipFetch();
    const plain = createErpClient({ baseUrl: sim.url, timeoutMs: 2000, idempotencySupported: false, fetch: f });
    // The lookup (a read) is tried again; the unkeyed create is not: the whole posting fails for the caller's retry.
    await expect(plain.postReceipt(posting())).rejects.toMatchObject({ status: 502, retryable: true });
    expect(blips.map((b) => b.split(" ")[0])).toEqual(["GET", "POST"]);
    expect((await getLedger(sim.url)).counts).toMatchObject({ receipts: 0 });
  });

  it("requestRetries: 0 hands every failure straight back", async () => {
    const { f } = blipFetch();
    const once = createErpClient({ baseUrl: sim.url, timeoutMs: 2000, fetch: f, requestRetries: 0 });
    await expect(once.postReceipt(posting())).rejects.toMatchObject({ status: 502, retryable: true });
  });
});
