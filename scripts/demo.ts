// `npm run demo`: database (embedded unless DATABASE_URL), migrations, demo data, production build, then the
// web app on http://localhost:3000 (PORT to change) and the background processes. Ctrl-C stops everything.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT, prepareDemoDatabase } from "./lib/database.ts";
import { dataFolderSecret } from "./lib/data-folder-secret.ts";
import { runToEnd, startProcess, stopAll, waitForHttp } from "./lib/processes.ts";

const log = (m: string) => console.log(`[demo] ${m}`);
const port = Number(process.env.PORT ?? 3000);
const t0 = Date.now();

// The key sealing secrets at rest, set before anything reads the environment (the seed seals ERP credentials).
process.env.CASHLINE_ENCRYPTION_KEY ??= dataFolderSecret("encryption-key", () => crypto.randomBytes(32).toString("base64"));
const prepared = await prepareDemoDatabase(log);
// The seed runs as the owner; everything after it (web, worker, simulators) as the least-privilege role.
process.env.DATABASE_URL = prepared.ownerUrl;
const password = process.env.DEMO_PASSWORD ?? "cashline-demo";

const { getDb, disconnectDb } = await import("../lib/db/client.ts");
const { seedDemo } = await import("../lib/demo/seed-demo.ts");
const seeded = await seedDemo(getDb(), { password });
log(seeded.seeded ? `demo data loaded: ${JSON.stringify(seeded.counts)}` : "demo data already present (kept from an earlier run)");
// The billing simulator calls the API like the real billing platform: with an API key, issued here (the key
// an earlier start issued is revoked).
const { issueDemoApiKey } = await import("../lib/demo/issue-demo-api-key.ts");
const billingSimKey = await issueDemoApiKey({ name: "billing simulator (demo)", system: "billing", scopes: ["billing:events"] });
// One ERP simulator per kind in use (lib/demo/demo-erp-connections.ts says which entity runs which ERP), and each
// entity's connection to its kind's simulator — unless ERP_URL points at a real ERP (entities then post there).
const { DEMO_ERP_KINDS, demoErpSimPorts, ensureDemoErpConnections } = await import("../lib/demo/demo-erp-connections.ts");
const erpSims = process.env.ERP_URL ? new Map() : demoErpSimPorts(Number(process.env.ERP_SIM_PORT ?? 4010));
if (erpSims.size) {
  const made = await ensureDemoErpConnections(getDb(), (kind) => `http://127.0.0.1:${erpSims.get(kind)}`);
  if (made) log(`ERP connections: ${Object.entries(DEMO_ERP_KINDS).map(([e, k]) => `${e} → ${k}`).join(", ")}`);
}
await disconnectDb();

