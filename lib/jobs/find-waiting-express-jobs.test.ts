import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { useFreshDatabase } from "../testing/test-database.ts";
import { db } from "../db/client.ts";
import { defineJob } from "./define-job.ts";
import { enqueue } from "./enqueue.ts";
import { stopBoss } from "./boss.ts";
import { findWaitingExpressJobs } from "./find-waiting-express-jobs.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));

const spec = (name: string, expressPriority?: number) => defineJob({
  name, schema: z.object({ key: z.string() }), queue: { retryLimit: 0, retryDelay: 0, retryBackoff: false, policy: "standard" },
  ...(expressPriority === undefined ? {} : { expressPriority }), dedupeKey: (d) => d.key, handler: async () => {},
});

describe("findWaitingExpressJobs", () => {
  it("names express jobs nobody took for over a minute, not bulk ones, not fresh ones, not queues without a lane", async () => {
    const card = spec("test.watch-card", 10);
    const plain = spec("test.watch-plain");
    await enqueue(card, { key: "old-1" }, { priority: 10 });
    await enqueue(card, { key: "old-2" }, { priority: 10 });
    await enqueue(card, { key: "fresh" }, { priority: 10 });
    await enqueue(card, { key: "bulk" });
    await enqueue(plain, { key: "p" }, { priority: 10 });
    expect(await findWaitingExpressJobs([card, plain])).toEqual([]);
    // Two of them have been waiting for two minutes.
    await db.$executeRawUnsafe(`update pgboss.job set start_after = now() - interval '2 minutes' where data->'data'->>'key' in ('old-1', 'old-2', 'bulk', 'p')`);
    const waiting = await findWaitingExpressJobs([card, plain]);
    expect(waiting).toEqual([{ queue: "test.watch-card", waiting: 2, oldestSeconds: expect.any(Number) }]);
    expect(waiting[0]!.oldestSeconds).toBeGreaterThanOrEqual(119);
  });
});
