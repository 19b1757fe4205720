// `npm test`: the whole suite on a fresh database. Type-check, vitest (unit + integration against a real
// PostgreSQL), production build, Playwright in Chromium against `next start` with the demo data. Prints one
// closing line "N passed, N failed" and exits non-zero on any failure.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabase, dropDatabase, startLocalPostgres } from "../lib/db/local-postgres.ts";
import { migrateDatabase } from "../lib/db/migrate.ts";
import { derivedPassword, ensureAppDatabaseUrl } from "../lib/db/app-role.ts";
import { PROJECT_ROOT } from "./lib/database.ts";
import { runToEnd } from "./lib/processes.ts";

const log = (m: string) => console.log(`\n[test] ${m}`);
// TEST_STEPS=typecheck,vitest,e2e limits the run (default: all); arguments after -- go to Playwright
// (e.g. `npx tsx scripts/test-all.ts -- e2e/auth.spec.ts`). E2E_PORT / NEXT_DIST_DIR let runs coexist.
const steps = new Set((process.env.TEST_STEPS ?? "typecheck,vitest,e2e").split(","));
const playwrightArgs = process.argv.slice(2).filter((a) => a !== "--");
const bin = (name: string) => path.join(PROJECT_ROOT, "node_modules/.bin", name);
const t0 = Date.now();
const results: { step: string; ok: boolean; passed: number; failed: number; seconds: number }[] = [];
// Which tests failed and the first line of why: the summary is the part of a CI log that is always kept.
const failures: string[] = [];
const firstLine = (m: string | undefined) => (m ?? "").replace(/\u001b\[[0-9;]*m/g, "").split("\n").find((l) => l.trim())?.trim().slice(0, 200) ?? "";

async function step(name: string, run: () => Promise<{ ok: boolean; passed?: number; failed?: number }>) {
  log(`${name}…`);
  const t = Date.now();
  const r = await run();
  results.push({ step: name, ok: r.ok, passed: r.passed ?? 0, failed: r.failed ?? (r.ok ? 0 : 1), seconds: (Date.now() - t) / 1000 });
  return r.ok;
}

function readJson<T>(file: string): T | null {
  try { return JSON.parse(fs.readFileSync(file, "utf8")) as T; } catch { return null; }
}

// A server of the suite's own: fresh embedded PostgreSQL, or databases created on DATABASE_URL's server.
const work = fs.mkdtempSync(path.join(os.tmpdir(), "cashline-test-"));
let adminUrl = process.env.DATABASE_URL;
let stopServer = async () => {};
if (!adminUrl) {
  const server = await startLocalPostgres({ dataDir: path.join(work, "pg"), fresh: true });
  adminUrl = server.adminUrl;
  stopServer = server.stop;
  log(`fresh embedded PostgreSQL at ${adminUrl.replace(/:[^:@]+@/, ":***@")}`);
}
const e2eDb = `cashline_e2e_${crypto.randomBytes(3).toString("hex")}`;
const e2eUrl = (() => { const u = new URL(adminUrl); u.pathname = `/${e2eDb}`; return u.toString(); })();
let e2eAppUrl = e2eUrl; // the web under test connects as the least-privilege role once the database is seeded
const env: NodeJS.ProcessEnv = { ...process.env, CASHLINE_TEST_ADMIN_URL: adminUrl, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: undefined };
delete env.DATABASE_URL;
fs.mkdirSync(path.join(PROJECT_ROOT, "test-results"), { recursive: true });

try {
  if (steps.has("typecheck")) await step("type-check (tsc --noEmit)", async () => ({ ok: (await runToEnd(bin("tsc"), ["--noEmit", "-p", "."], env)) === 0 }));

  const vitestJson = path.join(PROJECT_ROOT, "test-results/vitest-results.json");
  fs.rmSync(vitestJson, { force: true });
  if (steps.has("vitest")) await step("vitest (unit + integration)", async () => {
    const code = await runToEnd(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`], env);
    type VitestJson = { numPassedTests: number; numFailedTests: number; testResults: { name: string; message?: string; assertionResults: { status: string; fullName: string; failureMessages: string[] }[] }[] };
    const r = readJson<VitestJson>(vitestJson);
    for (const file of r?.testResults ?? []) {
      const rel = path.relative(PROJECT_ROOT, file.name);
      for (const t of file.assertionResults) if (t.status === "failed") failures.push(`${rel} > ${t.fullName}: ${firstLine(t.failureMessages[0])}`);
      if (file.message && !file.assertionResults.some((t) => t.status === "failed")) failures.push(`${rel}: ${firstLine(file.message)}`);
    }
    return { ok: code === 0, passed: r?.numPassedTests ?? 0, failed: r?.numFailedTests ?? (code === 0 ? 0 : 1) };
  });

  const buildOk = steps.has("e2e") && await step("next build", async () => ({ ok: (await runToEnd(bin("next"), ["build"], { ...env, NEXTAUTH_SECRET: "build-time-secret-0123456789" })) === 0 }));

  if (buildOk) {
    await step("seed the e2e database", async () => {
      await createDatabase(adminUrl!, e2eDb);
      await migrateDatabase(e2eUrl);
      // The seed runs as the owner (through MIGRATION_DATABASE_URL), the web as the application role.
      e2eAppUrl = await ensureAppDatabaseUrl(e2eUrl, derivedPassword(adminUrl!));
      const code = await runToEnd(bin("tsx"), ["scripts/db-seed.ts"], { ...env, DATABASE_URL: e2eAppUrl, MIGRATION_DATABASE_URL: e2eUrl });
      return { ok: code === 0 };
    });
    const pwJson = path.join(PROJECT_ROOT, `test-results/e2e-results${process.env.E2E_PORT ? `-${process.env.E2E_PORT}` : ""}.json`);
    fs.rmSync(pwJson, { force: true });
    await step("playwright (Chromium, next start)", async () => {
      const code = await runToEnd(bin("playwright"), ["test", ...playwrightArgs], { ...env, E2E_DATABASE_URL: e2eAppUrl, E2E_JSON: pwJson });
      type Suite = { title: string; file?: string; suites?: Suite[]; specs?: { title: string; file: string; line: number; tests: { status: string; results: { error?: { message?: string } }[] }[] }[] };
      const r = readJson<{ stats: { expected: number; unexpected: number; flaky: number }; suites: Suite[] }>(pwJson);
      const walk = (s: Suite) => {
        for (const spec of s.specs ?? []) for (const t of spec.tests) if (t.status === "unexpected") failures.push(`${spec.file}:${spec.line} › ${spec.title}: ${firstLine(t.results.at(-1)?.error?.message)}`);
        for (const child of s.suites ?? []) walk(child);
      };
      for (const s of r?.suites ?? []) walk(s);
      return { ok: code === 0, passed: (r?.stats.expected ?? 0) + (r?.stats.flaky ?? 0), failed: r?.stats.unexpected ?? (code === 0 ? 0 : 1) };
    });
  }
} finally {
  await dropDatabase(adminUrl, e2eDb).catch(() => {});
  await stopServer();
  fs.rmSync(work, { recursive: true, force: true });
}

console.log("\n[test] summary");
for (const r of results) console.log(`  ${r.ok ? "ok  " : "FAIL"} ${r.step.padEnd(36)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed  ${r.seconds.toFixed(1)} s`);
if (failures.length) console.log(`  failed tests:\n${failures.map((f) => `    ${f}`).join("\n")}`);
const passed = results.reduce((s, r) => s + r.passed, 0);
const failed = results.reduce((s, r) => s + r.failed, 0);
console.log(`  total ${((Date.now() - t0) / 1000).toFixed(0)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
