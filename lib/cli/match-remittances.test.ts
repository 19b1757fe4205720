// `cashline match --remittances` end to end (contracts/remittance.md): a reviewed golden case (X12 820 + CSV,
// parent pays for a subsidiary, deductions, discounts, advices linked by reference and by payer/amount/date, the
// exceptions), generated unseen data scored, and bad remittance input refused.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateRemittanceDataset } from "../remittance/testing/generate-remittances.ts";
import { writeMatchFiles } from "../remittance/testing/write-match-files.ts";
import { scoreRemittances, formatRemitScore } from "../remittance/testing/score-remittances.ts";
import type { Decision } from "../cashapp/types.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const GOLDEN = path.join(ROOT, "lib/remittance/testing/golden");
const FIELDS = ["receipt_id", "outcome", "applications", "deductions", "remittance", "exception_code", "write_off", "confidence", "reasons"];

function match(...args: string[]) {
  const r = spawnSync("npm", ["run", "--silent", "cashline", "--", "match", ...args], { cwd: ROOT, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const read = (f: string) => readFileSync(f, "utf8").trim().split("\n").map((l) => JSON.parse(l));

describe("cashline match --remittances", { timeout: 180_000 }, () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cashline-remit-"));
  const golden = (out: string, ...more: string[]) => match(
    "--customers", path.join(GOLDEN, "customers.csv"), "--invoices", path.join(GOLDEN, "invoices.csv"),
    "--receipts", path.join(GOLDEN, "receipts.csv"), "--remittances", path.join(GOLDEN, "advices.edi"),
    "--remittances", path.join(GOLDEN, "advices.csv"), "--out", path.join(dir, out), ...more,
  );

  it("decides the golden case as reviewed, every record with deductions and remittance in the contract's order", () => {
    const r = golden("golden.jsonl");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/6 of 6 remittance advices linked/);
    const out = read(path.join(dir, "golden.jsonl"));
    for (const d of out) expect(Object.keys(d)).toEqual(FIELDS);
    expect(out.map(({ reasons: _r, ...rest }) => rest)).toEqual(read(path.join(GOLDEN, "expected.jsonl")));
  });

  it("meets the floors on generated data (all advices at once, 820 and CSV)", () => {
    const ds = generateRemittanceDataset({ seed: 8675309, customers: 300, openInvoices: 4500, payments: 800 });
    const files = writeMatchFiles(dir, ds);
    const r = match("--customers", files.customers, "--invoices", files.invoices, "--receipts", files.receipts,
      "--remittances", files.x12, "--remittances", files.csv, "--out", path.join(dir, "gen.jsonl"));
    expect(r.code, r.stderr).toBe(0);
    const decisions = new Map<string, Decision>(read(path.join(dir, "gen.jsonl")).map((d: Decision) => [d.receipt_id, d]));
    const s = scoreRemittances(decisions, ds.payments);
    console.log(formatRemitScore("cashline match --remittances, seed 8675309", s));
    expect(s.wrongApplied).toEqual([]);
    expect(s.precision).toBeGreaterThanOrEqual(0.999);
    expect(s.deductionsRight).toBe(s.deductionsExpected);
    expect(s.deductionsWrong).toBe(0);
    expect(s.automation).toBeGreaterThanOrEqual(0.98);
  });

  it("exit 2 on an unreadable remittance file, naming file and line, nothing written", () => {
    const bad = path.join(dir, "bad-advices.csv");
    const text = readFileSync(path.join(GOLDEN, "advices.csv"), "utf8").replace("1900.00", "19x0.00");
    writeFileSync(bad, text);
    const out = path.join(dir, "bad.jsonl");
    const r = match("--customers", path.join(GOLDEN, "customers.csv"), "--invoices", path.join(GOLDEN, "invoices.csv"),
      "--receipts", path.join(GOLDEN, "receipts.csv"), "--remittances", bad, "--out", out);
    expect(r.code).toBe(2);
    const lines = r.stderr.split("\n").filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/bad-advices\.csv: line 2: column paid: invalid amount "19x0\.00"$/);
    expect(existsSync(out)).toBe(false);
    const missing = golden("missing.jsonl", "--remittances", path.join(dir, "nope.edi"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.edi: line 1: file not found/);
    expect(existsSync(path.join(dir, "missing.jsonl"))).toBe(false);
  });

  it("reads the optional parent_customer_id leniently: a parent in another entity is no parent here", () => {
    const cust = path.join(dir, "cust-other-parent.csv");
    writeFileSync(cust, readFileSync(path.join(GOLDEN, "customers.csv"), "utf8").replace("222000222,C1", "222000222,C5").replace("C4,Initech LLC,INITECH,US01,444000444,", "C4,Initech LLC,INITECH,US01,444000444,C404"));
    const r = match("--customers", cust, "--invoices", path.join(GOLDEN, "invoices.csv"), "--receipts", path.join(GOLDEN, "receipts.csv"),
      "--remittances", path.join(GOLDEN, "advices.edi"), "--out", path.join(dir, "p.jsonl"));
    expect(r.code, r.stderr).toBe(0);
    const out = read(path.join(dir, "p.jsonl"));
    // Acme Holdings no longer heads Acme East: its advice naming Acme East's invoices goes to a person.
    expect(out[0]).toMatchObject({ receipt_id: "R1", outcome: "exception", exception_code: "AMBIGUOUS", remittance: "0001234567" });
  });
});
