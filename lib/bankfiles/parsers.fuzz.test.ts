// Fuzzing every parser (camt.052/053/054, BAI2, MT940/942, NACHA) with random bytes, format-flavoured noise and
// mutated real fixture files: each input parses or is refused with a StatementParseError (never another
// exception: the parse thread reports those as "parser failure", and this suite treats that as a bug) within the
// time limit. Inputs go through the same bounded parse thread as the ingestion, so a hang shows as a ParseLimitError
// failure of the property instead of blocking the suite. A couple of runs go through the real CLI (exit 0 or 2).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { BANK_FIXTURES } from "../testing/bank-fixtures-dir.ts";
import { decodeStatementBytes, StatementParseError, type StatementFormatName } from "./index.ts";
import { ParseLimitError, ParseThread } from "./parse-thread.ts";

const TIME_LIMIT_MS = 5_000;
const RUNS = { bytes: 40, noise: 40, mutated: 60 };

const fixtures: Record<StatementFormatName, string[]> = {
  camt: ["genkgo-camt/test/data/camt053.v2.multi.statement.xml", "genkgo-camt/test/data/camt052.v8.xml", "genkgo-camt/test/data/camt054.v8.xml"],
  bai2: ["moov-bai2/test/testdata/sample1.txt", "moov-bai2/test/testdata/sample4-continuations-newline-delimited.txt", "moov-bai2/test/testdata/spec-section3.txt"],
  mt940: ["wolph-mt940/mt940_tests/mBank/mt940.sta", "wolph-mt940/mt940_tests/mBank/mt942.sta", "wolph-mt940/mt940_tests/betterplace/amount_formats.sta"],
  nacha: ["moov-ach/test/testdata/ppd-debit.ach", "moov-ach/test/testdata/iat-debit.ach", "moov-ach/test/testdata/adv.ach"],
};
const read = (rel: string) => decodeStatementBytes(fs.readFileSync(path.join(BANK_FIXTURES, rel)));

const ALPHABET: Record<StatementFormatName, string[]> = {
  camt: ["<", ">", "/", "=", "\"", " ", "\n", "Ntry", "Amt", "Ccy", "Stmt", "Bal", "CdtDbtInd", "CRDT", "<![CDATA[", "]]>", "&amp;", "&#x", "1", ".", "-"],
  bai2: ["01,", "02,", "03,", "16,", "88,", "49,", "98,", "99,", ",", "/", "\n", "D", "S", "V", "-", "9", "0", "2.5", " "],
  mt940: [":20:", ":25:", ":28C:", ":60F:", ":61:", ":86:", ":62F:", ":90D:", "-}", "{4:", "\n", "C", "D", "RC", "EUR", "261101", ",", "9", "?20", "/EREF/"],
  nacha: ["1", "5", "6", "7", "8", "9", " ", "0", "PPD", "CTX", "IAT", "ADV", "\n", "99", "R01", "220", "\r"],
};

const noise = (format: StatementFormatName) => fc.array(fc.constantFrom(...ALPHABET[format]), { maxLength: 400 }).map((parts) => parts.join(""));

/** Random edits of a real file: cut, insert noise, duplicate a slice, flip characters, truncate. */
const mutated = (format: StatementFormatName) => fc.tuple(
  fc.constantFrom(...fixtures[format]),
  fc.array(fc.tuple(fc.constantFrom("cut", "insert", "duplicate", "flip", "truncate"), fc.nat(), fc.nat({ max: 200 }), fc.string({ maxLength: 20 })), { minLength: 1, maxLength: 5 }),
).map(([rel, edits]) => {
  let text = read(rel);
  for (const [op, at, len, s] of edits) {
    const i = text.length ? at % text.length : 0;
    if (op === "cut") text = text.slice(0, i) + text.slice(i + len);
    else if (op === "insert") text = text.slice(0, i) + s + text.slice(i);
    else if (op === "duplicate") text = text.slice(0, i + len) + text.slice(i, i + len) + text.slice(i + len);
    else if (op === "flip") text = text.slice(0, i) + (s[0] ?? "\u0000") + text.slice(i + 1);
    else text = text.slice(0, i);
  }
  return text;
});

/** Parses on the bounded thread; returns "parsed" or "refused", throws on anything else. */
async function outcome(text: string, format: StatementFormatName): Promise<"parsed" | "refused"> {
  const thread = new ParseThread(format, { timeLimitMs: TIME_LIMIT_MS, memoryMb: 128 });
  try {
    await thread.write(text);
    await thread.end();
    return "parsed";
  } catch (e) {
    if (e instanceof ParseLimitError) throw new Error(`not parsed within the limits: ${e.message}\ninput: ${JSON.stringify(text.slice(0, 300))}`);
    if (!(e instanceof StatementParseError)) throw e;
    if (/parser failure/.test(e.problem)) throw new Error(`the parser crashed instead of refusing: ${e.message}\ninput: ${JSON.stringify(text.slice(0, 300))}`);
    expect(e.problem.length).toBeGreaterThan(0);
    expect(e.message).not.toMatch(/[\r\n]/);
    return "refused";
  } finally {
    await thread.close();
  }
}

describe.each(["camt", "bai2", "mt940", "nacha"] as const)("fuzz %s", (format) => {
  it("random bytes parse or are refused with a ParseError within the limit", async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), async (bytes) => {
      await outcome(decodeStatementBytes(bytes), format);
    }), { numRuns: RUNS.bytes });
  });

  it("format-flavoured noise parses or is refused within the limit", async () => {
    await fc.assert(fc.asyncProperty(noise(format), async (text) => { await outcome(text, format); }), { numRuns: RUNS.noise });
  });

  it("mutated real files parse or are refused within the limit", async () => {
    const seen = { parsed: 0, refused: 0 };
    await fc.assert(fc.asyncProperty(mutated(format), async (text) => { seen[await outcome(text, format)]++; }), { numRuns: RUNS.mutated });
    expect(seen.parsed + seen.refused).toBeGreaterThanOrEqual(RUNS.mutated);
  });
});

describe("fuzz through the CLI", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cashline-fuzz-cli-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  it("random and mutated files: exit 0 with JSON, or exit 2 with one stderr line and no stdout", () => {
    const samples = [
      ...fc.sample(fc.uint8Array({ maxLength: 2000 }), { numRuns: 1, seed: 11 }).map((b) => Buffer.from(b)),
      ...fc.sample(mutated("bai2"), { numRuns: 1, seed: 12 }).map((t) => Buffer.from(t)),
    ];
    for (const [i, content] of samples.entries()) {
      const file = path.join(dir, `sample-${i}`);
      fs.writeFileSync(file, content);
      const r = spawnSync(process.execPath, ["--import", "tsx", "bin/cashline.ts", "parse-statement", file], {
        cwd: path.resolve(import.meta.dirname, "../.."), encoding: "utf8", timeout: 30_000,
      });
      if (r.status === 0) expect(() => JSON.parse(r.stdout)).not.toThrow();
      else expect([r.status, r.stdout, r.stderr.trim().split("\n").length, r.stderr.startsWith(file)]).toEqual([2, "", 1, true]);
    }
  }, 90_000);
});
