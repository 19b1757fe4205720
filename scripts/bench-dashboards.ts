// npm run bench:dashboards — a fresh embedded PostgreSQL with 1,000,000 receipts and 2,000,000 invoices (plus
// their applications, exception cases, events, journal, bank lines, audit log), generated in SQL; then every
// dashboard query and every list page's domain function timed ~20 times with typical filters. Prints p50/p95 per
// query; exits non-zero if a p95 is above the floor (`--floor MS`, default 100).
// Options: --receipts N --invoices N --runs N --data-dir DIR (reuse a loaded database across runs: data is
// generated only when it is empty; pending migrations, e.g. new indexes, are applied) --hold (keep the server up
// and print its URL, for EXPLAIN ANALYZE by hand; Ctrl-C stops it).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDatabase, startLocalPostgres } from "../lib/db/local-postgres.ts";
import { migrateDatabase } from "../lib/db/migrate.ts";
import { benchDataSql } from "./lib/bench-dashboards-data.ts";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}
const size = {
  receipts: Number(arg("receipts") ?? 1_000_000),
  invoices: Number(arg("invoices") ?? 2_000_000),
  customers: 20_000,
  auditEntries: Number(arg("audit") ?? 600_000),
};
const RUNS = Number(arg("runs") ?? 20);
const FLOOR_MS = Number(arg("floor") ?? 100); // issue 15: p95 < 100 ms at 10,000,000 receipts / 20,000,000 invoices
const dataDir = arg("data-dir");
const hold = process.argv.includes("--hold");
const log = (m: string) => console.log(`[bench] ${m}`);
const secs = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;

const work = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "cashline-bench-"));
const server = await startLocalPostgres({ dataDir: path.join(work, "pg"), fresh: !dataDir, port: dataDir ? 54391 : undefined });
await createDatabase(server.adminUrl, "bench");
const url = server.urlFor("bench");
const client = new pg.Client({ connectionString: url });
client.on("error", () => {}); // the server going away on Ctrl-C (--hold) is expected

