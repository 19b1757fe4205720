// Golden test over the labelled public sample, scored as the `cashline match` contract defines.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadMatchFiles } from "./load-files.ts";
import { matchReceipts } from "./engine.ts";
import { formatScore, scoreDecisions, type TruthRecord } from "./scoring.ts";

const SAMPLE = path.resolve(import.meta.dirname, "../../../shared/fixtures/cashapp/public-sample");

describe("golden: public sample", () => {
  const files = loadMatchFiles({
    customers: path.join(SAMPLE, "customers.csv"),
    invoices: path.join(SAMPLE, "invoices.csv"),
    receipts: path.join(SAMPLE, "receipts.csv"),
  });
  const truth: TruthRecord[] = readFileSync(path.join(SAMPLE, "truth.jsonl"), "utf8")
    .split("\n").filter(Boolean).map((l) => JSON.parse(l));
  const decisions = matchReceipts(files, files.receipts);
  const score = scoreDecisions(decisions, truth);
  console.log(formatScore("public sample", score));

  it("decides every receipt, in file order", () => {
    expect(decisions.map((d) => d.receipt_id)).toEqual(files.receipts.map((r) => r.id));
  });

  it("meets the floors: precision >= 0.999, automation >= 0.90, exception recall >= 0.99", () => {
    expect(score.wrongApplied, "wrongly auto-applied receipts").toEqual([]);
    expect(score.precision).toBeGreaterThanOrEqual(0.999);
    expect(score.automation).toBeGreaterThanOrEqual(0.9);
    expect(score.exceptionRecall).toBeGreaterThanOrEqual(0.99);
    expect(score.codeAccuracy).toBeGreaterThanOrEqual(0.95);
  });

  it("gives every decision a confidence in [0,1], reasons and the policy's rule_version", () => {
    for (const d of decisions) {
      expect(d.confidence).toBeGreaterThanOrEqual(0);
      expect(d.confidence).toBeLessThanOrEqual(1);
      expect(d.reasons.length).toBeGreaterThan(0);
      expect(d.rule_version).toMatch(/\S/);
      if (d.outcome === "applied") expect(d.exception_code).toBeNull();
      else expect(d.exception_code).not.toBeNull();
    }
  });
});
