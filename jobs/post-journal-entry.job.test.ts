// The posting job's own decisions (the domain is tested in lib/posting): a posting deferred by an open circuit is
// sent again for later with its priority, so a card payment's posting stays in the express lane after an outage.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../lib/testing/test-database.ts";
import { seedAppliedReceipt, seedMiniWorld } from "../lib/testing/fixtures.ts";
import { getDb } from "../lib/db/client.ts";
import { startErpSim, type ErpSim } from "../lib/erp-sim/server.ts";
import { stopBoss } from "../lib/jobs/boss.ts";
import { requestErpPosting } from "../lib/posting/request-erp-posting.ts";
import { postJournalEntryJob } from "./post-journal-entry.job.ts";

useFreshDatabase();
let sim: ErpSim;
beforeAll(async () => {
  sim = await startErpSim({ seed: 3 });
  // This process's ERP connection (a global) must point at this simulator.
  process.env.ERP_URL = sim.url;
  (globalThis as { cashlineErp?: unknown }).cashlineErp = undefined;
});
afterAll(async () => { await sim.close(); await stopBoss({ graceful: false }); });

describe("erp.post-journal-entry job", () => {
  it("defers a posting while the circuit is open, keeping its express priority", async () => {
    const world = await seedMiniWorld();
    const { receipt } = await seedAppliedReceipt(world, 8_800n);
    const entryId = (await getDb().$transaction((tx) => requestErpPosting(tx, { receiptId: receipt.id, correlationId: "cid-defer", priority: 10 })))!;
    await getDb().$executeRawUnsafe(`delete from pgboss.job where data->'data'->>'journalEntryId' = $1`, entryId); // we run the job by hand
    await fetch(`${sim.url}/__sim/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ maintenance_seconds: 30 }) });
    const item = (attempt: number) => ({ data: { journalEntryId: entryId }, ctx: { jobId: `job-${attempt}`, correlationId: "cid-defer", attempt, priority: 10, log: () => {} } });
    // Each run fails its quick retries against the maintenance window until the breaker opens; then it defers.
    let outcome: unknown;
    for (let attempt = 1; attempt <= 4; attempt++) {
      outcome = (await postJournalEntryJob.handleBatch!([item(attempt)])).get(`job-${attempt}`);
      if ((outcome as { status?: string }).status === "deferred") break;
    }
    expect(outcome).toMatchObject({ status: "deferred" });
    const [again] = await getDb().$queryRawUnsafe<{ priority: number; waitsSeconds: number; cid: string }[]>(
      `select priority, extract(epoch from start_after - now())::int as "waitsSeconds", data->>'cid' as cid from pgboss.job where name = 'erp.post-journal-entry' and data->'data'->>'journalEntryId' = $1`, entryId);
    expect(again).toMatchObject({ priority: 10, cid: "cid-defer" });
    expect(again!.waitsSeconds).toBeGreaterThan(0);
    expect((await getDb().journalEntry.findUniqueOrThrow({ where: { id: entryId } })).status).toBe("PENDING");
    await fetch(`${sim.url}/__sim/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  });
});
