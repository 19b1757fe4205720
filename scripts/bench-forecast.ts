// npm run bench:forecast — the cash forecast's backtest (each of the last 8 weeks forecast from what was known at
// its start, against the cash that arrived) with its error (MAPE, bias) and timings:
// - default: on a generated history (scripts/lib/bench-forecast-data.ts) in a fresh embedded PostgreSQL;
// - --demo: on the demo data, seeded into a fresh embedded PostgreSQL (or, with DATABASE_URL set, on that
//   database as it is), for every entity and currency with invoices.
// Options: --customers N --per-day N (generated history), --sims N (Monte Carlo runs per forecast).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabase, startLocalPostgres, type LocalPostgres } from "../lib/db/local-postgres.ts";
import { migrateDatabase } from "../lib/db/migrate.ts";

const arg = (name: string) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : undefined; };
const demo = process.argv.includes("--demo");
const sims = Number(arg("sims") ?? 200);
const log = (m: string) => console.log(`[bench:forecast] ${m}`);
const ms = (t: number) => `${(performance.now() - t).toFixed(0)} ms`;
const pct = (v: number | null) => (v === null ? "n/a" : `${v >= 0 && v !== 0 ? "+" : ""}${v.toFixed(1)} %`);

let server: LocalPostgres | null = null;
let work: string | null = null;
const now = new Date();
try {
  if (!(demo && process.env.DATABASE_URL)) {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "cashline-bench-forecast-"));
    server = await startLocalPostgres({ dataDir: path.join(work, "pg"), fresh: true });
    await createDatabase(server.adminUrl, "bench");
    const url = server.urlFor("bench");
    await migrateDatabase(url, () => {});
    process.env.DATABASE_URL = url;
  }
  const { getDb } = await import("../lib/db/client.ts");
  const db = getDb();
  if (!demo) {
    const { loadForecastBenchData } = await import("./lib/bench-forecast-data.ts");
    const t = performance.now();
    const counts = await loadForecastBenchData(db, { today: now, customers: Number(arg("customers") ?? 400), invoicesPerDay: Number(arg("per-day") ?? 60), days: 240 });
    log(`generated history: ${counts.invoices} invoices, ${counts.receipts} receipts, ${counts.applications} applications in ${ms(t)}`);
  } else if (!process.env.DATABASE_URL || server) {
    const { seedDemo } = await import("../lib/demo/seed-demo.ts");
    const t = performance.now();
    await seedDemo(db, { password: "bench-forecast-demo", now });
    log(`seeded the demo data in ${ms(t)}`);
  }
  const { loadForecastFacts } = await import("../lib/forecast/load-forecast-facts.ts");
  const { forecastReceipts } = await import("../lib/forecast/forecast-receipts.ts");
  const { reconstructAsOf } = await import("../lib/forecast/reconstruct-as-of.ts");
  const { backtestForecast } = await import("../lib/forecast/backtest.ts");
  const { dayOf, isoDay } = await import("../lib/forecast/days.ts");
  const { fromMinor } = await import("../lib/money/money.ts");
  const scopes = await db.$queryRaw<{ id: string; code: string; currency: string }[]>`
    select distinct e.id, e.code, i.currency from "Invoice" i join "LegalEntity" e on e.id = i."entityId" order by 2, 3`;
  for (const s of scopes) {
    let t = performance.now();
    const facts = await loadForecastFacts(s.id, s.currency);
    const loadMs = ms(t);
    t = performance.now();
    const f = forecastReceipts(reconstructAsOf(facts, dayOf(now), now.getTime()), { sims: 400 });
    const forecastMs = ms(t);
    t = performance.now();
    const b = backtestForecast(facts, dayOf(now), { sims });
    const backtestMs = ms(t);
    log(`${s.code} ${s.currency}: ${facts.invoices.length} invoices; load ${loadMs}, forecast (13 weeks, 400 runs) ${forecastMs}, backtest (8 forecasts, ${sims} runs) ${backtestMs}`);
    log(`  13-week expected ${fromMinor(f.totals.expectedInHorizon, s.currency)} from ${f.totals.invoices} open invoices; held back ${fromMinor(f.totals.heldBack, s.currency)}`);
    for (const w of b.weeks) {
      log(`  week ${isoDay(w.fromDay)}: forecast ${fromMinor(w.forecast, s.currency).padStart(14)}  P10–P90 ${fromMinor(w.p10, s.currency)}–${fromMinor(w.p90, s.currency)}  actual ${fromMinor(w.actual, s.currency).padStart(14)}  error ${pct(w.bias)}${w.withinBand ? "" : "  (outside band)"}`);
    }
    log(`  ${s.code} ${s.currency} backtest: MAPE ${b.mape === null ? "n/a" : `${b.mape.toFixed(1)} %`}, bias ${pct(b.bias)} over ${b.weeks.filter((w) => w.ape !== null).length} weeks with cash; inside P10–P90 ${b.withinBand}/8`);
  }
} finally {
  const { disconnectDb } = await import("../lib/db/client.ts");
  await disconnectDb();
  if (server) await server.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  if (work) fs.rmSync(work, { recursive: true, force: true });
}
