// Hostile input through the real command line: it parses or refuses (exit 2, one stderr line, nothing on stdout)
// within the time limit, never hangs. Each case would hang (or run for minutes) on the code as first found; the
// spawn has a timeout, so such a run fails here instead of blocking the suite.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateCamt053 } from "../bankfiles/generate.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cashline-hostile-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function cli(name: string, content: string, env: Record<string, string> = {}) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["--import", "tsx", "bin/cashline.ts", "parse-statement", file], {
    cwd: ROOT, encoding: "utf8", timeout: 30_000, env: { ...process.env, ...env },
  });
  return { file, code: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - t0 };
}

describe("cashline parse-statement on hostile files", () => {
  it("refuses the six-line BAI2 file with a negative funds-type D count (it hung forever) naming line and field", () => {
    const r = cli("negative-d.bai2", "01,SENDER,RECEIVER,260101,0800,7,,,2/\n02,RECEIVER,BANK,1,260102,2400,USD,2/\n03,ACCT,USD,010,,,D,-2.5/\n49,0,2/\n98,0,1,4/\n99,0,1,6/\n");
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toBe(`${r.file}:3: account record (03): field 8: distribution count "-2.5" for funds type D is not a whole number of days\n`);
  });

  it("stops a parse that runs past BANK_PARSE_TIME_LIMIT_MS: exit 2 with the reason, well within the limit plus start-up", () => {
    const big = generateCamt053({ entries: 60_000, seed: 3 });
    const r = cli("big.camt053.xml", big, { BANK_PARSE_TIME_LIMIT_MS: "300" });
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toMatch(new RegExp(`^${r.file.replace(/[.]/g, "\\.")}: parsing stopped: it took longer than the limit of 0.3 s \\(BANK_PARSE_TIME_LIMIT_MS\\) near character \\d+`));
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.ms).toBeLessThan(20_000);
  });
});
