// Fuzzing every remittance parser (X12 820, lockbox, camt.053/054, CSV) with random bytes, format-flavoured noise and
// mutated real files: each input parses or is refused with a RemittanceParseError (never another exception) and in
// bounded time. Hostile envelopes (delimiters that collide, letters as delimiters, absurd counts, deep XML) are
// refused by name; a large file parses in linear time.
import fs from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRemittance } from "../parse-remittance.ts";
import { RemittanceParseError, type RemittanceFormat } from "../types.ts";
import { GOLDEN_CASES } from "./golden-cases.ts";

const RUNS = { bytes: 150, noise: 150, mutated: 300 };
const MAX_MS = 2_000;
type Fuzzed = Extract<RemittanceFormat, "x12-820" | "bai2-lockbox" | "camt054" | "csv">;

const fileOf = (name: string) => fs.readFileSync(GOLDEN_CASES.find((c) => c.name === name)!.file, "latin1");
const FIXTURES: Record<Fuzzed, string[]> = {
  "x12-820": ["trade-820-004010", "trade-820-005010-eur", "stupidedi-003010-pass-1", "stupidedi-x218-list-bill"].map(fileOf),
  "bai2-lockbox": ["lockbox-test", "lockbox-empty"].map(fileOf),
  camt054: ["camt054-structured", "genkgo-camt054.v2", "genkgo-camt053.v3"].map(fileOf),
  csv: ["csv-contract"].map(fileOf),
};
const ALPHABET: Record<Fuzzed, string[]> = {
  "x12-820": ["ISA*00*          *00*          *ZZ*A              *ZZ*B              *261130*0930*U*00401*000000001*0*P*>~", "GS*RA*A*B*20261130*0930*1*X*004010~", "ST*820*0001~", "BPR*C*10*C*ACH~", "RMR*IV*I*PI*10*10~", "ADX*-5*04~", "SE*", "GE*1*1~", "IEA*1*000000001~", "*", "~", ">", "^", "\n", "9", "-", "."],
  "bai2-lockbox": ["100ABCDEFGHIJ00999999911605231800\n", "2ABCDEFGHIJ0099999991000000000040008000801\n", "50000000022222160523\n", "6001001000070000005500270700123455550000000180051616BOB\n", "40010016019CE554\n", "700100000222221605230010000700000\n", "8000000002222216052300010000700000\n", "9000008\n", "0", "9", " "],
  camt054: ["<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.08\">", "<Ntfctn>", "<Ntry>", "</Ntry>", "<NtryDtls><TxDtls>", "<RmtInf><Strd>", "<RfrdDocInf><Nb>X</Nb></RfrdDocInf>", "<RfrdDocAmt><RmtdAmt Ccy=\"EUR\">1.5</RmtdAmt></RfrdDocAmt>", "</Strd></RmtInf>", "<Amt Ccy=\"EUR\">", "</Amt>", "<", ">", "/", "&amp;", "<![CDATA[", "]]>", "1", "."],
  csv: ["payment_reference,currency,payment_amount,document,paid\n", "R1,", "USD,", "EUR,", "10.00,", "-3,", "\"", "\"\"", ",", "\n", "\r\n", "INV-1", "DAMAGED", "2026-01-31"],
};

function outcome(input: Uint8Array | string, format: Fuzzed): "parsed" | "refused" {
  const bytes = typeof input === "string" ? Buffer.from(input, "latin1") : input;
  const t0 = performance.now();
  try {
    const parsed = parseRemittance(bytes, { format });
    expect(JSON.parse(JSON.stringify(parsed))).toEqual(parsed); // plain JSON, no bigint or undefined leaking out
    return "parsed";
  } catch (e) {
    if (!(e instanceof RemittanceParseError)) throw new Error(`not a RemittanceParseError: ${String(e)}\ninput: ${JSON.stringify(Buffer.from(bytes).toString("latin1").slice(0, 300))}`);
    expect(e.message).not.toMatch(/[\r\n]/);
    expect(e.where.length).toBeGreaterThan(0);
    return "refused";
  } finally {
    expect(performance.now() - t0).toBeLessThan(MAX_MS);
  }
}

const mutated = (format: Fuzzed) => fc.tuple(
  fc.constantFrom(...FIXTURES[format]),
  fc.array(fc.tuple(fc.constantFrom("cut", "insert", "duplicate", "flip", "truncate"), fc.nat(), fc.nat({ max: 200 }), fc.string({ maxLength: 20 })), { minLength: 1, maxLength: 5 }),
).map(([text, edits]) => {
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

describe.each(["x12-820", "bai2-lockbox", "camt054", "csv"] as const)("fuzz %s", (format) => {
  it("random bytes parse or are refused, in bounded time", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => { outcome(bytes, format); }), { numRuns: RUNS.bytes });
  });
  it("format-flavoured noise parses or is refused, in bounded time", () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...ALPHABET[format]), { maxLength: 300 }).map((p) => p.join("")), (text) => { outcome(text, format); }), { numRuns: RUNS.noise });
  });
  it("mutated real files parse or are refused, in bounded time", () => {
    const seen = { parsed: 0, refused: 0 };
    fc.assert(fc.property(mutated(format), (text) => { seen[outcome(text, format)]++; }), { numRuns: RUNS.mutated });
    expect(seen.parsed + seen.refused).toBe(RUNS.mutated);
  });
  it("auto-detection on the same inputs never throws anything but a RemittanceParseError", () => {
    fc.assert(fc.property(mutated(format), (text) => {
      try { parseRemittance(Buffer.from(text, "latin1")); } catch (e) { if (!(e instanceof RemittanceParseError)) throw e; }
    }), { numRuns: 100 });
  });
});

