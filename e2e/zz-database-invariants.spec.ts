// Runs last (files run in name order, one worker): after every journey of the suite has written to the demo
// database, the data still keeps its invariants (lib/demo/check-database-invariants.ts).
import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";

test("after the whole suite: one active case per receipt, nothing in the future, no invoice over-applied", () => {
  const root = path.resolve(import.meta.dirname, "..");
  let out: string;
  try {
    out = execFileSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/check-database-invariants.ts"], { cwd: root, env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL }, encoding: "utf8" });
  } catch (e) {
    out = (e as { stdout?: string }).stdout ?? String(e);
  }
  expect(JSON.parse(out.trim().split("\n").at(-1)!)).toEqual({ twoActiveCases: [], futureTimestamps: [], overApplied: [], rollupDrift: [] });
});