try {
  const migrated = await migrateDatabase(url, log);
  await client.connect();
  await client.query("set timezone = 'UTC'");
  const loaded = Number((await client.query(`select count(*) as n from "Receipt"`)).rows[0].n) > 0;
  if (!loaded) await load();
  else {
    log("data already loaded: reusing it");
    // A migration that rewrote rows (a new column filled in) leaves pages that index-only scans must visit until
    // autovacuum has been through them; measure the steady state, as production sees it after that.
    if (migrated.length) {
      const tv = performance.now();
      await client.query("vacuum analyze");
      log(`vacuum analyze after ${migrated.length} migration(s) in ${secs(tv)}`);
    }
  }
  if (hold) {
    log(`holding: ${url}`);
    await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
  } else {
    const ok = await timeQueries();
    process.exitCode = ok ? 0 : 1;
  }
} finally {
  await client.end().catch(() => {});
  const { disconnectDb } = await import("../lib/db/client.ts");
  await disconnectDb();
  await server.stop();
  if (!dataDir) {
    // As root the server's data lives in a twin folder (see resolveDataDir): remove both.
    fs.rmSync(server.dataDir, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Bulk load the way one would in production: secondary indexes dropped, rows inserted set-wise, indexes rebuilt. */
async function load() {
  const t0 = performance.now();
  const indexes = (await client.query<{ indexname: string; indexdef: string }>(`
    select i.indexname, i.indexdef from pg_indexes i
     where i.schemaname = 'public' and i.tablename <> '_prisma_migrations'
       and i.indexname not in (select conname from pg_constraint where contype = 'p')`)).rows;
  for (const i of indexes) await client.query(`drop index "${i.indexname}"`);
  await client.query("set session_replication_role = replica"); // no per-row FK triggers while loading
  await client.query("select setseed(0.42)");
  for (const step of benchDataSql(size)) {
    const t = performance.now();
    await client.query(step.sql);
    log(`loaded ${step.label} in ${secs(t)}`);
  }
  await client.query("set session_replication_role = default");
  const t = performance.now();
  await client.query("set maintenance_work_mem = '512MB'");
  await client.query("set max_parallel_maintenance_workers = 4");
  for (const i of indexes) await client.query(i.indexdef);
  log(`rebuilt ${indexes.length} indexes in ${secs(t)}`);
  // The rows went in with triggers off: compute the figures the triggers would have kept (lib/figures/movement-rollup.ts).
  const tu = performance.now();
  process.env.DATABASE_URL = url;
  const { rebuildFiguresKeptOnWrite } = await import("../lib/figures/figures-kept-on-write.ts");
  await rebuildFiguresKeptOnWrite();
  log(`figures kept on write rebuilt in ${secs(tu)}`);
  const tv = performance.now();
  await client.query("vacuum analyze");
  log(`vacuum analyze in ${secs(tv)}; load total ${secs(t0)}`);
  const counts = (await client.query(`select
      (select count(*) from "Receipt") as receipts, (select count(*) from "Invoice") as invoices, (select count(*) from "Application") as applications,
      (select count(*) from "ExceptionCase") as cases, (select count(*) from "WorkflowEvent") as events, (select count(*) from "JournalLine") as journal_lines,
      (select count(*) from "BankTransaction") as bank_lines, (select count(*) from "AuditLog") as audit`)).rows[0];
  log(`rows: ${Object.entries(counts).map(([k, v]) => `${k} ${Number(v).toLocaleString("en")}`).join(", ")}`);
}

async function timeQueries(): Promise<boolean> {
  process.env.DATABASE_URL = url;
  const now = new Date();
  // What the worker's schedule keeps current in production: the aging trend's end-of-day snapshots.
  const { snapshotUnappliedCash } = await import("../lib/dashboards/snapshot-unapplied-cash.ts");
  const ts = performance.now();
  const snap = await snapshotUnappliedCash(now);
  log(`unapplied-cash snapshot through ${snap.through}: ${snap.rows} rows in ${secs(ts)}`);
  const sampleRef = (await client.query<{ ref: string }>(`select "bankReference" as ref from "Receipt" where id = 'r424242'`)).rows[0]?.ref ?? "BR";
  const period = now.toISOString().slice(0, 7);
  const prevPeriod = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
  const [{ getUnappliedAging }, { getPostingLatency }, { getExceptionResolution }, { getAutoMatchRate }, { getCashPosition }, { getCloseChecklist },
    { getConnectorHealth }, { listDeadLetters }, { listReceipts, listReceiptsQuery }, { listExceptions, listExceptionsQuery }, { listAuditLog, listAuditQuery },
    { getHomeSummary }] = await Promise.all([
    import("../lib/dashboards/get-unapplied-aging.ts"), import("../lib/dashboards/get-posting-latency.ts"), import("../lib/dashboards/get-exception-resolution.ts"),
    import("../lib/dashboards/get-auto-match-rate.ts"), import("../lib/dashboards/get-cash-position.ts"), import("../lib/close/get-close-checklist.ts"),
    import("../lib/connectors/get-connector-health.ts"), import("../lib/connectors/list-dead-letters.ts"), import("../lib/receipts/list-receipts.ts"),
    import("../lib/exceptions/list-exceptions.ts"), import("../lib/audit/list-audit-log.ts"), import("../lib/dashboards/get-home-summary.ts"),
  ]);
  const cases: [string, () => Promise<unknown>][] = [
    ["dashboard: unapplied aging (30 d trend)", () => getUnappliedAging({ days: 30 })],
    ["dashboard: unapplied aging US01/USD (90 d)", () => getUnappliedAging({ entity: "US01", currency: "USD", days: 90 })],
    ["dashboard: posting latency (14 d)", () => getPostingLatency({ days: 14 })],
    ["dashboard: posting latency (30 d, ACH)", () => getPostingLatency({ days: 30, channel: "ACH" })],
    ["dashboard: exception resolution (30 d)", () => getExceptionResolution({ days: 30 })],
    ["dashboard: auto-match rate (30 d)", () => getAutoMatchRate({ days: 30 })],
    ["dashboard: cash position", () => getCashPosition({ historyDays: 30 })],
    ["close readiness (current month)", () => getCloseChecklist({ period })],
    ["close readiness (previous month)", () => getCloseChecklist({ period: prevPeriod })],
    ["connector health", () => getConnectorHealth()],
    ["dead letters", () => listDeadLetters({ limit: 50, offset: 0 })],
    ["home summary", () => getHomeSummary()],
    ["list receipts: first page", () => listReceipts(listReceiptsQuery.parse({}))],
    ["list receipts: state=UNIDENTIFIED", () => listReceipts(listReceiptsQuery.parse({ state: "UNIDENTIFIED" }))],
    ["list receipts: entity+currency", () => listReceipts(listReceiptsQuery.parse({ entity: "UK01", currency: "GBP" }))],
    ["list receipts: text search (bank ref)", () => listReceipts(listReceiptsQuery.parse({ q: sampleRef.slice(0, 9) }))],
    ["list receipts: aging drill-down", () => listReceipts(listReceiptsQuery.parse({ unapplied: "1", entity: "US01", currency: "USD", valueTo: new Date(now.getTime() - 8 * 86_400_000).toISOString().slice(0, 10) }))],
    ["list exceptions: active queue", () => listExceptions(listExceptionsQuery.parse({}))],
    ["list exceptions: code=SHORT_PAY", () => listExceptions(listExceptionsQuery.parse({ code: "SHORT_PAY" }))],
    ["list exceptions: assignee", () => listExceptions(listExceptionsQuery.parse({ assignee: "u_an3" }))],
    ["list audit log: first page", () => listAuditLog(listAuditQuery.parse({}))],
    ["list audit log: action prefix", () => listAuditLog(listAuditQuery.parse({ action: "exception." }))],
    ["list audit log: actor + date range", () => listAuditLog(listAuditQuery.parse({ actor: "analyst3@bench.dev", from: new Date(now.getTime() - 30 * 86_400_000).toISOString().slice(0, 10), to: now.toISOString().slice(0, 10) }))],
    ["list audit log: target id", () => listAuditLog(listAuditQuery.parse({ targetId: "r4242" }))],
  ];
  const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)]!;
  const results: { name: string; p50: number; p95: number }[] = [];
  for (const [name, run] of cases) {
    await run(); // warm-up: connection, plan cache
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    results.push({ name, p50: pct(times, 0.5), p95: pct(times, 0.95) });
    log(`${name}: p50 ${pct(times, 0.5).toFixed(1)} ms, p95 ${pct(times, 0.95).toFixed(1)} ms`);
  }
  console.log(`\n${"query".padEnd(46)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)}`);
  for (const r of results) console.log(`${r.name.padEnd(46)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)}${r.p95 > FLOOR_MS ? "  ABOVE FLOOR" : ""}`);
  const slow = results.filter((r) => r.p95 > FLOOR_MS);
  console.log(slow.length ? `\n${slow.length} quer${slow.length === 1 ? "y" : "ies"} above the ${FLOOR_MS} ms floor` : `\nevery p95 under the ${FLOOR_MS} ms floor (${RUNS} runs each)`);
  return slow.length === 0;
}
