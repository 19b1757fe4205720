// npm run bench:ingest — a 100,000-entry camt.053 and a 100,000-entry BAI2 file through the real pipeline (the
// upload's receiveBankFile, then ingestBankFile exactly as the worker's job calls it: one transaction, lines,
// receipts and events COPYed in batches after a lookup of what is stored) into a fresh embedded PostgreSQL, each in
// a process of its own so its peak RSS is its own. Then, on the same server, the same rows loaded with plain
// PostgreSQL COPY (scripts/lib/bench-ingest-bulk.ts: no parse, no checks) as the reference. Prints wall time, CPU
// seconds of the Node process and of the PostgreSQL server during each run, and the load average: on this shared
// 2-core machine compare the pipeline with the COPY figure of the same run. CASHLINE_INGEST_TIMING=1 adds the
// pipeline's time per statement kind. Floors (issue 15): 30,000 entries/s, within 2x of the COPY of the same run (at least
// 50% of its rate) and peak RSS under 1 GiB. Options: --entries N. BENCH_CPU_PROF_DIR=<dir>: CPU profiles of the pipeline runs.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { bai2Chunks, camt053Chunks } from "../lib/bankfiles/generate.ts";

const FLOOR_PER_S = 30_000;
/** The pipeline's rate over COPY's, in the same run (less sensitive to others' load than entries/s). */
const FLOOR_OF_COPY = 0.5;
const RSS_CEILING_MIB = 1024;
const args = z.object({
  entries: z.coerce.number().int().min(100).max(2_000_000).default(100_000),
  run: z.enum(["store", "pipeline", "bulk"]).optional(),
  doc: z.string().optional(),
  format: z.enum(["camt", "bai2"]).optional(),
  url: z.string().optional(),
}).parse(flags(process.argv.slice(2)));

/** `--name value` pairs. */
function flags(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) if (argv[i]!.startsWith("--") && argv[i + 1] !== undefined) out[argv[i]!.slice(2)] = argv[++i]!;
  return out;
}

const ACCOUNTS = {
  camt: { id: "bench_eur", entityId: "bench_de", currency: "EUR" },
  bai2: { id: "bench_usd", entityId: "bench_us", currency: "USD" },
} as const;

function generate(format: "camt" | "bai2", entries: number): string[] {
  return [...(format === "camt" ? camt053Chunks : bai2Chunks)({ entries, seed: 7 })];
}

const maxRssMiB = () => Math.round(process.resourceUsage().maxRSS / 1024);
const cpuSeconds = (u: NodeJS.CpuUsage) => +((u.user + u.system) / 1e6).toFixed(1);

/** The upload's part (the web process in production): keep the raw file as a SourceDocument and queue the job. */
async function runStore(format: "camt" | "bai2", url: string) {
  process.env.DATABASE_URL = url;
  const { receiveBankFile } = await import("../lib/bank-ingestion/receive-bank-file.ts");
  const { getBoss, stopBoss } = await import("../lib/jobs/boss.ts");
  const { disconnectDb } = await import("../lib/db/client.ts");
  await getBoss();
  const content = Buffer.from(generate(format, args.entries).join(""), "utf8");
  const t0 = performance.now();
  const doc = await receiveBankFile({ content, filename: `bench-${args.entries}.${format}`, contentType: "text/plain", sender: { kind: "system", label: "bench" } });
  const ms = performance.now() - t0;
  await stopBoss({ graceful: false });
  await disconnectDb();
  return { run: "store", format, documentId: doc.id, megabytes: +(content.length / 1e6).toFixed(1), storeMs: Math.round(ms), maxRssMiB: maxRssMiB() };
}

