// Exactly once through the whole posting pipeline, for every ERP kind with a simulator (lib/erp-sim/kinds.ts): the
// entity's stored connection points at that kind's simulator (ERP_URL at a closed port, so nothing posts by the
// fallback), the ERP is primed as the demo primes it (customers ensured, invoices published: SAP clears its own open
// items, BC applies to its own invoice numbers, NetSuite to its own ids), real worker processes post, and the
// simulator's ledger — read in the one normalised shape — must hold each receipt once through commit-then-drop with
// 5xx, a worker SIGKILLed mid-batch, and a replay of postings whose acknowledgement was lost.
process.env.CASHLINE_ENCRYPTION_KEY ??= "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../lib/testing/test-database.ts";
import { seedAppliedReceipt, seedMiniWorld } from "../lib/testing/fixtures.ts";
import { getDb } from "../lib/db/client.ts";
import { stopBoss } from "../lib/jobs/boss.ts";
import { requestErpPosting } from "../lib/posting/request-erp-posting.ts";
import { spawnErpSim, type SpawnedErpSim } from "../lib/erp-sim/spawn.ts";
import { ERP_SIM_KINDS } from "../lib/erp-sim/kinds.ts";
import { readNormalisedLedger } from "../lib/erp-sim/normalised-ledger.ts";
import { setFaults } from "../lib/erp-sim/sim-control.ts";
import { ensureDemoErpConnections } from "../lib/demo/demo-erp-connections.ts";
import { primeEntityErp } from "../lib/demo/prime-demo-erps.ts";
import { erpReceiptNumber, RECEIPT_NUMBER_MAX } from "../lib/posting/build-erp-posting.ts";
import { replayRange } from "../lib/replays/replay-range.ts";
import { spawnWorker, waitFor, type SpawnedWorker } from "../lib/testing/spawn-worker.ts";
import type { ErpKind } from "../lib/erp/adapter.ts";
import { diagnoseStalledPostings } from "../lib/testing/diagnose-stalled-postings.ts";

const database = useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));

