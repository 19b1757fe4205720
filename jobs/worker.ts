// `npm run worker`: the background process. Runs every registered job (connectors, cash application, ERP
// posting, publication). Uses DATABASE_URL, or the demo's embedded database when unset. Start as many as you
// like, on as many machines: they share the work through pg-boss without doing anything twice.
import { prepareDemoDatabase } from "../scripts/lib/database.ts";
import { logger } from "../lib/log/logger.ts";

const prepared = await prepareDemoDatabase((m) => logger.info("worker.db", { msg: m }));
process.env.DATABASE_URL = prepared.url;
const { JOBS } = await import("./registry.ts");
const { startWorkers } = await import("../lib/jobs/start-workers.ts");
const { stopBoss } = await import("../lib/jobs/boss.ts");
const { startSchedules } = await import("./schedules.ts");

await startWorkers(JOBS);
const stopSchedules = await startSchedules();
// Always printed, whatever LOG_LEVEL: supervisors and tests wait for this line.
console.log(JSON.stringify({ t: new Date().toISOString(), level: "info", msg: "worker.ready", jobs: JOBS.map((j) => j.name), pid: process.pid }));

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info("worker.stopping", { signal });
  stopSchedules();
  await stopBoss({ graceful: true });
  await prepared.local?.stop();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