const ISA = "ISA*00*          *00*          *ZZ*A              *ZZ*B              *261130*0930*U*00401*000000001*0*P*>~";
const x12 = (isa: string, body: string) => `${isa}GS*RA*A*B*20261130*0930*1*X*004010~ST*820*0001~${body}GE*1*1~IEA*1*000000001~`;
const refused = (text: string, format: Fuzzed) => {
  try { parseRemittance(Buffer.from(text, "latin1"), { format }); } catch (e) { if (e instanceof RemittanceParseError) return e.message; throw e; }
  throw new Error("expected a refusal");
};

describe("hostile files", () => {
  it("X12: colliding or alphanumeric delimiters are refused at the ISA", () => {
    expect(refused(ISA.replace("*>~", "*~~"), "x12-820")).toMatch(/delimiters must all differ/);
    expect(refused(ISA.replace("*>~", "*>*"), "x12-820")).toMatch(/delimiters must all differ/);
    expect(refused(ISA.replaceAll("*", "A"), "x12-820")).toMatch(/ISA must have 16 elements|must not be letters/);
    expect(refused(ISA.replace(">~", "> "), "x12-820")).toMatch(/must not be letters, digits or blanks/);
  });

  it("X12: absurd counts and control numbers are compared, never iterated", () => {
    const body = "BPR*C*10*C*ACH~TRN*1*R~RMR*IV*I*PI*10*10~";
    expect(refused(x12(ISA, `${body}SE*999999999999999999999*0001~`), "x12-820")).toBe(`segment 7 (SE01): count "99999999999999999999" is not a number`); // quoted up to 20 characters
    expect(refused(x12(ISA, `${body}SE*5*0002~`), "x12-820")).toBe(`segment 7 (SE02): control number "0002" does not match ST02 "0001"`);
    expect(refused(x12(ISA, `${body}SE*5*0001~`).replace("GE*1*1", "GE*2*1"), "x12-820")).toBe("segment 8 (GE01): functional group 1 has 1 transaction sets, GE01 says 2");
    expect(refused(x12(ISA, `${body}SE*5*0001~`).replace("IEA*1*000000001", "IEA*1*000000002"), "x12-820")).toBe(`segment 9 (IEA02): control number "000000002" does not match ISA13 "000000001"`);
    expect(refused(x12(ISA, body).replace(/GE\*1\*1~IEA\*1\*000000001~$/, ""), "x12-820")).toBe("segment 6: file ends inside transaction set 0001 (no SE)");
  });

  it("X12: an 820 with 100,000 remittance lines parses in linear time", () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `RMR*IV*INV-${i}*PI*10*10~`).join("");
    const text = x12(ISA, `BPR*C*1000000*C*ACH~TRN*1*BIG~${lines}SE*${100_004}*0001~`);
    const t0 = performance.now();
    const parsed = parseRemittance(Buffer.from(text), { format: "x12-820" });
    expect(parsed.advices[0]!.lines).toHaveLength(100_000);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it("camt: XML nested past the limit and a huge text node are refused by path", () => {
    const deep = `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">${"<a>".repeat(100)}`;
    expect(refused(deep, "camt054")).toMatch(/elements nested deeper than 64 levels/);
    const head = `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn><Ntfctn><Ntry><AddtlNtryInf>`;
    expect(refused(head + "x".repeat(1_200_000), "camt054")).toMatch(/Ntry\[1\]\/AddtlNtryInf: more than 1000000 characters of text, comment or attributes without markup/);
  });

  it("lockbox: totals that do not add up and records out of order are refused by line and columns", () => {
    const good = fileOf("lockbox-test");
    expect(refused(good.replace("700100000222221605230010000700000", "700100000222221605230010000700001"), "bai2-lockbox"))
      .toBe("line 6, columns 24-33 (check dollar total): batch total says 7000.01, its checks add up to 7000.00");
    expect(refused(good.replace("9000008", "9000009"), "bai2-lockbox")).toBe("line 8, columns 2-7 (total number of records): trailer says 9 records, the file has 8");
    expect(refused(good.split("\n").filter((l) => !l.startsWith("6")).join("\n"), "bai2-lockbox")).toBe("line 4: record 4 out of order: expected an overflow record (4) after its detail (6)");
  });
});
