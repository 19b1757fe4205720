import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { useFreshDatabase } from "../testing/test-database.ts";
import { defineJob, deadLetterQueue } from "./define-job.ts";
import { enqueue, enqueueMany } from "./enqueue.ts";
import { getBoss, stopBoss } from "./boss.ts";
import { startWorkers } from "./start-workers.ts";
import { PermanentJobError, RetryableJobError } from "./errors.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));

const seen: { key: string; cid: string; attempt: number }[] = [];
const job = defineJob({
  name: "test.echo",
  schema: z.object({ key: z.string(), mode: z.enum(["ok", "flaky", "permanent"]) }),
  queue: { retryLimit: 3, retryDelay: 1, retryBackoff: false, policy: "stately" },
  dedupeKey: (d) => d.key,
  handler: async (d, ctx) => {
    seen.push({ key: d.key, cid: ctx.correlationId, attempt: ctx.attempt });
    if (d.mode === "flaky" && ctx.attempt < 2) throw new RetryableJobError("try again");
    if (d.mode === "permanent") throw new PermanentJobError("refused by a business rule");
  },
});

async function until(check: () => boolean | Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("condition not met in time");
}

describe("job base", () => {
  it("refuses an invalid payload at the sender", async () => {
    await expect(enqueue(job, { key: "k", mode: "nope" } as never)).rejects.toThrow(/test.echo: invalid payload at mode/);
  });

  it("runs jobs with their correlation id, retries retryable failures, dead-letters permanent ones at once", async () => {
    await enqueue(job, { key: "a", mode: "ok" }, { correlationId: "cid-a" });
    await enqueue(job, { key: "b", mode: "flaky" }, { correlationId: "cid-b" });
    await enqueue(job, { key: "c", mode: "permanent" }, { correlationId: "cid-c" });
    await startWorkers([job], { pollingIntervalSeconds: 0.5 });
    await until(() => seen.filter((s) => s.key === "b").length >= 2 && seen.some((s) => s.key === "c") && seen.some((s) => s.key === "a")).catch((e) => { console.log("SEEN", JSON.stringify(seen)); throw e; });
    expect(seen.find((s) => s.key === "a")?.cid).toBe("cid-a");
    expect(seen.filter((s) => s.key === "b").map((s) => s.attempt)).toEqual([1, 2]);
    const boss = await getBoss();
    await until(async () => (await boss.fetch(deadLetterQueue(job.name), { batchSize: 10 })).length > 0 || false);
    expect(seen.filter((s) => s.key === "c")).toHaveLength(1);
  });

  it("dedupes queued jobs by natural key", async () => {
    const boss = await getBoss();
    await boss.offWork(job.name);
    const ids = await Promise.all([1, 2, 3].map(() => enqueue(job, { key: "same", mode: "ok" })));
    expect(ids.filter(Boolean)).toHaveLength(1);
  });

  it("a batch handler settles each job of a fetched batch on its own: one retried, one dead-lettered, the rest done once", async () => {
    const calls: { keys: string[]; attempts: number[] }[] = [];
    const batchJob = defineJob({
      name: "test.batch",
      schema: z.object({ key: z.string(), mode: z.enum(["ok", "flaky", "permanent"]) }),
      queue: { retryLimit: 3, retryDelay: 1, retryBackoff: false, policy: "stately" },
      batchSize: 10,
      dedupeKey: (d) => d.key,
      handler: async () => { throw new Error("the batch path is used"); },
      handleBatch: async (items) => {
        calls.push({ keys: items.map((i) => i.data.key), attempts: items.map((i) => i.ctx.attempt) });
        return new Map(items.map(({ data, ctx }) => [ctx.jobId,
          data.mode === "flaky" && ctx.attempt < 2 ? new RetryableJobError("try again") : data.mode === "permanent" ? new PermanentJobError("refused") : { done: data.key }]));
      },
    });
    await enqueueMany(batchJob, [{ data: { key: "b1", mode: "ok" } }, { data: { key: "b2", mode: "flaky" } }, { data: { key: "b3", mode: "permanent" } }, { data: { key: "b4", mode: "ok" } }], { correlationId: "cid-batch" });
    await startWorkers([batchJob], { pollingIntervalSeconds: 0.5 });
    await until(() => calls.flatMap((c) => c.keys).filter((k) => k === "b2").length >= 2);
    const keys = calls.flatMap((c) => c.keys);
    expect(calls[0]!.keys.sort()).toEqual(["b1", "b2", "b3", "b4"]); // one fetch, one call for the whole batch
    expect(keys.filter((k) => k === "b1")).toHaveLength(1);
    expect(keys.filter((k) => k === "b3")).toHaveLength(1);
    expect(keys.filter((k) => k === "b4")).toHaveLength(1);
    expect(calls.at(-1)!).toEqual({ keys: ["b2"], attempts: [2] });
    const boss = await getBoss();
    const dead = await boss.fetch<{ data: { key: string } }>(deadLetterQueue(batchJob.name), { batchSize: 10 });
    expect(dead.map((d) => d.data.data.key)).toEqual(["b3"]);
  });

  it("lanes: a bulk worker never takes an express job, an express worker never a bulk one, `all` takes both", async () => {
    const ran: string[] = [];
    const laneJob = defineJob({
      name: "test.lanes",
      schema: z.object({ key: z.string() }),
      queue: { retryLimit: 0, retryDelay: 0, retryBackoff: false, policy: "standard" },
      expressPriority: 10,
      dedupeKey: (d) => d.key,
      handler: async (d) => { ran.push(d.key); },
    });
    const boss = await getBoss();
    const settle = () => new Promise((r) => setTimeout(r, 1500)); // three polls: long enough for a wrong lane to take it
    await enqueue(laneJob, { key: "express-1" }, { priority: 10 });
    await enqueue(laneJob, { key: "bulk-1" });
    expect(await startWorkers([laneJob], { pollingIntervalSeconds: 0.5, lanes: "bulk" })).toEqual(["test.lanes (bulk)"]);
    await until(() => ran.includes("bulk-1"));
    await settle();
    expect(ran).toEqual(["bulk-1"]);

    await boss.offWork(laneJob.name);
    await enqueue(laneJob, { key: "bulk-2" });
    expect(await startWorkers([laneJob], { pollingIntervalSeconds: 0.5, lanes: "express" })).toEqual(["test.lanes (express)"]);
    await until(() => ran.includes("express-1"));
    await settle();
    expect(ran).toEqual(["bulk-1", "express-1"]);

    await boss.offWork(laneJob.name);
    await enqueue(laneJob, { key: "express-2" }, { priority: 10 });
    expect(await startWorkers([laneJob], { pollingIntervalSeconds: 0.5, lanes: "all" })).toEqual(["test.lanes (bulk)", "test.lanes (express)"]);
    await until(() => ran.includes("bulk-2") && ran.includes("express-2"));
    expect(ran.filter((k) => k.endsWith("-2")).sort()).toEqual(["bulk-2", "express-2"]);
    // A job without an express lane is not started on an express-only worker at all.
    expect(await startWorkers([job], { lanes: "express" })).toEqual([]);
  });
});
