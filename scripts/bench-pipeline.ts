// `npm run bench:pipeline`: 10,000 receipts from one bank file plus 2,000 card payments as signed webhooks at
// 50/s, through the whole path (HTTP in, parse, cash application, ERP posting) to the ERP simulator, with real
// processes: next start, two bulk workers and one express worker (README: Job runner), the simulator. Run twice: a
// healthy ERP, then one failing 20% of requests. Before the measured run, 500 webhooks (10 s at 50/s, not counted)
// warm the fresh processes up, as a load balancer's slow start would (`--warmup=0` measures from cold: the first
// 10 s then run at several times the steady latency while V8 and the connection pools warm up).
// Prints wall time, receipts/s and payment-to-posting latency percentiles (all, webhooks, bank file).
// `--erp oracle|sap|bc|netsuite` (default oracle): every entity's connection goes to that kind's simulator
// (lib/erp-sim/kinds.ts) with the vendor's realistic rate limit switched on, said in the output.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { z } from "zod";
import { createDatabase, startLocalPostgres } from "../lib/db/local-postgres.ts";
import { migrateDatabase } from "../lib/db/migrate.ts";
import { freePort } from "../lib/db/local-postgres.ts";
import { spawnErpSim } from "../lib/erp-sim/spawn.ts";
import { spawnWorker } from "../lib/testing/spawn-worker.ts";
import { waitForHttp } from "./lib/processes.ts";
import { camtStatement, type Payment } from "./lib/bench-camt.ts";
import { chargeObject, signedDelivery, stripeEvent, stripeId } from "../lib/stripe/stripe-fixtures.ts";
import { PROJECT_ROOT } from "./lib/database.ts";
import { postmasterPid, treeCpuSeconds } from "./lib/process-cpu.ts";
import crypto from "node:crypto";
import { ERP_KINDS } from "../lib/erp/adapter.ts";
import { erpSimKind } from "../lib/erp-sim/kinds.ts";
import { createErpAdapter } from "../lib/erp/adapters.ts";

const flags = z.object({
  bank: z.coerce.number().int().min(100).default(10_000),
  webhooks: z.coerce.number().int().min(10).default(2_000),
  rate: z.coerce.number().min(1).default(50),
  /** Bulk workers (WORKER_LANES=bulk: statements, at a lower OS priority) and express workers (card payments). */
  workers: z.coerce.number().int().min(1).default(2),
  "express-workers": z.coerce.number().int().min(0).default(1),
  /** Webhooks sent before the measured run (not counted), the way a load balancer's slow start warms a new instance. */
  warmup: z.coerce.number().int().min(0).default(500),
  scenarios: z.string().default("healthy,erp-20pct-errors"),
  /** Which ERP every entity posts to (its simulator, with the vendor's realistic rate limit on). */
  erp: z.enum(ERP_KINDS).default("oracle"),
  /** Print where PostgreSQL spent its time during the run: the top statements of pg_stat_statements. */
  "pg-stats": z.enum(["true", "false"]).transform((v) => v === "true").default(false),
}).parse(parseFlags(process.argv.slice(2)));

/** `--name=value` or `--name value`. */
function parseFlags(args: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const [name, inline] = args[i]!.replace(/^--/, "").split("=");
    out[name!] = inline ?? (args[i + 1] && !args[i + 1]!.startsWith("--") ? args[++i]! : "true");
  }
  return out;
}
// ERP credentials of the bench's connections are sealed at rest like anywhere else: a key for this run.
process.env.CASHLINE_ENCRYPTION_KEY ??= crypto.randomBytes(32).toString("base64");
const erpSim = erpSimKind(flags.erp);

const SECRET = "whsec_bench_0123456789abcdef";
const pct = (xs: number[], p: number) => (xs.length ? xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : NaN);
const fmt = (ms: number) => (Number.isNaN(ms) ? "—" : `${(ms / 1000).toFixed(2)} s`);