let base = 500_000n;
const PIPELINE_KINDS = Object.keys(ERP_SIM_KINDS) as ErpKind[];
for (const kind of PIPELINE_KINDS) {
  describe(`exactly once through the pipeline: ${kind}`, () => {
    let sim: SpawnedErpSim;
    const workers: SpawnedWorker[] = [];
    let world: Awaited<ReturnType<typeof seedMiniWorld>>;
    // The kinds share one database and entity: this kind's receipts are those made after its simulator started.
    let since: Date;
    beforeAll(async () => {
      since = new Date();
      sim = await spawnErpSim({ kind, seed: 11 });
      world = await seedMiniWorld();
      await getDb().erpConnection.deleteMany({});
      // The entity's connection, with the credentials that kind's demo simulator accepts.
      await ensureDemoErpConnections(getDb(), () => sim.url, { [world.entity.code]: kind });
    });
    afterAll(async () => {
      await Promise.all(workers.map((w) => w.kill("SIGKILL")));
      await sim?.stop();
    });

    const startWorker = async () => {
      const w = await spawnWorker({
        DATABASE_URL: database.url(), ERP_URL: "http://127.0.0.1:9", CASHLINE_ENCRYPTION_KEY: process.env.CASHLINE_ENCRYPTION_KEY!,
        ERP_BREAKER_COOLDOWN_MS: "1000", ERP_TIMEOUT_MS: "3000", BOSS_MONITOR_SECONDS: "2", LOG_LEVEL: "info",
      });
      workers.push(w);
      return w;
    };
    async function burst(n: number) {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const { receipt } = await seedAppliedReceipt(world, base++);
        await getDb().$transaction((tx) => requestErpPosting(tx, { receiptId: receipt.id, correlationId: `eo-${receipt.id}` }));
        ids.push(receipt.id);
      }
      // The receipts' invoices into the ERP before anything posts (the faults are switched on after this).
      const primed = await primeEntityErp(world.entity);
      expect(primed?.failures, `${kind}: priming`).toEqual([]);
      return ids;
    }
    const postedCount = (ids: string[]) => getDb().receipt.count({ where: { id: { in: ids }, postedAt: { not: null } } });
    async function expectOnceEach(ids: string[]) {
      const numbers = (await readNormalisedLedger(sim.url)).map((r) => r.receiptNumber);
      for (const id of ids) {
        const number = erpReceiptNumber(id, 1, RECEIPT_NUMBER_MAX[kind]);
        expect(numbers.filter((n) => n === number), `${kind}: ${number}`).toHaveLength(1);
      }
      const entries = await getDb().journalEntry.findMany({ where: { receiptId: { in: ids } } });
      expect(entries.every((e) => e.status === "POSTED" && e.erpDocumentId)).toBe(true);
    }
    // On a timeout: where the postings stood (entries, jobs, sessions, locks, circuit) and each worker's last lines.
    const diag = async (ids: string[]) => JSON.stringify({
      ...(await diagnoseStalledPostings(ids)),
      workers: workers.map((w) => ({ pid: w.child.pid, exit: w.child.exitCode ?? w.child.signalCode, last: w.output().trim().split("\n").slice(-25) })),
    }, null, 1);

    it("commit-then-drop and 5xx: every receipt booked once", async () => {
      const ids = await burst(40);
      await setFaults(sim.url, { drop_after_commit_ratio: 0.3, error_ratio: 0.2 });
      await startWorker();
      await waitFor(async () => (await postedCount(ids)) === ids.length, 90_000, `${kind}: all posted despite drops and errors`).catch(async (e) => { console.log("DIAG", await diag(ids)); throw e; });
      await setFaults(sim.url, {});
      await expectOnceEach(ids);
    }, 150_000);

    it("a worker SIGKILLed mid-batch and another started: nothing lost, nothing doubled", async () => {
      await Promise.all(workers.splice(0).map((w) => w.kill("SIGTERM")));
      // More receipts than one fetched batch (50, acknowledged together): the kill lands between batches or inside
      // one. BC's adapter paces to ~20 requests/s (about ten a receipt): its first batches take a minute or more.
      const ids = await burst(120);
      await setFaults(sim.url, { latency_ms: 300 });
      const victim = await startWorker();
      await waitFor(async () => (await postedCount(ids)) >= 1, 150_000, `${kind}: the first postings`);
      await victim.kill("SIGKILL");
      expect(await postedCount(ids)).toBeLessThan(ids.length);
      await setFaults(sim.url, {});
      await startWorker();
      await waitFor(async () => (await postedCount(ids)) === ids.length, 240_000, `${kind}: all posted after the restart`).catch(async (e) => { console.log("DIAG", await diag(ids)); throw e; });
      await expectOnceEach(ids);
    }, 450_000);

    it("a replay of postings whose acknowledgement was lost books nothing again", async () => {
      const ids = (await getDb().receipt.findMany({ where: { entityId: world.entity.id, postedAt: { not: null }, createdAt: { gte: since } }, select: { id: true }, take: 20 })).map((r) => r.id);
      const before = await getDb().journalEntry.findMany({ where: { receiptId: { in: ids } }, orderBy: { id: "asc" } });
      const booked = (await readNormalisedLedger(sim.url)).length;
      // As if the acknowledgements never reached the database: the entries are PENDING again, and replayed.
      await getDb().journalEntry.updateMany({ where: { id: { in: before.map((e) => e.id) } }, data: { status: "PENDING", postedAt: null } });
      const replayed = await replayRange({ from: new Date(0), to: new Date(Date.now() + 1000), what: ["postings"] });
      expect(replayed.details.postings).toBe(before.length);
      await waitFor(async () => (await getDb().journalEntry.count({ where: { id: { in: before.map((e) => e.id) }, status: "POSTED" } })) === before.length, 60_000, `${kind}: replayed postings acknowledged`);
      const after = await getDb().journalEntry.findMany({ where: { receiptId: { in: ids } }, orderBy: { id: "asc" } });
      expect(after.map((e) => e.erpDocumentId)).toEqual(before.map((e) => e.erpDocumentId));
      expect((await readNormalisedLedger(sim.url)).length).toBe(booked);
      await expectOnceEach(ids);
    }, 120_000);
  });
}
