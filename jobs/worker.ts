// `npm run worker`: the background process. Runs every registered job (connectors, cash application, ERP
// posting, publication). Uses DATABASE_URL, or the demo's embedded database when unset. Start as many as you
// like, on as many machines: they share the work through pg-boss without doing anything twice.
import { prepareDemoDatabase } from "../scripts/lib/database.ts";
import os from "node:os";
import { logger } from "../lib/log/logger.ts";
import { env } from "../lib/env.ts";
import { overrunningHandlers, startHangWatchdog } from "../lib/jobs/handler-watch.ts";

const { startTracing, stopTracing } = await import("../lib/tracing/tracing.ts");
startTracing(`cashline-worker`);
const prepared = await prepareDemoDatabase((m) => logger.info("worker.db", { msg: m }));
process.env.DATABASE_URL = prepared.url;
const { JOBS } = await import("./registry.ts");
const { startWorkers } = await import("../lib/jobs/start-workers.ts");
const { stopBoss } = await import("../lib/jobs/boss.ts");
const { startSchedules } = await import("./schedules.ts");

const { WORKER_LANES: lanes, WORKER_BULK_NICE: nice, WORKER_METRICS_PORT: metricsPort, WORKER_METRICS_HOST: metricsHost, METRICS_TOKEN: metricsToken, WORKER_HANG_EXIT_SECONDS: hangExitSeconds } = env();
let ready = false;
// Health, readiness and metrics on a port of its own when asked for: up before the warm-up, ready after it.
const metricsServer = metricsPort === undefined ? null
  : await (await import("../lib/metrics/serve-worker-metrics.ts")).serveWorkerMetrics({ port: metricsPort, host: metricsHost, token: metricsToken, probe: { ready: () => ready, overruns: () => overrunningHandlers() } });
// A bulk-only worker steps back on the CPU: express workers and the web answer first, bulk uses what is left.
if (lanes === "bulk" && nice > 0) os.setPriority(Math.min(19, os.getPriority() + nice));
if (lanes !== "bulk") {
  const { warmLiveIndexes } = await import("../lib/cash-application/live-index.ts");
  const { warmConnections } = await import("../lib/db/warm-connections.ts");
  const t = Date.now();
  // A failed warm-up only means the first jobs warm up themselves: never a reason not to start.
  const [invoicesIndexed] = await Promise.all([warmLiveIndexes(), warmConnections(6).catch((e: unknown) => logger.warn("worker.warm_up_failed", { error: String(e) }))]);
  logger.info("worker.warmed", { invoicesIndexed, ms: Date.now() - t });
}
const { onBossError } = await import("../lib/jobs/boss.ts");
const { createDatabaseOutageWatch } = await import("../lib/jobs/database-outage-watch.ts");
const { canConnect } = await import("../lib/db/local-postgres.ts");
// Database gone (restart, fail-over, network): pause polling and schedules, probe with backoff, resume (no spin).
const outage = createDatabaseOutageWatch({
  probe: () => canConnect(prepared.url, 2000),
  onLost: async () => {
    ready = false;
    stopSchedules();
    // pg-boss may wait for queries that will never answer: give it a bounded moment, then drop it.
    await Promise.race([stopBoss({ graceful: false }), new Promise((r) => setTimeout(r, 12_000).unref())]);
  },
  onBack: async () => { await startAll(); },
  log: (msg, fields) => (msg === "db.recovered" ? logger.info(msg, fields) : logger.warn(msg, fields)),
});
onBossError((err) => outage.report(err));
let stopSchedules: () => void = () => {};
async function startAll(): Promise<string[]> {
  const names = await startWorkers(JOBS, { lanes });
  // Express workers stay light: the periodic sweeps run on the `all` and `bulk` workers.
  stopSchedules = lanes === "express" ? () => {} : await startSchedules((err) => outage.report(err));
  ready = true;
  return names;
}
const started = await startAll();
// Always printed, whatever LOG_LEVEL: supervisors and tests wait for this line.
console.log(JSON.stringify({ t: new Date().toISOString(), level: "info", msg: "worker.ready", lanes, jobs: started, nice: os.getPriority(), pid: process.pid, metricsPort: metricsServer?.port ?? null }));

// A handler hung well past its expiry holds this worker's share of that queue for good: leave, and let the
// supervisor start a fresh worker (as safe as a SIGKILL: postings are exactly once through killed workers).
if (hangExitSeconds > 0) {
  startHangWatchdog({ graceMs: hangExitSeconds * 1000, onHung: (hung) => {
    logger.error("worker.handler_hung_exit", { hung, afterSeconds: hangExitSeconds });
    process.exit(70);
  } });
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  outage.stop();
  logger.info("worker.stopping", { signal });
  stopSchedules();
  ready = false;
  await metricsServer?.close();
  await stopTracing();
  await stopBoss({ graceful: true });
  await prepared.local?.stop();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
