// `npm run demo`: database (embedded unless DATABASE_URL), migrations, demo data, production build, then the
// web app on http://localhost:3000 (PORT to change) and the background processes. Ctrl-C stops everything.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT, prepareDemoDatabase } from "./lib/database.ts";
import { runToEnd, startProcess, stopAll, waitForHttp } from "./lib/processes.ts";

const log = (m: string) => console.log(`[demo] ${m}`);
const port = Number(process.env.PORT ?? 3000);
const t0 = Date.now();

const prepared = await prepareDemoDatabase(log);
process.env.DATABASE_URL = prepared.url;
const password = process.env.DEMO_PASSWORD ?? "cashline-demo";

const { getDb, disconnectDb } = await import("../lib/db/client.ts");
const { seedDemo } = await import("../lib/demo/seed-demo.ts");
const seeded = await seedDemo(getDb(), { password });
log(seeded.seeded ? `demo data loaded: ${JSON.stringify(seeded.counts)}` : "demo data already present (kept from an earlier run)");
await disconnectDb();

// A stable secret per data folder, so sessions survive restarts of the demo.
const secretFile = path.join(PROJECT_ROOT, ".data/nextauth-secret");
fs.mkdirSync(path.dirname(secretFile), { recursive: true });
if (!fs.existsSync(secretFile)) fs.writeFileSync(secretFile, crypto.randomBytes(32).toString("hex"), { mode: 0o600 });
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: prepared.url,
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? fs.readFileSync(secretFile, "utf8").trim(),
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  NODE_ENV: "production",
};

const nextBin = path.join(PROJECT_ROOT, "node_modules/.bin/next");
if (!fs.existsSync(path.join(PROJECT_ROOT, ".next/BUILD_ID")) || process.env.CASHLINE_REBUILD === "1") {
  log("building the web app (next build)…");
  const code = await runToEnd(nextBin, ["build"], env);
  if (code !== 0) {
    await prepared.local?.stop();
    process.exit(code);
  }
}

startProcess("web", nextBin, ["start", "-p", String(port)], env);
await waitForHttp(`http://127.0.0.1:${port}/api/v1/health`);

log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s — open http://localhost:${port}`);
log(`sign in as any of (password "${password}"):`);
for (const u of ["analyst", "treasury", "controller", "admin"]) log(`  ${u}@demo.cashline.dev`);

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  log("stopping…");
  await stopAll();
  await prepared.local?.stop();
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
