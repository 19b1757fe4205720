// Conformance over every file of the four public fixture corpora (../shared/fixtures/bankfiles).
// Expected results are compared where upstream has them; known-bad files must be rejected with a
// StatementParseError; every other file must parse. Per-corpus counts are printed at the end.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compareCamt, compareMt940, compareNacha } from "./conformance-expected.ts";
import { parseStatement, StatementParseError } from "./index.ts";
import type { ParsedStatementFile } from "./types.ts";
import { BANK_FIXTURES } from "../testing/bank-fixtures-dir.ts";

const FIXTURES = BANK_FIXTURES;

function files(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

interface Corpus {
  name: string;
  root: string;
  /** Statement files of the corpus (expected-result siblings, licences and manifests excluded). */
  inputs: (rel: string) => boolean;
  /** Known-bad files and a fragment of the rejection message we expect. */
  rejected: Record<string, string>;
  compare?: (rel: string, ours: ParsedStatementFile) => string[] | null;
}

const json = (p: string) => JSON.parse(readFileSync(p, "utf8"));
const sibling = (abs: string, ext: string) => abs.replace(/\.[^./]+$/, ext);

const corpora: Corpus[] = [
  {
    name: "wolph-mt940",
    root: path.join(FIXTURES, "wolph-mt940"),
    inputs: (rel) => rel.startsWith("mt940_tests/") && /\.(sta|txt)$/.test(rel),
    // Ten lines "1".."10": no MT940 tag at all (upstream returns an empty statement).
    rejected: { "mt940_tests/self-provided/invalid_statement.sta": "cannot detect the statement format" },
    compare(rel, ours) {
      const key = rel.replace(/^mt940_tests\//, "").replace(/\.sta$/, "");
      const expected = path.join(FIXTURES, "wolph-mt940/expected-json", `${key}.json`);
      return existsSync(expected) ? compareMt940(key, ours, json(expected)) : null;
    },
  },
  {
    name: "genkgo-camt",
    root: path.join(FIXTURES, "genkgo-camt"),
    inputs: (rel) => rel.endsWith(".xml"),
    rejected: { "test/data/camt053.v2.wrong.xml": "no <Stmt> element" },
    compare(rel, ours) {
      const expected = sibling(path.join(FIXTURES, "genkgo-camt", rel), ".json");
      return existsSync(expected) ? compareCamt(path.basename(rel), ours, json(expected)) : null;
    },
  },
  {
    name: "moov-bai2",
    root: path.join(FIXTURES, "moov-bai2"),
    inputs: (rel) => rel.startsWith("test/testdata/"),
    rejected: { "test/testdata/errors/sample-parseError.txt": "unknown BAI2 record code 00" },
  },
  {
    name: "moov-ach",
    root: path.join(FIXTURES, "moov-ach"),
    inputs: (rel) => rel.includes("testdata/") && !rel.endsWith(".json"),
    rejected: {
      // Structurally broken or truncated: records out of order, missing header/control records.
      "test/testdata/adv-invalidBatchEntries.ach": "addenda (record type 7) without an entry detail",
      "test/testdata/adv-noFileControl.ach": "missing file control",
      "test/testdata/bh-ed-ad-bh-ed-ad-ed-ad.ach": "batch header before the file header",
      "test/testdata/file_parsing_missing_file_control.txt": "missing batch control",
      "test/testdata/iat-batchHeaderErr.ach": "batch header inside batch",
      "test/testdata/return-no-batch-controls.ach": "batch header before the file header",
      "test/testdata/return-no-batch-header.ach": "entry detail (record type 6) outside a batch",
      "test/testdata/return-no-file-header-control.ach": "batch header before the file header",
      "test/testdata/ppd-debit-fixedLengthInvalid.ach": "(1 extra)",
      // Corrupt bytes or field values we must interpret (control characters, codes outside the format).
      "test/testdata/Iat-invalidAddenda13.ach": "control character U+001a",
      ...Object.fromEntries([11, 12, 14, 15, 16, 17, 18].map((n) => [`test/testdata/iat-invalidAddenda${n}.ach`, "control character U+001a"])),
      "test/testdata/pos-invalidEntryDetail.ach": "control character U+001a",
      "test/testdata/iat-invalidAddendaRecordIndicator.ach": "invalid addenda record indicator",
      "test/testdata/iat-invalidBatchHeader.ach": "invalid service class code",
      "test/testdata/iat-invalidEntryDetail.ach": "invalid transaction code",
      "test/testdata/invalid-two-micro-deposits.ach": "invalid amount",
      // RTF documents, not ACH files.
      "test/testdata/file_header_control.rtf": "cannot detect the statement format",
      "test/testdata/missing_file_control.rtf": "cannot detect the statement format",
      // Fuzzer crashers: no file header, garbage lengths or control bytes.
      ...Object.fromEntries(["0.ach", "1.ach", "2.ach", "3.ach"].map((f) => [`test/testdata/crashers/${f}`, "batch header before the file header"])),
      "test/testdata/crashers/4.ach": "not a whole number of 94-character records",
      "test/testdata/crashers/5.ach": "not a whole number of 94-character records",
      "test/testdata/crashers/d8f3557bf70ce706c9efbfcfd8143f131a2eef20": "control character",
    },
    compare(rel, ours) {
      const expected = sibling(path.join(FIXTURES, "moov-ach", rel), ".json");
      if (!existsSync(expected)) return null;
      const data = json(expected);
      // Some .json siblings are reader options, not files: only batch-bearing ones are results.
      return data.batches || data.IATBatches ? compareNacha(path.basename(rel), ours, data) : null;
    },
  },
];

const results = new Map<string, { files: number; passed: number; compared: number; failures: string[] }>();

describe.each(corpora)("$name conformance", (corpus) => {
  const tally = { files: 0, passed: 0, compared: 0, failures: [] as string[] };
  results.set(corpus.name, tally);
  const inputs = files(corpus.root).map((abs) => path.relative(corpus.root, abs)).filter(corpus.inputs);

  it("knows every listed known-bad file", () => {
    for (const rel of Object.keys(corpus.rejected)) expect(inputs, rel).toContain(rel);
  });

  it.each(inputs)("%s", (rel) => {
    tally.files++;
    const bytes = readFileSync(path.join(corpus.root, rel));
    const reject = corpus.rejected[rel];
    let outcome: ParsedStatementFile | StatementParseError;
    try {
      outcome = parseStatement(bytes);
    } catch (e) {
      if (!(e instanceof StatementParseError)) throw e;
      outcome = e;
    }
    let problems: string[];
    if (reject !== undefined) {
      problems = outcome instanceof StatementParseError
        ? (outcome.message.includes(reject) && (outcome.line !== undefined || outcome.xmlPath) ? [] : [`rejected with "${outcome.message}", expected "${reject}"`])
        : ["parsed, but it must be rejected"];
    } else if (outcome instanceof StatementParseError) {
      problems = [`rejected: ${outcome.message}`];
    } else {
      const compared = corpus.compare?.(rel, outcome) ?? null;
      if (compared) tally.compared++;
      problems = compared ?? [];
    }
    if (problems.length === 0) tally.passed++;
    else tally.failures.push(`${rel}: ${problems.join("; ")}`);
    expect(problems).toEqual([]);
  });
});

afterAll(() => {
  for (const [name, t] of results) {
    console.log(`[conformance] ${name}: files ${t.files}, passed ${t.passed}, compared with expected results ${t.compared}`
      + (t.failures.length ? `\n  failures:\n    ${t.failures.join("\n    ")}` : ""));
  }
});