const env: NodeJS.ProcessEnv = {
  ...process.env,
  // The key sealing secrets at rest (webhook signing secrets): generated once per data folder.
  CASHLINE_ENCRYPTION_KEY: process.env.CASHLINE_ENCRYPTION_KEY,
  DATABASE_URL: prepared.url,
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? dataFolderSecret("nextauth-secret"),
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  NODE_ENV: "production",
  // Generated per data folder and printed: the processor simulator signs with it, the web app verifies with it.
  STRIPE_WEBHOOK_SECRET: process.env.STRIPE_WEBHOOK_SECRET ?? dataFolderSecret("stripe-webhook-secret", () => `whsec_${crypto.randomBytes(24).toString("base64url")}`),
  // Prometheus scrapes GET /api/metrics and the worker's port with this bearer token (printed below).
  METRICS_TOKEN: process.env.METRICS_TOKEN ?? dataFolderSecret("metrics-token"),
  WORKER_METRICS_PORT: process.env.WORKER_METRICS_PORT ?? "9464",
  // The demo's ERP simulators listen on plain http on 127.0.0.1: let an admin point a connection at them.
  ERP_ALLOW_HTTP: process.env.ERP_ALLOW_HTTP ?? "true",
  // The bank landing folder: the bank simulator drops files here, the worker polls it.
  BANK_DROP_DIR: path.resolve(PROJECT_ROOT, process.env.BANK_DROP_DIR ?? ".data/bank-drop"),
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

// The ERPs (books of record) are simulated locally unless ERP_URL points at a real one: one simulator per kind.
for (const [kind, erpPort] of erpSims) {
  const url = `http://127.0.0.1:${erpPort}`;
  if (kind === "oracle") env.ERP_URL = url; // entities without a connection post to ERP_URL as Oracle
  const state = path.join(PROJECT_ROOT, kind === "oracle" ? ".data/erp-sim-ledger.json" : `.data/erp-sim-${kind}-ledger.json`);
  startProcess(`erp-sim-${kind}`, path.join(PROJECT_ROOT, "node_modules/.bin/tsx"), ["scripts/erp-sim.ts", "--kind", kind, "--port", String(erpPort), "--state", state], env, { quiet: true, restart: true });
  await waitForHttp(`${url}/__sim/health`);
  log(`ERP simulator (${kind}) on ${url} (faults: POST ${url}/__sim/faults, ledger: GET ${url}/__sim/ledger)`);
}
// Each entity's ERP learns the entity's customers and open invoices before anything posts to it: customers ensured
// and invoices published through the adapters (lib/demo/prime-demo-erps.ts), again at every start (SAP's and BC's
// simulators keep no state across restarts; a publication the ERP kept is a look-up).
if (erpSims.size) {
  process.env.DATABASE_URL = prepared.url;
  const { primeDemoErps } = await import("../lib/demo/prime-demo-erps.ts");
  const t1 = Date.now();
  for (const r of await primeDemoErps(Object.keys(DEMO_ERP_KINDS))) {
    log(`ERP ${r.entity} (${r.kind}): ${r.customers} customers, ${r.published} open invoices published, ${r.settled} settled to their open amount${r.failures.length ? `; ${r.failures.length} failed, e.g. ${r.failures.slice(0, 3).join(" | ")}` : ""}`);
  }
  log(`ERPs primed in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
}
// Supervised: the web, the worker and the ERP simulator are started again (with backoff) when they die.
startProcess("web", nextBin, ["start", "-p", String(port), "--keepAliveTimeout", "65000"], env, { restart: true });
await waitForHttp(`http://127.0.0.1:${port}/api/v1/health`);
// The background worker: every job (bank files, cash application, ERP posting…) and the schedules (bank drop
// folder, outbox). Its info logs stay out of the console; warnings and errors show.
startProcess("worker", path.join(PROJECT_ROOT, "node_modules/.bin/tsx"), ["jobs/worker.ts"], env, { quiet: true, restart: true });

// Pick up what the seed (or an earlier run) left unfinished: postings not acknowledged, receipts not yet decided.
{
  process.env.DATABASE_URL = prepared.url;
  // (Failed postings stay failed: they are exceptions for an analyst to replay.)
  const { db } = await import("../lib/db/client.ts");
  const { enqueue } = await import("../lib/jobs/enqueue.ts");
  const { erpPostingJob } = await import("../lib/posting/erp-posting-job-spec.ts");
  const { requeueCashApplication } = await import("../lib/replays/requeue-cash-application.ts");
  // Receipt postings only: payouts, deduction and re-opening journals have no receipt and are not ERP posting jobs
  // (queued, each failed at once as "has no receipt" on a restarted demo).
  const pending = await db.journalEntry.findMany({ where: { status: "PENDING", receiptId: { not: null } }, select: { id: true } });
  for (const e of pending) await enqueue(erpPostingJob, { journalEntryId: e.id }, { correlationId: `demo-start-${e.id}` });
  const batches = await requeueCashApplication(new Date(0), new Date());
  log(`queued unfinished work: ${pending.length} postings, ${batches} cash-application batch(es)`);
}

log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s — open http://localhost:${port}`);
log(`metrics: http://localhost:${port}/api/metrics and the worker's http://127.0.0.1:${env.WORKER_METRICS_PORT}/metrics (Authorization: Bearer ${env.METRICS_TOKEN}); worker health /healthz, /readyz`);
log(`sign in as any of (password "${password}"):`);
for (const u of ["analyst", "treasury", "controller", "admin"]) log(`  ${u}@demo.cashline.dev`);

// Live traffic so the cockpit fills up: Stripe-signed webhooks and billing-platform events, at a gentle pace;
// both simulators stop by themselves (CASHLINE_SIMULATORS=0 to leave them off).
if (process.env.CASHLINE_SIMULATORS !== "0") {
  const tsx = path.join(PROJECT_ROOT, "node_modules/.bin/tsx");
  const base = `http://127.0.0.1:${port}`;
  log(`Stripe webhook secret: ${env.STRIPE_WEBHOOK_SECRET} — simulators: processor → ${base}/api/webhooks/stripe, billing → ${base}/api/v1/billing/events (API key ${billingSimKey.prefix})`);
  startProcess("sim-processor", tsx, ["scripts/sim-processor.ts", "--url", `${base}/api/webhooks/stripe`, "--rate", "0.5", "--count", "150", "--max-seconds", "1800"], env, { quiet: true });
  startProcess("sim-billing", tsx, ["scripts/sim-billing.ts", "--url", `${base}/api/v1/billing/events`, "--rate", "0.1", "--count", "300", "--batch", "10", "--max-seconds", "1800"], { ...env, CASHLINE_API_KEY: billingSimKey.token }, { quiet: true });
  log(`bank simulator: statement files every 20 s into ${env.BANK_DROP_DIR} (camt.053, BAI2, MT942 + MT940, NACHA returns)`);
  startProcess("sim-bank", tsx, ["scripts/sim-bank.ts", "--dir", env.BANK_DROP_DIR!, "--every", "20", "--count", "90", "--max-seconds", "1800"], env, { quiet: true });
}

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  log("stopping…");
  await stopAll();
  const { stopBoss } = await import("../lib/jobs/boss.ts");
  await stopBoss({ graceful: false }).catch(() => {});
  await prepared.local?.stop();
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
