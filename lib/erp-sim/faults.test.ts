// Each injected fault over real HTTP (the server in-process; process.test.ts runs it as its own process).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startErpSim, type ErpSim } from "./server.ts";
import { ERP_API_PREFIX } from "./erp-routes.ts";
import { getFaults, getLedger, resetSim, setFaults } from "./sim-control.ts";

let sim: ErpSim;
beforeAll(async () => { sim = await startErpSim({ seed: 7 }); });
afterAll(async () => { await sim.close(); });
beforeEach(async () => { await resetSim(sim.url, 7); });

const body = (n: string) => ({ ReceiptNumber: n, ReceiptDate: "2026-03-02", Amount: "10.00", Currency: "EUR", BusinessUnit: "DE01", RemittanceBankAccountNumber: "DE-1" });
const post = (n: string, key?: string) =>
  fetch(`${sim.url}${ERP_API_PREFIX}/standardReceipts`, { method: "POST", headers: { "content-type": "application/json", ...(key ? { "idempotency-key": key } : {}) }, body: JSON.stringify(body(n)) });
const list = () => fetch(`${sim.url}${ERP_API_PREFIX}/standardReceipts`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("fault injection", () => {
  it("maintenance: every API call is 503 with Retry-After until the window ends, the control plane stays up", async () => {
    await setFaults(sim.url, { maintenance_seconds: 0.4 });
    const during = await post("M-1", "m1");
    expect(during.status).toBe(503);
    expect(during.headers.get("retry-after")).toBe("1");
    expect(await during.json()).toMatchObject({ errorCode: "MAINTENANCE" });
    expect((await list()).status).toBe(503);
    expect((await getFaults(sim.url)).maintenance_until).not.toBeNull();
    await sleep(450);
    expect((await post("M-1", "m1")).status).toBe(201);
    expect((await getLedger(sim.url)).counts.receipts).toBe(1);
  });

  it("rate limit: more than N requests in a second get 429 with Retry-After", async () => {
    await setFaults(sim.url, { rate_limit_per_second: 3 });
    const statuses = await Promise.all(Array.from({ length: 10 }, () => list().then((r) => [r.status, r.headers.get("retry-after")] as const)));
    const limited = statuses.filter(([s]) => s === 429);
    expect(limited.length).toBeGreaterThanOrEqual(4);
    expect(limited.every(([, ra]) => ra === "1")).toBe(true);
    expect(statuses.filter(([s]) => s === 200).length).toBeGreaterThanOrEqual(3);
    expect((await getLedger(sim.url)).faultStats.rate_limited).toBe(limited.length);
  });

  it("latency: API responses are delayed, the control plane is not", async () => {
    await setFaults(sim.url, { latency_ms: 150 });
    let t = performance.now();
    expect((await list()).status).toBe(200);
    expect(performance.now() - t).toBeGreaterThanOrEqual(145);
    t = performance.now();
    await getLedger(sim.url);
    expect(performance.now() - t).toBeLessThan(100);
  });

  it("error_ratio: that share of requests fail with 500/502/503 and book nothing", async () => {
    await setFaults(sim.url, { error_ratio: 1 });
    const statuses = await Promise.all(Array.from({ length: 12 }, (_, i) => post(`E-${i}`, `e${i}`).then((r) => r.status)));
    expect(statuses.every((s) => [500, 502, 503].includes(s))).toBe(true);
    expect((await getLedger(sim.url)).counts).toMatchObject({ receipts: 0, idempotencyKeys: 0 });

    await setFaults(sim.url, { error_ratio: 0.5 });
    const mixed: number[] = [];
    for (let i = 0; i < 40; i++) mixed.push((await post(`H-${i}`, `h${i}`)).status);
    const booked = mixed.filter((s) => s === 201).length;
    expect(booked).toBeGreaterThan(5);
    expect(booked).toBeLessThan(35);
    expect((await getLedger(sim.url)).counts.receipts).toBe(booked);
  });

  it("error_ratio is reproducible for a given seed", async () => {
    const run = async () => {
      await resetSim(sim.url, 99);
      await setFaults(sim.url, { error_ratio: 0.5 });
      const out: number[] = [];
      for (let i = 0; i < 20; i++) out.push((await list()).status);
      return out;
    };
    expect(await run()).toEqual(await run());
  });

  it("drop_after_commit: the client sees a reset, the ledger has the receipt, a keyed retry replays it", async () => {
    await setFaults(sim.url, { drop_after_commit_ratio: 1 });
    const error = await post("D-1", "d1").then(() => null, (e: Error) => e);
    expect(error).toBeInstanceOf(TypeError); // fetch failed: other side closed
    const ledger = await getLedger(sim.url);
    expect(ledger.counts.receipts).toBe(1);
    expect(ledger.faultStats.dropped_after_commit).toBe(1);
    await setFaults(sim.url, { drop_after_commit_ratio: 0 });
    const retry = await post("D-1", "d1");
    expect(retry.status).toBe(200);
    expect((await retry.json()).StandardReceiptId).toBe(ledger.receipts[0]!.StandardReceiptId);
    expect((await getLedger(sim.url)).counts.receipts).toBe(1);
    // Reads are never dropped: nothing was committed.
    await setFaults(sim.url, { drop_after_commit_ratio: 1 });
    expect((await list()).status).toBe(200);
  });

  it("settings merge; {} clears them all; unknown settings are refused", async () => {
    await setFaults(sim.url, { latency_ms: 5, error_ratio: 0.1 });
    const merged = await setFaults(sim.url, { rate_limit_per_second: 50, maintenance_seconds: 30 });
    expect(merged).toMatchObject({ latency_ms: 5, error_ratio: 0.1, rate_limit_per_second: 50 });
    expect(merged.maintenance_seconds).toBeGreaterThan(29);
    expect(await setFaults(sim.url, {})).toEqual({ maintenance_seconds: 0, maintenance_until: null, rate_limit_per_second: null, latency_ms: 0, error_ratio: 0, drop_after_commit_ratio: 0 });
    expect((await post("C-1")).status).toBe(201);
    const bad = await fetch(`${sim.url}/__sim/faults`, { method: "POST", body: JSON.stringify({ error_rate: 0.5 }) });
    expect(bad.status).toBe(400);
    expect((await fetch(`${sim.url}/__sim/faults`, { method: "POST", body: JSON.stringify({ error_ratio: 2 }) })).status).toBe(400);
  });
});