/** The worker's part, exactly as the job runs it: stream the stored file, write everything in one transaction. */
async function runPipeline(format: "camt" | "bai2", url: string, documentId: string) {
  process.env.DATABASE_URL = url;
  const { ingestBankFile } = await import("../lib/bank-ingestion/ingest-bank-file.ts");
  const { getBoss, stopBoss } = await import("../lib/jobs/boss.ts");
  const { disconnectDb, getDb } = await import("../lib/db/client.ts");
  await getBoss(); // started once per worker process: not part of a file's time
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const result = await ingestBankFile(documentId, { correlationId: `cid_bench_${format}` });
  const ms = performance.now() - t0;
  const nodeCpuS = cpuSeconds(process.cpuUsage(cpu0));
  if (result.status !== "PROCESSED") throw new Error(`bench file not processed: ${JSON.stringify(result)}`);
  const receipts = await getDb().receipt.count({ where: { documentId } });
  await stopBoss({ graceful: false });
  await disconnectDb();
  return { run: "pipeline", format, entries: result.summary.entries, receipts, ingestMs: Math.round(ms), perSecond: Math.round(result.summary.entries / (ms / 1000)), maxRssMiB: maxRssMiB(), nodeCpuS, timing: result.summary.timing };
}

async function runBulk(format: "camt" | "bai2", url: string) {
  const pg = (await import("pg")).default;
  const { bulkLoad } = await import("./lib/bench-ingest-bulk.ts");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`insert into "SourceDocument" (id, kind, "sourceSystem", sha256, "byteSize", content) values ('bulk_doc', 'bank_statement', 'bank', 'bulk', 0, '')`);
  await client.end();
  const r = await bulkLoad(url, generate(format, args.entries), format, ACCOUNTS[format], "bulk_doc");
  return { run: "bulk", format, entries: r.lines, receipts: r.receipts, loadMs: Math.round(r.ms), perSecond: Math.round(r.lines / (r.ms / 1000)), maxRssMiB: maxRssMiB(), nodeCpuS: r.nodeCpuS, backendCpuS: r.backendCpuS };
}

if (args.run && args.format && args.url) {
  const out = args.run === "store" ? await runStore(args.format, args.url)
    : args.run === "pipeline" ? await runPipeline(args.format, args.url, args.doc!) : await runBulk(args.format, args.url);
  console.log(`RESULT ${JSON.stringify(out)}`);
  process.exit(0);
}