let redeliveries = 0;
/** Deliveries refused at capacity (503 + Retry-After) before any work. */
let shed = 0;
/** Each accepted delivery: when it was sent and how long the web took to answer it. */
const answers: { at: number; ms: number }[] = [];
/** Like Stripe: a delivery answered with an error is sent again after a pause (at least once, never lost). */
async function deliver(url: string, d: { body: string; headers: Record<string, string> }): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const at = Date.now();
    const r = await fetch(url, { method: "POST", headers: d.headers, body: d.body }).catch(() => null);
    if (r?.ok) return void answers.push({ at, ms: Date.now() - at });
    if (attempt >= 8) throw new Error(`webhook still failing after ${attempt} deliveries: ${r ? `${r.status} ${await r.text()}` : "no answer"}`);
    redeliveries++;
    if (r?.status === 503) shed++;
    // A 503's Retry-After (admission control: lib/http/admission.ts) is honoured, as a well-behaved sender does.
    const retryAfter = r?.status === 503 ? Number(r.headers.get("retry-after") ?? 0) * 1000 : 0;
    await new Promise((res) => setTimeout(res, Math.max(500 * attempt, retryAfter)));
  }
}

/** pg_stat_statements on the bench's database (`--pg-stats`): reset at the start of the measured run, top statements after. */
async function pgStatements(url: string) {
  const { Client } = await import("pg");
  const query = async <T,>(sql: string) => {
    const c = new Client({ connectionString: url });
    await c.connect();
    try { return (await c.query(sql)).rows as T[]; } finally { await c.end(); }
  };
  await query("create extension if not exists pg_stat_statements");
  // New backends cost PostgreSQL a fork and a cold catalog cache each: counted, as is what commits cost.
  const counters = async () => (await query<{ sessions: string; commits: string }>(`select sum(sessions) as sessions, sum(xact_commit) as commits from pg_stat_database`))[0]!;
  let before = { sessions: "0", commits: "0" };
  return {
    reset: async () => { await query("select pg_stat_statements_reset()"); before = await counters(); },
    top: async (n: number) => {
      const rows = await query<{ total: number; calls: string; mean: number; rows: string; query: string }>(
        `select total_exec_time + total_plan_time as total, calls, (total_exec_time + total_plan_time) / greatest(calls, 1) as mean, rows, query
         from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database()) order by 1 desc limit ${n}`);
      const all = (await query<{ total: number }>(`select coalesce(sum(total_exec_time + total_plan_time), 0) as total from pg_stat_statements`))[0]!.total;
      const after = await counters();
      return [`    all statements: ${Number(all).toFixed(0)} ms; sessions opened: ${Number(after.sessions) - Number(before.sessions)}; transactions committed: ${Number(after.commits) - Number(before.commits)}`, ...rows.map((r) => `    ${Number(r.total).toFixed(0).padStart(8)} ms ${r.calls.padStart(8)} × ${Number(r.mean).toFixed(3).padStart(8)} ms ${r.rows.padStart(8)} rows  ${r.query.replace(/\s+/g, " ").slice(0, 150)}`)].join("\n");
    },
  };
}

