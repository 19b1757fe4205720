// The simulator as a real separate process (`npx tsx scripts/erp-sim.ts --port N`): control plane over HTTP,
// one JSON log line per request, the ledger surviving a restart with --state, and a clean kill.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, spawnErpSim, type SpawnedErpSim } from "./spawn.ts";
import { getFaults, getLedger, setFaults } from "./sim-control.ts";
import { ERP_API_PREFIX } from "./erp-routes.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "erp-sim-"));
const statePath = path.join(dir, "ledger.json");
const running: SpawnedErpSim[] = [];
afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
  fs.rmSync(dir, { recursive: true, force: true });
});

const postReceipt = (url: string, key: string) =>
  fetch(`${url}${ERP_API_PREFIX}/standardReceipts`, {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": key },
    body: JSON.stringify({ ReceiptNumber: key, ReceiptDate: "2026-03-02", Amount: "12.34", Currency: "GBP", BusinessUnit: "GB01", RemittanceBankAccountNumber: "GB-1" }),
  });

describe("erp-sim as a separate process", () => {
  it("serves faults and ledger, books under drop-after-commit, keeps the ledger across a restart", async () => {
    const port = await freePort();
    const first = await spawnErpSim({ port, seed: 5, statePath });
    running.push(first);
    expect(first.url).toBe(`http://127.0.0.1:${port}`);

    expect(await setFaults(first.url, { drop_after_commit_ratio: 1, latency_ms: 10 })).toMatchObject({ drop_after_commit_ratio: 1, latency_ms: 10 });
    expect(await getFaults(first.url)).toMatchObject({ drop_after_commit_ratio: 1 });
    await expect(postReceipt(first.url, "proc-1")).rejects.toThrow(); // connection reset, but booked
    let ledger = await getLedger(first.url);
    expect(ledger.counts).toMatchObject({ receipts: 1, idempotencyKeys: 1 });
    expect(ledger.faultStats.dropped_after_commit).toBe(1);
    await setFaults(first.url, {});
    expect((await postReceipt(first.url, "proc-1")).status).toBe(200); // keyed retry: replayed, not booked again

    // The child's log line for the last request may reach us a moment after its answer: wait for it (bounded).
    const receiptLog = () => first.output().split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>);
    const receiptStatuses = () => receiptLog().filter((l) => l.msg === "erp-sim request" && l.path === `${ERP_API_PREFIX}/standardReceipts`).map((l) => l.status);
    for (let i = 0; i < 50 && receiptStatuses().length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    expect(receiptLog()[0]).toMatchObject({ msg: "erp-sim listening", port, seed: 5 });
    expect(receiptStatuses()).toEqual(["dropped", 200]);

    await first.stop();
    expect(first.child.exitCode !== null || first.child.signalCode !== null).toBe(true);
    await expect(fetch(`${first.url}/__sim/health`)).rejects.toThrow();

    const second = await spawnErpSim({ port, statePath });
    running.push(second);
    ledger = await getLedger(second.url);
    expect(ledger.counts).toMatchObject({ receipts: 1, idempotencyKeys: 1 });
    expect((await postReceipt(second.url, "proc-1")).status).toBe(200); // the key survived too
    expect((await getLedger(second.url)).counts.receipts).toBe(1);
  });

  it("refuses invalid flags with a usage message, without starting", async () => {
    await expect(spawnErpSim({ port: 70_000 })).rejects.toThrow(/invalid --port/);
  });
});
