// `cashline match` end to end: the contract's command on the public sample and on bad inputs.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scoreDecisions, type TruthRecord } from "./scoring.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SAMPLE = path.resolve(ROOT, "../shared/fixtures/cashapp/public-sample");
const FIELDS = ["receipt_id", "outcome", "applications", "exception_code", "write_off", "confidence", "reasons"];

function cashline(...args: string[]) {
  const r = spawnSync("npm", ["run", "--silent", "cashline", "--", "match", ...args], { cwd: ROOT, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function sampleArgs(dir: string, out: string, over: Partial<Record<"customers" | "invoices" | "receipts", string>> = {}) {
  return [
    "--customers", over.customers ?? path.join(SAMPLE, "customers.csv"),
    "--invoices", over.invoices ?? path.join(SAMPLE, "invoices.csv"),
    "--receipts", over.receipts ?? path.join(SAMPLE, "receipts.csv"),
    "--out", path.join(dir, out),
  ];
}

/** A copy of a sample file with line `n` (1-based) replaced. */
function withLine(dir: string, file: string, n: number, edit: (line: string) => string): string {
  const lines = readFileSync(path.join(SAMPLE, file), "utf8").split("\n");
  lines[n - 1] = edit(lines[n - 1]!);
  const p = path.join(dir, `bad-${n}-${file}`);
  writeFileSync(p, lines.join("\n"));
  return p;
}

function expectBadInput(r: ReturnType<typeof cashline>, file: string, line: number, problem: RegExp, out: string) {
  expect(r.code).toBe(2);
  const lines = r.stderr.split("\n").filter(Boolean);
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toContain(file);
  expect(lines[0]).toContain(`line ${line}`);
  expect(lines[0]).toMatch(problem);
  expect(existsSync(out)).toBe(false);
}

describe("cashline match (CLI)", { timeout: 180_000 }, () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cashline-match-"));

  it("writes one contract record per receipt, in file order, on the public sample", () => {
    const r = cashline(...sampleArgs(dir, "decisions.jsonl"));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    const out = readFileSync(path.join(dir, "decisions.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    const ids = readFileSync(path.join(SAMPLE, "receipts.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(",")[0]);
    expect(out.map((d) => d.receipt_id)).toEqual(ids);
    for (const d of out) {
      expect(Object.keys(d)).toEqual(FIELDS);
      expect(["applied", "exception"]).toContain(d.outcome);
      for (const a of d.applications) expect(a.amount).toMatch(/^-?\d+(\.\d+)?$/);
    }
    const truth: TruthRecord[] = readFileSync(path.join(SAMPLE, "truth.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    const score = scoreDecisions(out, truth);
    expect(score.precision).toBeGreaterThanOrEqual(0.999);
    expect(score.automation).toBeGreaterThanOrEqual(0.9);
    expect(score.exceptionRecall).toBeGreaterThanOrEqual(0.99);
  });

  it("exit 2 on a missing file", () => {
    const out = path.join(dir, "missing.jsonl");
    const r = cashline(...sampleArgs(dir, "missing.jsonl", { invoices: path.join(dir, "nope.csv") }));
    expectBadInput(r, "nope.csv", 1, /not found/, out);
  });

  it("exit 2 on a missing column", () => {
    const bad = path.join(dir, "receipts-nocol.csv");
    const text = readFileSync(path.join(SAMPLE, "receipts.csv"), "utf8").replace(/^receipt_id,entity,currency,amount,/, "receipt_id,entity,currency,amt,");
    writeFileSync(bad, text);
    expectBadInput(cashline(...sampleArgs(dir, "nocol.jsonl", { receipts: bad })), "receipts-nocol.csv", 1, /missing column "amount"/, path.join(dir, "nocol.jsonl"));
  });

  it("exit 2 on an unparsable amount", () => {
    const bad = withLine(dir, "invoices.csv", 42, (l) => l.replace(/,(\d+\.\d\d),/, ",12x.50,"));
    expectBadInput(cashline(...sampleArgs(dir, "amt.jsonl", { invoices: bad })), path.basename(bad), 42, /amount/, path.join(dir, "amt.jsonl"));
  });

  it("exit 2 on a bad date", () => {
    const bad = withLine(dir, "receipts.csv", 7, (l) => l.replace(/2026-\d\d-\d\d/, "2026-13-45"));
    expectBadInput(cashline(...sampleArgs(dir, "date.jsonl", { receipts: bad })), path.basename(bad), 7, /value_date/, path.join(dir, "date.jsonl"));
  });

  it("exit 2 on an unknown currency", () => {
    const bad = withLine(dir, "receipts.csv", 1001, (l) => l.replace(/,(USD|EUR|GBP),/, ",XYZ,"));
    expectBadInput(cashline(...sampleArgs(dir, "cur.jsonl", { receipts: bad })), path.basename(bad), 1001, /unknown currency "XYZ"/, path.join(dir, "cur.jsonl"));
  });

  it("exit 2 on bad flags, without touching anything", () => {
    const r = cashline("--customers", path.join(SAMPLE, "customers.csv"));
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n").filter(Boolean)).toHaveLength(1);
    expect(cashline(...sampleArgs(dir, "x.jsonl"), "--bogus", "1").code).toBe(2);
    expect(existsSync(path.join(dir, "x.jsonl"))).toBe(false);
  });

  it("keeps quoted fields with commas and line breaks intact", () => {
    const rec = path.join(dir, "quoted-receipts.csv");
    copyFileSync(path.join(SAMPLE, "receipts.csv"), rec);
    const lines = readFileSync(rec, "utf8").trimEnd().split("\n").slice(0, 1);
    lines.push('RQ1,US01,USD,1000.00,2026-10-01,wire,"Acme, ""Widgets""\nInc",,"INV-2026-000103, thanks",BRQ1');
    writeFileSync(rec, lines.join("\n") + "\n");
    const r = cashline(...sampleArgs(dir, "quoted.jsonl", { receipts: rec }));
    expect(r.code, r.stderr).toBe(0);
    const out = readFileSync(path.join(dir, "quoted.jsonl"), "utf8").trim().split("\n");
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0]!).receipt_id).toBe("RQ1");
  });
});
