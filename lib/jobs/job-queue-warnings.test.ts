// A handler that never returns (the NetSuite token deadlock of 2026-12-04 was one) makes pg-boss fail its jobs at
// their expiry and then hold the worker: it takes nothing more from that queue, and pg-boss says so only as a
// 'warning' event. This process logs and counts it (cashline_job_queue_warnings_total), and the worker's /healthz
// fails while the handler hangs (so a process manager restarts it), and recovers when it returns. A real pg-boss,
// a job defined and run through the job base, a one-second expiry, the worker's probe server over HTTP.
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getBoss, stopBoss } from "./boss.ts";
import { defineJob } from "./define-job.ts";
import { enqueue } from "./enqueue.ts";
import { startWorkers } from "./start-workers.ts";
import { overrunningHandlers } from "./handler-watch.ts";
import { registry } from "../metrics/registry.ts";
import { serveWorkerMetrics } from "../metrics/serve-worker-metrics.ts";
import { waitFor } from "../testing/spawn-worker.ts";

useFreshDatabase();
let release: () => void = () => {};
let server: Awaited<ReturnType<typeof serveWorkerMetrics>> | undefined;
afterAll(async () => {
  release();
  await server?.close();
  await stopBoss({ graceful: false });
});

const overruns = async (queue: string) => {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === "cashline_job_queue_warnings_total");
  return Number(metric?.values.find((v) => v.labels.type === "handler_overrun" && v.labels.queue === queue)?.value ?? 0);
};

describe("a job handler hung past its expiry", () => {
  it("is counted by queue and type, fails the worker's /healthz while it hangs, and clears when it returns", async () => {
    const hung = new Promise<void>((resolve) => { release = resolve; });
    let started = 0;
    const job = defineJob({
      name: "test.hangs", schema: z.object({ n: z.number() }), queue: { retryLimit: 0, retryDelay: 1, retryBackoff: false, expireInSeconds: 1 },
      dedupeKey: (d) => String(d.n),
      handler: async () => { started++; await hung; },
    });
    await startWorkers([job]);
    server = await serveWorkerMetrics({ port: 0, host: "127.0.0.1", probe: { ready: () => true, overruns: () => overrunningHandlers(500) } });
    const health = async () => { const r = await fetch(`http://127.0.0.1:${server!.port}/healthz`); return { status: r.status, text: await r.text() }; };
    expect(await health()).toEqual({ status: 200, text: "ok\n" });
    expect(await overruns(job.name)).toBe(0);

    await enqueue(job, { n: 1 });
    await waitFor(async () => (await overruns(job.name)) === 1, 20_000, "the overrun to be counted");
    expect(started).toBe(1);
    // pg-boss failed the job at its expiry although the handler still runs.
    const boss = await getBoss();
    const rows = (await (await boss.getDb()).executeSql(`select state::text as state from pgboss.job where name = $1`, [job.name])).rows as { state: string }[];
    expect(rows.map((r) => r.state)).toEqual(["failed"]);
    await waitFor(async () => (await health()).status === 503, 10_000, "/healthz to fail");
    expect((await health()).text).toMatch(/^handler on test\.hangs running \d+ s \(its jobs expire after 1 s\)\n$/);

    release();
    await waitFor(async () => (await health()).status === 200, 10_000, "/healthz to recover once the handler returned");
    expect(overrunningHandlers(0)).toEqual([]);
  }, 60_000);
});
