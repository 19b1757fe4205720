import { afterAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedAppliedReceipt, seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { getBoss, stopBoss } from "../jobs/boss.ts";
import { ensureQueue } from "../jobs/queues.ts";
import { deadLetterQueue } from "../jobs/define-job.ts";
import { erpPostingJob } from "../posting/erp-posting-job-spec.ts";
import { requestErpPosting } from "../posting/request-erp-posting.ts";
import { replay } from "./replay.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));
const actor = { actorType: "user" as const, actorId: "u1", actorLabel: "ops@x.dev" };

describe("replays", () => {
  it("re-runs a dead-lettered job once; the second replay is a no-op", async () => {
    const world = await seedMiniWorld();
    const { receipt } = await seedAppliedReceipt(world, 1_000n);
    const entryId = (await getDb().$transaction((tx) => requestErpPosting(tx, { receiptId: receipt.id })))!;
    await getDb().journalEntry.update({ where: { id: entryId }, data: { status: "FAILED" } });
    const boss = await getBoss();
    await ensureQueue(boss, erpPostingJob);
    // Drain the original job as if it had run and failed, then put its dead letter in place.
    await boss.deleteQueuedJobs(erpPostingJob.name);
    const deadId = await boss.send(deadLetterQueue(erpPostingJob.name), { cid: "cid-orig", data: { journalEntryId: entryId }, error: "ERP said no" });
    const first = await replay([erpPostingJob], { kind: "job", queue: deadLetterQueue(erpPostingJob.name), jobId: deadId! }, actor);
    expect(first).toEqual({ status: "replayed", requeued: 1, details: { [erpPostingJob.name]: 1 } });
    expect((await getDb().journalEntry.findUniqueOrThrow({ where: { id: entryId } })).status).toBe("PENDING");
    const queued = await boss.fetch<{ cid: string; data: { journalEntryId: string } }>(erpPostingJob.name);
    expect(queued[0]?.data).toEqual({ cid: "cid-orig", data: { journalEntryId: entryId } });
    const second = await replay([erpPostingJob], { kind: "job", queue: deadLetterQueue(erpPostingJob.name), jobId: deadId! }, actor);
    expect(second.status).toBe("already_replayed");
    expect(await getDb().auditLog.count({ where: { action: "replay.job" } })).toBe(2);
  });

  it("re-queues unfinished postings in a time range, deduplicated", async () => {
    const world = await seedMiniWorld();
    const { receipt } = await seedAppliedReceipt(world, 2_000n);
    await getDb().$transaction((tx) => requestErpPosting(tx, { receiptId: receipt.id }));
    const boss = await getBoss();
    await boss.deleteQueuedJobs(erpPostingJob.name);
    const range = { kind: "range" as const, from: new Date(Date.now() - 60_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString(), what: ["postings" as const] };
    const first = await replay([erpPostingJob], range, actor);
    expect(first.details.postings).toBeGreaterThanOrEqual(1);
    const again = await replay([erpPostingJob], range, actor);
    expect(again.details.postings).toBe(0); // already queued: not queued twice
  });
});
