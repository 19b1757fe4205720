// Spawns the real command line, as other tools do: `node --import tsx bin/cashline.ts parse-remittance`.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BANK_FIXTURES } from "../testing/bank-fixtures-dir.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const REMITTANCE = path.resolve(BANK_FIXTURES, "../remittance");
const OURS = path.join(ROOT, "lib/remittance/formats/testdata");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cashline-remit-cli-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "bin/cashline.ts", "parse-remittance", ...args], { cwd: ROOT, encoding: "utf8", timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function write(name: string, content: string) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

describe("cashline parse-remittance", () => {
  it("prints one JSON document with the contract's keys and exits 0 (X12 820, auto-detected)", () => {
    const r = cli(path.join(OURS, "trade-820-004010.edi"));
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(["format", "advices"]);
    expect(doc.format).toBe("x12-820");
    expect(doc.advices.map((a: { payment_reference: string }) => a.payment_reference)).toEqual(["0001234567", "CHK-55012"]);
    expect(doc.advices[0].lines[1]).toEqual({
      document: "INV-2026-000117", document_type: "invoice", paid: "270.00", invoice_amount: "300.00", discount: "0.00",
      adjustments: [{ amount: "-30.00", reason: "DAMAGED", code: "04", text: "3 CASES DAMAGED ON ARRIVAL" }],
    });
  });

  it("honours --format for x12-820, csv and camt054 and detects each by content", () => {
    const cases: [string, string][] = [
      [path.join(REMITTANCE, "stupidedi-820/003010_RA820_pass_1.edi"), "x12-820"],
      [path.join(OURS, "remittance.csv"), "csv"],
      [path.join(OURS, "camt054-structured.xml"), "camt054"],
    ];
    for (const [file, format] of cases) {
      for (const args of [[file], format === "csv" ? [file, `--format=${format}`] : [file, "--format", format]]) {
        const r = cli(...args);
        expect([r.code, r.stderr, JSON.parse(r.stdout).format]).toEqual([0, "", format]);
      }
    }
    const lockbox = cli(path.join(REMITTANCE, "bai-lockbox/test_empty_lockbox.bai"));
    expect(JSON.parse(lockbox.stdout)).toEqual({ format: "bai2-lockbox", advices: [] });
  });

  it("exits 2 with one stderr line naming file, segment/element and problem, and nothing on stdout", () => {
    const src = fs.readFileSync(path.join(OURS, "trade-820-004010.edi"), "utf8");
    const badCount = write("bad-count.edi", src.replace("SE*23*0001", "SE*22*0001"));
    const r = cli(badCount);
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toBe(`${badCount}: segment 25 (SE01): transaction set 0001 has 23 segments, SE01 says 22\n`);
    const badAmount = write("bad-amount.edi", src.replace("RMR*IV*INV-2026-000103*PI*1000*1000", "RMR*IV*INV-2026-000103*PI*10OO*1000"));
    expect(cli(badAmount).stderr).toBe(`${badAmount}: segment 14 (RMR04): invalid amount "10OO"\n`);
    const badCsv = write("bad.csv", "payment_reference,currency,payment_amount,document,paid\nR1,USD,12.00,INV-1,twelve\n");
    expect(cli(badCsv, "--format", "csv").stderr).toBe(`${badCsv}: line 2, column paid: invalid amount "twelve"\n`);
    const xml = write("not-camt.xml", "<Document xmlns=\"urn:example\"/>");
    const rx = cli(xml, "--format", "camt054");
    expect([rx.code, rx.stdout, rx.stderr]).toEqual([2, "", `${xml}: Document: not an ISO 20022 camt.053 or camt.054 document (root <Document>, namespace "urn:example")\n`]);
  });

  it("a file of one format forced as another is refused, not misread", () => {
    const r = cli(path.join(OURS, "remittance.csv"), "--format", "x12-820");
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toMatch(/remittance\.csv: segment ISA at character 1: an X12 interchange starts with ISA\n$/);
  });

  it("random and mutated files: exit 0 with JSON, or exit 2 with one stderr line starting with the file, nothing on stdout", () => {
    const src = fs.readFileSync(path.join(OURS, "trade-820-004010.edi"));
    const samples = [Buffer.from(Array.from({ length: 1500 }, (_, i) => (i * 7919 + 13) % 256)), Buffer.concat([src.subarray(0, 700), Buffer.from("*~^\n"), src.subarray(690)])];
    for (const [i, content] of samples.entries()) {
      const file = write(`sample-${i}`, content.toString("latin1"));
      const r = cli(file);
      if (r.code === 0) expect(() => JSON.parse(r.stdout)).not.toThrow();
      else expect([r.code, r.stdout, r.stderr.trim().split("\n").length, r.stderr.startsWith(file)]).toEqual([2, "", 1, true]);
    }
  });

  it("exits 2 on usage errors and unreadable files, one stderr line each", () => {
    for (const args of [[], ["a", "b"], ["x", "--format", "mt940"], ["x", "--bogus"], ["/no/such/file"], [write("empty.txt", "")]]) {
      const r = cli(...args);
      expect([r.code, r.stdout, r.stderr.trim().split("\n").length]).toEqual([2, "", 1]);
    }
  });
});