// Parent: a fresh server, a migrated and seeded template, one cloned database per run.
const { createDatabase, startLocalPostgres } = await import("../lib/db/local-postgres.ts");
const { migrateDatabase } = await import("../lib/db/migrate.ts");
const pg = (await import("pg")).default;
const { postmasterPid, treeCpuSeconds } = await import("./lib/process-cpu.ts");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "cashline-bench-ingest-"));
const server = await startLocalPostgres({ dataDir: path.join(work, "pg"), fresh: true });
const log = (m: string) => console.log(`[bench:ingest] ${m}`);
try {
  await createDatabase(server.adminUrl, "bench_template");
  await migrateDatabase(server.urlFor("bench_template"));
  const seed = new pg.Client({ connectionString: server.urlFor("bench_template") });
  await seed.connect();
  await seed.query(`insert into "LegalEntity" (id, code, name, country, "functionalCurrency") values ('bench_de', 'DE01', 'Bench GmbH', 'DE', 'EUR'), ('bench_us', 'US01', 'Bench Inc.', 'US', 'USD')`);
  await seed.query(`insert into "BankAccount" (id, "entityId", "bankName", "accountNumber", iban, currency, name) values
    ('bench_eur', 'bench_de', 'Bench Bank', '0532013000', 'DE89370400440532013000', 'EUR', 'EUR account'),
    ('bench_usd', 'bench_us', 'Bench Bank', '123456789', null, 'USD', 'USD account')`);
  await seed.end();
  const results: Record<string, unknown>[] = [];
  const pmPid = postmasterPid(server.dataDir);
  const serverCpu = () => (pmPid ? treeCpuSeconds(pmPid) : null);
  /** A child run with the CPU seconds it cost itself (Node) and the PostgreSQL server meanwhile. */
  const child = async (run: string, format: string, db: string, extra: string[] = []): Promise<Record<string, unknown>> => {
    const pg0 = serverCpu();
    const out = await childRun(run, format, db, extra);
    const pg1 = serverCpu();
    return { ...out, pgCpuS: pg0 !== null && pg1 !== null ? +(pg1 - pg0).toFixed(1) : null };
  };
  const childRun = (run: string, format: string, db: string, extra: string[] = []) => new Promise<Record<string, unknown>>((resolve, reject) => {
    // BENCH_CPU_PROF_DIR=<dir>: a V8 CPU profile of each pipeline run (main and parse thread) for Chrome DevTools.
    const prof = run === "pipeline" && process.env.BENCH_CPU_PROF_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`] : [];
    const proc = spawn(process.execPath, [...prof, "--import", "tsx", import.meta.filename, "--run", run, "--format", format, "--url", server.urlFor(db), "--entries", String(args.entries), ...extra],
      { env: { ...process.env, LOG_LEVEL: "warn" }, stdio: ["ignore", "pipe", "inherit"] });
    let text = "";
    proc.stdout.on("data", (c: Buffer) => { text += c.toString(); });
    proc.on("exit", (code) => {
      const line = text.split("\n").find((l) => l.startsWith("RESULT "));
      if (code === 0 && line) resolve(JSON.parse(line.slice(7)));
      else reject(new Error(`${run} ${format} exited ${code}: ${text}`));
    });
  });
  for (const format of ["camt", "bai2"] as const) {
    const db = `bench_${format}`;
    await createDatabase(server.adminUrl, db, "bench_template");
    log(`${format}: ${args.entries} entries: upload/store…`);
    const stored = await child("store", format, db);
    log(`${format}: ingest (worker)…`);
    const ingested = await child("pipeline", format, db, ["--doc", String(stored.documentId)]);
    results.push({ ...ingested, megabytes: stored.megabytes, storeMs: stored.storeMs, storeRssMiB: stored.maxRssMiB });
    await createDatabase(server.adminUrl, `${db}_bulk`, "bench_template");
    log(`${format}: same rows with COPY…`);
    results.push(await child("bulk", format, `${db}_bulk`));
  }
  console.log("");
  for (const r of results) {
    if (r.run === "pipeline") {
      console.log(`pipeline ${String(r.format).padEnd(4)} ${r.entries} entries (${r.megabytes} MB file, ${r.receipts} receipts): ingest ${r.ingestMs} ms = ${r.perSecond} entries/s, `
        + `worker peak RSS ${r.maxRssMiB} MiB (upload/store before it: ${r.storeMs} ms, peak RSS ${r.storeRssMiB} MiB); CPU: worker ${r.nodeCpuS} s, PostgreSQL ${r.pgCpuS} s`);
      if (r.timing) console.log(`  timing (CASHLINE_INGEST_TIMING=1): ${JSON.stringify(r.timing)}`);
    } else {
      const mine = results.find((p) => p.run === "pipeline" && p.format === r.format)!;
      console.log(`COPY     ${String(r.format).padEnd(4)} same ${r.entries} lines + ${r.receipts} receipts + events: ${r.loadMs} ms = ${r.perSecond} entries/s, peak RSS ${r.maxRssMiB} MiB; `
        + `CPU: loader ${r.nodeCpuS} s, PostgreSQL ${r.pgCpuS} s (backend ${r.backendCpuS} s); pipeline at ${Math.round((100 * (mine.perSecond as number)) / (r.perSecond as number))}% of COPY`);
    }
  }
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (2 cores: others' work on the machine slows every figure)`);
  const pipeline = results.filter((r) => r.run === "pipeline");
  const ofCopy = (r: Record<string, unknown>) => (r.perSecond as number) / (results.find((b) => b.run === "bulk" && b.format === r.format)!.perSecond as number);
  const ok = pipeline.every((r) => (r.perSecond as number) >= FLOOR_PER_S && ofCopy(r) >= FLOOR_OF_COPY && (r.maxRssMiB as number) < RSS_CEILING_MIB);
  console.log(`${ok ? "PASS" : "FAIL"}: floor ${FLOOR_PER_S} entries/s, at least ${FLOOR_OF_COPY * 100}% of COPY's rate and peak RSS < ${RSS_CEILING_MIB} MiB for every pipeline run`);
  process.exitCode = ok ? 0 : 1;
} finally {
  await server.stop();
  fs.rmSync(work, { recursive: true, force: true });
  fs.rmSync(server.dataDir, { recursive: true, force: true }); // as root the data lives elsewhere (resolveDataDir)
}
