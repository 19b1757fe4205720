// A worker whose database goes away backs off instead of spinning, and resumes by itself when it is back.
// Unit: the watch's backoff and its states. Process: a real worker reaching PostgreSQL through a TCP proxy that the
// test cuts (refused connections, open ones reset) and restores; postings then resume without a person.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabaseOutageWatch } from "./database-outage-watch.ts";
import { isConnectionLost } from "../db/connection-lost.ts";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedAppliedReceipt, seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "./boss.ts";
import { requestErpPosting } from "../posting/request-erp-posting.ts";
import { spawnErpSim, type SpawnedErpSim } from "../erp-sim/spawn.ts";
import { spawnWorker, waitFor, type SpawnedWorker } from "../testing/spawn-worker.ts";
import { startTcpProxy, type TcpProxy } from "../testing/tcp-proxy.ts";

describe("connection-lost errors", () => {
  it("tells an unreachable database from a wrong query", () => {
    expect(isConnectionLost(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isConnectionLost(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }))).toBe(true);
    expect(isConnectionLost(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isConnectionLost(new Error("wrapped", { cause: new AggregateError([Object.assign(new Error("x"), { code: "ECONNREFUSED" })]) }))).toBe(true);
    expect(isConnectionLost(Object.assign(new Error('duplicate key value violates unique constraint "x"'), { code: "23505" }))).toBe(false);
    expect(isConnectionLost(new Error("invoice INV-1 not found"))).toBe(false);
  });
});

describe("database outage watch", () => {
  it("pauses once, probes with a doubling delay up to the cap, resumes once", async () => {
    const delays: number[] = [];
    const events: string[] = [];
    let probes = 0;
    const watch = createDatabaseOutageWatch({
      probe: async () => ++probes >= 7, onLost: async () => { events.push("lost"); }, onBack: async () => { events.push("back"); },
      log: () => {}, initialDelayMs: 1000, maxDelayMs: 8000, sleep: async (ms) => { delays.push(ms); },
    });
    watch.report(new Error("syntax error at or near SELEC"));
    expect(watch.state()).toBe("up");
    watch.report(Object.assign(new Error("refused"), { code: "ECONNREFUSED" }));
    watch.report(Object.assign(new Error("refused again"), { code: "ECONNREFUSED" }));
    expect(watch.state()).toBe("down");
    await watch.settled();
    expect(delays).toEqual([1000, 2000, 4000, 8000, 8000, 8000, 8000]);
    expect(events).toEqual(["lost", "back"]);
    expect(watch.state()).toBe("up");
    expect(watch.outages()).toBe(1);
  });

  it("keeps backing off when the database goes again while resuming", async () => {
    let resumes = 0;
    const watch = createDatabaseOutageWatch({
      probe: async () => true, onLost: async () => {}, log: () => {}, sleep: async () => {},
      onBack: async () => { if (++resumes === 1) throw Object.assign(new Error("gone again"), { code: "ECONNRESET" }); },
    });
    watch.report(Object.assign(new Error("reset"), { code: "ECONNRESET" }));
    await watch.settled();
    expect(resumes).toBe(2);
    expect(watch.state()).toBe("up");
  });
});

describe("a real worker losing its database", () => {
  const database = useFreshDatabase();
  let sim: SpawnedErpSim;
  let proxy: TcpProxy;
  let worker: SpawnedWorker | undefined;
  beforeAll(async () => {
    sim = await spawnErpSim({ seed: 11 });
    const url = new URL(database.url());
    proxy = await startTcpProxy(url.hostname, Number(url.port));
  });
  afterAll(async () => {
    await worker?.kill("SIGTERM");
    await proxy?.close();
    await sim?.stop();
    await stopBoss({ graceful: false });
  });

  it("logs its backoff, stops polling, reports not ready, and posts again once the database is back", async () => {
    const viaProxy = new URL(database.url());
    viaProxy.port = String(proxy.port);
    worker = await spawnWorker({ DATABASE_URL: viaProxy.toString(), ERP_URL: sim.url, WORKER_METRICS_PORT: "0", LOG_LEVEL: "info" });
    const port = Number(/"metricsPort":(\d+)/.exec(worker.output())?.[1]);
    const readyz = async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status;
    expect(await readyz()).toBe(200);
    const pid = worker.child.pid!;

    await proxy.cut();
    await waitFor(async () => worker!.output().includes('"db.connection_lost"'), 20_000, "the worker to notice the database is gone");
    await waitFor(async () => (await readyz()) === 503, 20_000, "readiness to drop");
    // Once paused, a quiet 8 s: no failed polls piling up in the log, little CPU.
    await new Promise((r) => setTimeout(r, 3000));
    const errorsBefore = (worker.output().match(/"pgboss\.error"|"schedule\.failed"/g) ?? []).length;
    const cpuBefore = cpuMs(pid);
    await new Promise((r) => setTimeout(r, 8000));
    const errorsDuring = (worker.output().match(/"pgboss\.error"|"schedule\.failed"/g) ?? []).length - errorsBefore;
    const cpuDuring = cpuMs(pid) - cpuBefore;
    const probes = (worker.output().match(/"db\.unreachable"/g) ?? []).length;
    console.log(`outage 8 s: ${errorsDuring} error lines, ${probes} probe lines so far, ${cpuDuring} ms CPU`);
    expect(errorsDuring).toBeLessThanOrEqual(2);
    expect(probes).toBeGreaterThanOrEqual(2);
    expect(probes).toBeLessThanOrEqual(6);
    expect(cpuDuring).toBeLessThan(2000);

    await proxy.restore();
    await waitFor(async () => worker!.output().includes('"db.recovered"'), 45_000, "the worker to resume");
    expect(await readyz()).toBe(200);
    const world = await seedMiniWorld("o");
    const { receipt } = await seedAppliedReceipt(world, 42_000n);
    await getDb().$transaction((tx) => requestErpPosting(tx, { receiptId: receipt.id, correlationId: `outage-${receipt.id}` }));
    await waitFor(async () => (await getDb().receipt.findUniqueOrThrow({ where: { id: receipt.id } })).postedAt !== null, 30_000, "the posting after the outage");
  }, 150_000);
});

/** User + system CPU time of a process in ms, from /proc (Linux). */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}
