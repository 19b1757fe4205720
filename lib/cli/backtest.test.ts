import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "../db/client.ts";
import { makeInvoice, makeReceipt, seedWorld, type World } from "../exceptions/test-fixtures.ts";

const database = useFreshDatabase();
const DAY = 86_400_000;
let w: World;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "backtest-cli-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The CLI as a user runs it, in its own process, on the test database. */
function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "bin/cashline.ts", "backtest", ...args], { env: { ...process.env, DATABASE_URL: database.url() } });
    let stdout = "", stderr = "";
    child.stdout.on("data", (d) => { stdout += d; });
    child.stderr.on("data", (d) => { stderr += d; });
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

beforeAll(async () => {
  w = await seedWorld();
  const db = getDb();
  // Three payments of an open invoice's exact amount, no reference; people applied the first elsewhere.
  for (let k = 0; k < 3; k++) {
    const a = await makeInvoice(w, { amountMinor: 90_000n + BigInt(k) });
    const b = await makeInvoice(w, { amountMinor: 40_000n + BigInt(k) });
    await db.invoice.updateMany({ where: { id: { in: [a.id, b.id] } }, data: { receivedAt: new Date(Date.now() - 30 * DAY) } });
    const { receipt } = await makeReceipt(w, { amountMinor: a.amountMinor, payerName: "ACME CORP", payerAccount: "111", customerId: w.acme.id, state: "APPLIED", code: null });
    const at = new Date(Date.now() - (10 - k) * DAY);
    await db.receipt.update({ where: { id: receipt.id }, data: { receivedAt: at } });
    const paid = k === 0 ? b : a;
    await db.application.create({ data: { receiptId: receipt.id, invoiceId: paid.id, customerId: w.acme.id, kind: "INVOICE", amountMinor: paid.amountMinor, currency: "USD", appliedByType: "user", appliedAt: new Date(at.getTime() + 60_000) } });
  }
  await db.matchingPolicy.create({ data: { entityId: w.entity.id, version: 1, policy: { strategies: { amountOnly: false } } } });
});

describe("cashline backtest", () => {
  it("prints the summary and writes the per-receipt diff as JSONL", async () => {
    const policy = path.join(dir, "draft.json");
    fs.writeFileSync(policy, JSON.stringify({ strategies: { amountOnly: true } }));
    const out = path.join(dir, "diff.jsonl");
    const r = await cli(["--policy", policy, "--entity", w.entity.code, "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ changed: 3, moreWrongThanLive: true, live: { autoApplied: 0, wrong: 0 }, draft: { autoApplied: 3, wrong: 1, correct: 2 } });
    const lines = fs.readFileSync(out, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines.filter((l) => l.draft.verdict === "wrong")).toHaveLength(1);
  }, 60_000);

  it("refuses a bad policy or flags with one line naming the problem, exit 2", async () => {
    const bad = path.join(dir, "bad.json");
    fs.writeFileSync(bad, JSON.stringify({ tolerance: { maxBasisPoints: "lots" } }));
    const r = await cli(["--policy", bad, "--entity", w.entity.code]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.json: tolerance\.maxBasisPoints: /);
    expect(r.stdout).toBe("");
    const noFile = await cli(["--from", "2026-13-01"]);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr.trim().split("\n")).toHaveLength(1);
    const unknown = await cli(["--policy", bad, "--entity", "ZZ99"]);
    expect(unknown.stderr).toMatch(/no legal entity ZZ99/);
  }, 60_000);
});
