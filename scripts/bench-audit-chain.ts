// `npx tsx scripts/bench-audit-chain.ts [--seconds 5] [--writers 8]`: what chaining the audit log costs. Concurrent
// writers (each a transaction: an effect row + one audit row, or a 50-row bulk audit insert like an ERP ack batch)
// against a fresh embedded PostgreSQL, with the chain trigger on and then off (the baseline). Prints transactions/s
// and p50/p95 per scenario. The chain head is one locked row, so it serialises writers between their audit insert
// and their commit: this shows how much that costs when the audit row is written last, as the code does.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startLocalPostgres, createDatabase } from "../lib/db/local-postgres.ts";
import { migrateDatabase } from "../lib/db/migrate.ts";
import { derivedPassword, ensureAppDatabaseUrl } from "../lib/db/app-role.ts";

const arg = (name: string, dflt: number) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const seconds = arg("seconds", 5);
const writers = arg("writers", 8);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cashline-bench-audit-"));
const server = await startLocalPostgres({ dataDir: path.join(dir, "pg"), fresh: true });
try {
  await createDatabase(server.adminUrl, "bench");
  const ownerUrl = server.urlFor("bench");
  await migrateDatabase(ownerUrl);
  const appUrl = await ensureAppDatabaseUrl(ownerUrl, derivedPassword(ownerUrl));
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  await owner.query(`create table "BenchEffect" (id bigserial primary key, note text)`);

  const run = async (label: string, bulk: number) => {
    const clients = await Promise.all(Array.from({ length: writers }, async () => { const c = new pg.Client({ connectionString: appUrl }); await c.connect(); return c; }));
    const times: number[] = [];
    const until = Date.now() + seconds * 1000;
    await Promise.all(clients.map(async (c, w) => {
      while (Date.now() < until) {
        const t = performance.now();
        await c.query("begin");
        await c.query(`insert into "BenchEffect" (note) values ($1)`, [`w${w}`]);
        await c.query(`insert into "AuditLog" ("actorType", action, "targetId", details)
          select 'system', 'bench', 'r' || g, jsonb_build_object('n', g) from generate_series(1, $1) g`, [bulk]);
        await c.query("commit");
        times.push(performance.now() - t);
      }
    }));
    await Promise.all(clients.map((c) => c.end()));
    times.sort((a, b) => a - b);
    const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(times.length * p))]!.toFixed(2);
    console.log(`${label.padEnd(44)} ${(times.length / seconds).toFixed(0).padStart(6)} tx/s  p50 ${pct(0.5)} ms  p95 ${pct(0.95)} ms  p99 ${pct(0.99)} ms`);
  };

  console.log(`${writers} concurrent writers, ${seconds} s per scenario`);
  for (const bulk of [1, 50]) {
    await run(`chained, ${bulk} audit row(s) per transaction`, bulk);
    await owner.query(`alter table "AuditLog" disable trigger audit_log_chain`);
    await run(`unchained baseline, ${bulk} audit row(s)`, bulk);
    await owner.query(`alter table "AuditLog" enable trigger audit_log_chain`);
  }
  await owner.end();
} finally {
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
