// Spawns the real command line, as other tools do: `node --import tsx bin/cashline.ts parse-statement`.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BANK_FIXTURES } from "../testing/bank-fixtures-dir.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FIXTURES = BANK_FIXTURES;

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "bin/cashline.ts", "parse-statement", ...args], { cwd: ROOT, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("cashline parse-statement", () => {
  it("prints one JSON document and exits 0", () => {
    const r = cli(path.join(FIXTURES, "genkgo-camt/test/data/camt053.v2.multi.statement.xml"));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(["format", "statements"]);
    expect(doc.format).toBe("camt.053.001.02");
    expect(Object.keys(doc.statements[0])).toEqual(["id", "account", "currency", "opening_balance", "closing_balance", "checks", "entries"]);
    expect(Object.keys(doc.statements[0].entries[0])).toEqual([
      "amount", "value_date", "booking_date", "type", "bank_reference", "customer_reference", "counterparty_name", "counterparty_account", "remittance",
    ]);
    expect(doc.statements[0].checks).toEqual({ balance: "ok", control_totals: "not_applicable" });
  });

  it("honours --format and detects NACHA, BAI2 and MT940 by content", () => {
    const bai = cli(path.join(FIXTURES, "moov-bai2/test/testdata/sample1.txt"), "--format", "bai2");
    expect([bai.code, JSON.parse(bai.stdout).format]).toEqual([0, "bai2"]);
    const ach = cli(path.join(FIXTURES, "moov-ach/test/testdata/return-WEB.ach"));
    expect(JSON.parse(ach.stdout).statements[0].entries[0].type).toBe("R01");
    const mt = cli(path.join(FIXTURES, "wolph-mt940/mt940_tests/mBank/mt942.sta"));
    expect(JSON.parse(mt.stdout).format).toBe("mt942");
  });

  it("exits 2 with one stderr line (file, location, problem) and no stdout on a bad file", () => {
    const file = path.join(FIXTURES, "moov-bai2/test/testdata/errors/sample-parseError.txt");
    const r = cli(file);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`${file}:1: unknown BAI2 record code 00\n`);
    const xml = path.join(FIXTURES, "genkgo-camt/test/data/camt053.v2.wrong.xml");
    expect(cli(xml).stderr).toBe(`${xml}: Document/BkToCstmrStmt: no <Stmt> element: a camt.053.001.02 message needs at least one\n`);
  });

  it("exits 2 on usage errors", () => {
    for (const args of [[], ["a", "b"], ["x", "--format", "pdf"], ["x", "--bogus"], ["/no/such/file"]]) {
      const r = cli(...args);
      expect([r.code, r.stdout, r.stderr.trim().split("\n").length]).toEqual([2, "", 1]);
    }
  });
});