async function run(scenario: string) {
  redeliveries = 0;
  shed = 0;
  answers.length = 0;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "cashline-bench-"));
  const pg = await startLocalPostgres({ dataDir: path.join(work, "pg"), fresh: true, settings: flags["pg-stats"] ? ["shared_preload_libraries=pg_stat_statements", "pg_stat_statements.max=2000", "pg_stat_statements.track_planning=on"] : [] });
  await createDatabase(pg.adminUrl, "bench");
  const url = pg.urlFor("bench");
  await migrateDatabase(url);
  const pgStats = flags["pg-stats"] ? await pgStatements(url) : null;
  process.env.DATABASE_URL = url;
  const { getDb, disconnectDb } = await import("../lib/db/client.ts");
  const { seedDemo } = await import("../lib/demo/seed-demo.ts");
  const { createApiKey } = await import("../lib/api-keys/create-api-key.ts");
  const db = getDb();
  await seedDemo(db, { password: "bench-password" });
  // Fresh open invoices for the bench: one per payment, for US01 customers, so every receipt has a true match.
  const customers = await db.customer.findMany({ where: { entity: { code: "US01" } }, select: { id: true, name: true, entityId: true } });
  const total = flags.bank + flags.webhooks;
  const invoices = Array.from({ length: total }, (_, i) => ({
    id: `binv_${i}`, entityId: customers[i % customers.length]!.entityId, customerId: customers[i % customers.length]!.id, number: `BENCH-${String(i).padStart(6, "0")}`,
    currency: "USD", amountMinor: BigInt(10_000 + i * 7), openAmountMinor: BigInt(10_000 + i * 7), issueDate: new Date(), dueDate: new Date(Date.now() + 30 * 86_400_000),
    sourceSystem: "bench", sourceId: `binv_${i}`,
  }));
  const warmInvoices = Array.from({ length: flags.warmup }, (_, i) => ({ ...invoices[i % invoices.length]!, id: `winv_${i}`, number: `WARM-${String(i).padStart(6, "0")}`, sourceId: `winv_${i}`, amountMinor: BigInt(5_000 + i * 3), openAmountMinor: BigInt(5_000 + i * 3) }));
  for (const list of [invoices, warmInvoices]) for (let i = 0; i < list.length; i += 5000) await db.invoice.createMany({ data: list.slice(i, i + 5000) });
  const account = await db.bankAccount.findFirstOrThrow({ where: { name: "US Operating" } });
  await db.bankAccount.update({ where: { id: account.id }, data: { iban: "US00BENCH0000000000001" } });
  const key = await createApiKey({ name: "bench bank", system: "bank", scopes: ["bank:statements"], createdById: null });

  const sim = await spawnErpSim({ kind: flags.erp, seed: 5 });
  // Every entity's connection to this kind's simulator (the demo's credentials for it), as an admin would set them.
  const { ensureDemoErpConnections } = await import("../lib/demo/demo-erp-connections.ts");
  await ensureDemoErpConnections(db, () => sim.url, Object.fromEntries((await db.legalEntity.findMany()).map((e) => [e.code, flags.erp])));
  // The ERP holds the bench's customers and open invoices before anything posts (SAP clears its own open items, BC
  // applies to its own invoice numbers, NetSuite to its own ids; Oracle's simulator keeps applications to invoices
  // it does not hold). Seeded in bulk through the simulator's control plane: publishing 12,500 invoices through
  // the vendor's API would take longer than the run itself (BC: ~50,000 requests at 6,000 / 5 min).
  if (flags.erp !== "oracle") {
    const { seedErpSimulator } = await import("../lib/demo/seed-erp-simulator.ts");
    const { fromMinor } = await import("../lib/money/money.ts");
    const accounts = new Map((await db.customer.findMany({ where: { entity: { code: "US01" } }, select: { id: true, erpAccountNumber: true, name: true } })).map((c) => [c.id, c]));
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const seeded = Date.now();
    await seedErpSimulator(flags.erp, sim.url, [...accounts.values()].map((c) => ({ accountNumber: c.erpAccountNumber, name: c.name, entity: "US01", currency: "USD" })),
      [...invoices, ...warmInvoices].map((i) => ({ invoiceNumber: i.number, customerAccount: accounts.get(i.customerId)!.erpAccountNumber, entity: "US01", currency: "USD", amount: fromMinor(i.amountMinor, "USD"), issueDate: day(i.issueDate), dueDate: day(i.dueDate) })));
    console.log(`(${flags.erp} simulator seeded with ${accounts.size} customers and ${invoices.length + warmInvoices.length} open invoices in ${((Date.now() - seeded) / 1000).toFixed(1)} s)`);
  }
  await disconnectDb();
  // The vendor's realistic limit on, plus the scenario's errors.
  const faults = { ...erpSim.realisticFaults, ...(scenario.includes("errors") ? { error_ratio: 0.2 } : {}) };
  if (Object.keys(faults).length) await fetch(`${sim.url}/__sim/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(faults) });
  const { demoErpCredentials: credentialsOf } = await import("../lib/demo/demo-erp-connections.ts");
  const pacing = createErpAdapter({ kind: flags.erp, baseUrl: sim.url, credentials: await credentialsOf(flags.erp, sim.url) }).capabilities.rateLimit;
  console.log(`ERP: ${flags.erp} simulator at ${sim.url}; rate limit: ${erpSim.limitNote}; simulator faults ${JSON.stringify(faults)}; adapter pacing (one clock per ERP endpoint for all workers, concurrency per worker) ${Object.keys(pacing).length ? JSON.stringify(pacing) : "none"}`);
  const env = { DATABASE_URL: url, ERP_URL: sim.url, STRIPE_WEBHOOK_SECRET: SECRET, LOG_LEVEL: "info", BOSS_MONITOR_SECONDS: "5", CASHLINE_ENCRYPTION_KEY: process.env.CASHLINE_ENCRYPTION_KEY! };
  const port = await freePort();
  const web = spawn(path.join(PROJECT_ROOT, "node_modules/.bin/next"), ["start", "-p", String(port), "--keepAliveTimeout", "65000"], { cwd: PROJECT_ROOT, env: { ...process.env, ...env, LOG_LEVEL: "error", NEXTAUTH_SECRET: "bench-secret-0123456789", NODE_ENV: "production" }, detached: true, stdio: ["ignore", "ignore", fs.openSync(path.join(os.tmpdir(), "cashline-bench-web.log"), "w")] });
  const base = `http://127.0.0.1:${port}`;
  const workers: Awaited<ReturnType<typeof spawnWorker>>[] = [];
  const cleanup = async () => {
    // The workers' logs (LOG_LEVEL=info: one line per job with its timing) stay behind for a look at where time went.
    workers.forEach((w, i) => fs.writeFileSync(path.join(os.tmpdir(), `cashline-bench-worker-${i + 1}.log`), w.output()));
    await Promise.all(workers.map((w) => w.kill("SIGTERM")));
    // `next start` runs the server as a child process: stop the whole group.
    try { process.kill(-web.pid!, "SIGTERM"); } catch { /* already gone */ }
    await sim.stop();
    await pg.stop();
    fs.rmSync(work, { recursive: true, force: true });
  };
  try {
  await waitForHttp(`${base}/api/v1/health`);
  // With express workers the others take only bulk work; without, every worker takes both (WORKER_LANES=all).
  const express = flags["express-workers"];
  workers.push(...(await Promise.all([
    ...Array.from({ length: flags.workers }, () => spawnWorker({ ...env, WORKER_LANES: express ? "bulk" : "all" })),
    ...Array.from({ length: express }, () => spawnWorker({ ...env, WORKER_LANES: "express" })),
  ])));

  const payments: Payment[] = invoices.slice(0, flags.bank).map((inv, i) => ({ amountMinor: inv.amountMinor, remittance: `INVOICE ${inv.number}`, payer: customers[i % customers.length]!.name.toUpperCase().slice(0, 35), ref: `BENCHREF${i}` }));
  const file = camtStatement({ iban: "US00BENCH0000000000001", currency: "USD", date: new Date().toISOString().slice(0, 10), opening: 25_000_000n, payments });

  if (flags.warmup) {
    const started = Date.now();
    await Promise.all(warmInvoices.map(async (inv, i) => {
      await new Promise((r) => setTimeout(r, (i * 1000) / flags.rate));
      const charge = chargeObject({ id: stripeId("ch"), paymentIntentId: stripeId("pi"), amount: Number(inv.amountMinor), currency: "usd", name: customers[i % customers.length]!.name, metadata: { invoice_number: inv.number, entity: "US01" } });
      await deliver(`${base}/api/webhooks/stripe`, signedDelivery(stripeEvent("charge.succeeded", charge), SECRET));
    }));
    await new Promise((r) => setTimeout(r, 3000)); // let the warm-up payments finish posting
    console.log(`(warm-up: ${flags.warmup} webhooks in ${((Date.now() - started) / 1000).toFixed(1)} s, not counted)`);
    answers.length = 0;
    redeliveries = 0;
    shed = 0;
  }
  const pgPid = postmasterPid(pg.dataDir);
  const cpuOf = () => ({ postgres: pgPid ? treeCpuSeconds(pgPid) : NaN, web: treeCpuSeconds(web.pid!), workers: workers.reduce((n, w) => n + treeCpuSeconds(w.child.pid!), 0), "erp-sim": treeCpuSeconds(sim.child.pid!), "bench driver": process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6 });
  await pgStats?.reset();
  const cpu0 = cpuOf();
  const t0 = Date.now();
  const upload = fetch(`${base}/api/v1/bank-statements?filename=bench.camt053.xml`, { method: "POST", headers: { authorization: `Bearer ${key.token}`, "content-type": "application/xml" }, body: file })
    .then(async (r) => { if (!r.ok) throw new Error(`upload answered ${r.status}: ${await r.text()}`); });
  // Webhooks at a steady rate, each an independent delivery (like Stripe's).
  const sends: Promise<void>[] = [];
  const abandoned: string[] = [];
  for (let i = 0; i < flags.webhooks; i++) {
    const inv = invoices[flags.bank + i]!;
    const charge = chargeObject({ id: stripeId("ch"), paymentIntentId: stripeId("pi"), amount: Number(inv.amountMinor), currency: "usd", name: customers[(flags.bank + i) % customers.length]!.name, metadata: { invoice_number: inv.number, entity: "US01" } });
    const d = signedDelivery(stripeEvent("charge.succeeded", charge), SECRET);
    const due = t0 + (i * 1000) / flags.rate;
    await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
    // A delivery given up after 8 attempts (the web overloaded) is counted and reported, not thrown: thrown from a
    // send nobody awaits yet it crashed the bench mid-cleanup and left the web server running (seen at 100/s).
    sends.push(deliver(`${base}/api/webhooks/stripe`, d).catch((e: Error) => void abandoned.push(e.message)));
  }
  await Promise.all([upload, ...sends]);
  if (abandoned.length) console.log(`  ${abandoned.length} webhooks given up after 8 deliveries (first: ${abandoned[0]}): the web could not keep up; they are left out of "posted"`);
  const expected = total - abandoned.length;
  const sentAt = Date.now();

  process.env.DATABASE_URL = url;
  const db2 = getDb();
  let posted = 0;
  const deadline = Date.now() + 10 * 60_000;
  while (Date.now() < deadline) {
    posted = await db2.receipt.count({ where: { postedAt: { not: null }, remittance: { contains: "BENCH-" } } });
    if (posted >= expected) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const wall = Date.now() - t0;
  const cpu1 = cpuOf();
  const topStatements = await pgStats?.top(15);
  const rows = await db2.receipt.findMany({ where: { remittance: { contains: "BENCH-" } }, select: { channel: true, postingLatencyMs: true, postedAt: true, receivedAt: true, state: true } });
  const lat = (filter: (r: (typeof rows)[number]) => boolean) => rows.filter((r) => filter(r) && r.postingLatencyMs !== null).map((r) => r.postingLatencyMs!).sort((a, b) => a - b);
  const all = lat(() => true), cards = lat((r) => r.channel === "CARD"), bank = lat((r) => r.channel !== "CARD");
  // Where the time goes: money known → applied (cash application) and applied → acknowledged (ERP posting).
  const steps = await db2.$queryRaw<{ toApply: number | null; toPost: number | null; card: boolean; at: number }[]>`
    select extract(epoch from (a."recordedAt" - r."receivedAt")) * 1000 as "toApply", extract(epoch from (r."postedAt" - a."recordedAt")) * 1000 as "toPost", r.channel = 'CARD' as card,
      extract(epoch from r."receivedAt") * 1000 as at
    from "Receipt" r join "WorkflowEvent" a on a."receiptId" = r.id and a.type = 'cash.applied' where r.remittance like '%BENCH-%'`;
  const split = (card: boolean) => ({
    toApply: steps.filter((x) => x.card === card).map((x) => Number(x.toApply)).filter((x) => !Number.isNaN(x)).sort((a, b) => a - b),
    toPost: steps.filter((x) => x.card === card && x.toPost !== null).map((x) => Number(x.toPost)).sort((a, b) => a - b),
  });
  const cardSteps = split(true), bankSteps = split(false);
  const lastPosted = Math.max(...rows.filter((r) => r.postedAt).map((r) => r.postedAt!.getTime()));
  const { readNormalisedLedger } = await import("../lib/erp-sim/normalised-ledger.ts");
  const booked = await readNormalisedLedger(sim.url);
  const ledger = { counts: { receipts: booked.length, distinct: new Set(booked.map((r) => r.receiptNumber)).size } };
  // What the simulator saw (every kind reports faultStats; request counters where it keeps them).
  const simStats = (await (await fetch(`${sim.url}/__sim/ledger`)).json()) as { faultStats?: Record<string, number>; requests?: number | { erp?: number } };
  const simRequests = typeof simStats.requests === "number" ? simStats.requests : simStats.requests?.erp;
  const states = rows.reduce<Record<string, number>>((m, r) => ((m[r.state] = (m[r.state] ?? 0) + 1), m), {});
  await disconnectDb();

  console.log(`\n(load average ${os.loadavg().map((x) => x.toFixed(1)).join(" ")} on ${os.cpus().length} cores)`);
  console.log(`\n== ${scenario} (ERP ${flags.erp}; rate limit: ${erpSim.limitNote}): ${flags.bank} bank-file receipts + ${flags.webhooks} webhooks at ${flags.rate}/s, ${flags["express-workers"] ? `${flags.workers} bulk + ${flags["express-workers"]} express workers` : `${flags.workers} workers`}`);
  console.log(`  receipts in: ${rows.length}; posted: ${posted}/${total}; ERP receipts booked: ${ledger.counts.receipts} (${ledger.counts.distinct} distinct receipt numbers)${flags.warmup ? ` (${flags.warmup} of them the warm-up)` : ""}; states: ${JSON.stringify(states)}`);
  console.log(`  webhook redeliveries after an error answer: ${redeliveries} (${shed} of them after a 503 at capacity)`);
  console.log(`  ERP simulator: ${simRequests === undefined ? "" : `${simRequests} requests since its start (warm-up included); `}faults ${JSON.stringify(simStats.faultStats ?? {})}`);
  console.log(`  all sent in ${fmt(sentAt - t0)}; last posting ${fmt(lastPosted - t0)} after start; wall ${fmt(wall)}; ${(posted / ((lastPosted - t0) / 1000)).toFixed(0)} receipts/s end to end`);
  console.log(`  CPU seconds used during the run (2 cores × ${(wall / 1000).toFixed(0)} s = ${(2 * wall / 1000).toFixed(0)} available): ${Object.entries(cpu1).map(([k, v]) => `${k} ${(v - cpu0[k as keyof typeof cpu0]).toFixed(1)}`).join(", ")}`);
  if (topStatements) console.log(`  PostgreSQL time by statement (pg_stat_statements, the run only; total ms, calls, mean ms, rows):\n${topStatements}`);
  console.log(`  payment-to-posting latency   p50      p95      p99`);
  for (const [name, xs] of [["all", all], ["webhooks", cards], ["  of which: to applied", cardSteps.toApply], ["  of which: applied → ERP ack", cardSteps.toPost],
    ["bank file", bank], ["  of which: to applied", bankSteps.toApply], ["  of which: applied → ERP ack", bankSteps.toPost]] as const) console.log(`    ${name.padEnd(25)} ${fmt(pct(xs, 50)).padStart(8)} ${fmt(pct(xs, 95)).padStart(8)} ${fmt(pct(xs, 99)).padStart(8)}`);
  // Over time (by when the webhook arrived): a queue that builds up grows steadily, a periodic stall shows as one bad window.
  const windows = new Map<number, number[]>();
  for (const r of rows) if (r.channel === "CARD" && r.postingLatencyMs !== null) {
    const w = Math.floor((r.receivedAt.getTime() - t0) / 10_000);
    windows.set(w, [...(windows.get(w) ?? []), r.postingLatencyMs]);
  }
  const stepWindows = new Map<number, { toApply: number[]; toPost: number[] }>();
  for (const x of steps) if (x.card) {
    const w = Math.floor((Number(x.at) - t0) / 10_000);
    const e = stepWindows.get(w) ?? { toApply: [], toPost: [] };
    if (x.toApply !== null) e.toApply.push(Number(x.toApply));
    if (x.toPost !== null) e.toPost.push(Number(x.toPost));
    stepWindows.set(w, e);
  }
  const answerWindows = new Map<number, number[]>();
  for (const a of answers) {
    const w = Math.floor((a.at - t0) / 10_000);
    answerWindows.set(w, [...(answerWindows.get(w) ?? []), a.ms]);
  }
  const p95 = (xs: number[] | undefined) => fmt(pct((xs ?? []).sort((a, b) => a - b), 95));
  console.log(`  webhook HTTP answer time p95 by 10 s window: ${[...answerWindows].sort((a, b) => a[0] - b[0]).map(([w, xs]) => `${w * 10}s ${p95(xs)}`).join("; ")}`);
  console.log(`  webhooks by arrival time (10 s windows; p95 of the whole, of "to applied", of "applied → ERP ack"):`);
  console.log(`    ${[...windows].sort((a, b) => a[0] - b[0]).map(([w, xs]) => `${w * 10}s p50 ${fmt(pct(xs.sort((a, b) => a - b), 50))} p95 ${fmt(pct(xs, 95))} (${p95(stepWindows.get(w)?.toApply)} + ${p95(stepWindows.get(w)?.toPost)})`).join("; ")}`);
  } finally {
    await cleanup();
  }
}

if (!fs.existsSync(path.join(PROJECT_ROOT, process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID"))) {
  console.error("build the web app first: npx next build");
  process.exit(2);
}
for (const s of flags.scenarios.split(",")) await run(s);
process.exit(0);
