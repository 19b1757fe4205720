// The posting job's own decisions (the domain is tested in lib/posting): while the shared circuit is open a
// posting waits for it inside its job — no new job is sent — and posts once when the ERP is back.
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
  // This process's ERP connection (a global) must point at this simulator, with a short cool-down.
  process.env.ERP_URL = sim.url;
  process.env.ERP_BREAKER_COOLDOWN_MS = "1000";
  (globalThis as { cashlineErpConnections?: unknown }).cashlineErpConnections = undefined;
});
afterAll(async () => { await sim.close(); await stopBoss({ graceful: false }); });

describe("erp.post-journal-entry job", () => {
  it("waits for an open circuit inside the job, sends no new job, and posts once when the ERP is back", async () => {
    const world = await seedMiniWorld();
    const { receipt } = await seedAppliedReceipt(world, 8_800n);
    const entryId = (await getDb().$transaction((tx) => requestErpPosting(tx, { receiptId: receipt.id, correlationId: "cid-defer", priority: 10 })))!;
    const jobsOfEntry = async () => (await getDb().$queryRawUnsafe<{ n: number }[]>(`select count(*)::int as n from pgboss.job where data->'data'->>'journalEntryId' = $1`, entryId))[0]!.n;
    await getDb().$executeRawUnsafe(`delete from pgboss.job where data->'data'->>'journalEntryId' = $1`, entryId); // we run the job by hand
    await fetch(`${sim.url}/__sim/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ maintenance_seconds: 4 }) });
    const item = (attempt: number) => ({ data: { journalEntryId: entryId }, ctx: { jobId: `job-${attempt}`, correlationId: "cid-defer", attempt, priority: 10, log: () => {} } });
    // The first runs fail their quick retries against the maintenance window until the breaker opens; the run
    // that meets the open circuit waits inside the job for the probe, which finds the ERP back.
    const outcomes: unknown[] = [];
    for (let attempt = 1; attempt <= 6; attempt++) {
      const outcome = (await postJournalEntryJob.handleBatch!([item(attempt)])).get(`job-${attempt}`);
      outcomes.push(outcome instanceof Error ? outcome.message : outcome);
      if ((outcome as { status?: string }).status === "posted") break;
    }
    expect(outcomes.at(-1), JSON.stringify(outcomes)).toMatchObject({ status: "posted" });
    expect(await jobsOfEntry()).toBe(0);
    expect((await getDb().journalEntry.findUniqueOrThrow({ where: { id: entryId } })).status).toBe("POSTED");
    const ledger = (await (await fetch(`${sim.url}/__sim/ledger`)).json()) as { receipts: { ReceiptNumber: string }[] };
    expect(ledger.receipts.filter((r) => r.ReceiptNumber === `CL-${receipt.id}`)).toHaveLength(1);
  }, 60_000);
});
