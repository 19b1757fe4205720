// Finding 8: every parser bounds what it holds. Each case here was accepted and held in memory without limit by the
// code as first found (a camt <Ntry> subtree of any size, any nesting or text length, a line of any length that was
// re-scanned per chunk, a NACHA record stream buffered whole until its end).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BANK_FIXTURES } from "../testing/bank-fixtures-dir.ts";
import { generateCamt053 } from "./generate.ts";
import { createStatementParser, parseStatement, StatementParseError } from "./index.ts";
import { LIMITS } from "./limits.ts";
import type { StatementEvent } from "./types.ts";

function refusal(run: () => unknown): StatementParseError {
  try {
    run();
  } catch (e) {
    if (e instanceof StatementParseError) return e;
    throw e;
  }
  throw new Error("accepted, expected a refusal");
}

const camt = generateCamt053({ entries: 2, seed: 1 });
const firstNtryEnd = camt.indexOf("</Ntry>");
const intoFirstEntry = (inner: string) => camt.slice(0, firstNtryEnd) + inner + camt.slice(firstNtryEnd);

describe("camt bounds", () => {
  it("refuses an <Ntry> with more elements than LIMITS.subtreeElements, naming the entry", () => {
    const e = refusal(() => parseStatement(intoFirstEntry("<AddtlNtryInf>x</AddtlNtryInf>".repeat(LIMITS.subtreeElements + 10))));
    expect(e.message).toMatch(/^Document\/BkToCstmrStmt\/Stmt\[1\]\/Ntry\[1\]\/AddtlNtryInf: more than 5000 elements in one <Ntry>$/);
  });

  it("refuses nesting deeper than LIMITS.xmlDepth", () => {
    const e = refusal(() => parseStatement(intoFirstEntry("<X>".repeat(100) + "</X>".repeat(100))));
    expect(e.message).toMatch(/Ntry\[1\]\/X\/X.*\/X: elements nested deeper than 64 levels$/);
  });

  it("refuses an element text longer than LIMITS.textChars, inside an entry and outside", () => {
    const inside = refusal(() => parseStatement(intoFirstEntry(`<AddtlNtryInf>${"A".repeat(LIMITS.textChars + 1)}</AddtlNtryInf>`)));
    expect(inside.message).toMatch(/Ntry\[1\]\/AddtlNtryInf: more than 1000000 characters of text in one element$/);
    const grpHdr = camt.indexOf("</MsgId>");
    const outside = refusal(() => {
      const p = createStatementParser("camt", () => {});
      p.write(camt.slice(0, grpHdr));
      for (let i = 0; i < 40; i++) p.write("B".repeat(64 * 1024));
    });
    expect(outside.message).toMatch(/GrpHdr\/MsgId: more than 1000000 characters of text, comment or attributes without markup$/);
  });
});

describe("line-format bounds", () => {
  it("refuses a line longer than LIMITS.lineChars as it grows, before it is whole", () => {
    const e = refusal(() => {
      const p = createStatementParser("bai2", () => {});
      p.write("01,SENDER,RECEIVER,260101,0800,7,,,2/\n02,");
      for (let i = 0; i < 4; i++) p.write("9".repeat(64 * 1024)); // never a line break
    });
    expect([e.line, e.problem]).toEqual([2, "line is longer than 100000 characters: not a bank statement line"]);
  });

  it("reads NACHA records without line breaks as they arrive, not once the file has ended", () => {
    const lines = fs.readFileSync(path.join(BANK_FIXTURES, "moov-ach/test/testdata/ppd-debit.ach"), "latin1").split("\n").map((l) => l.replace(/\r$/, "").padEnd(94).slice(0, 94));
    const [header, batch, entry, control, fileControl] = lines;
    const N = 20_000;
    const unbroken = header + batch + entry!.repeat(N) + control + fileControl;
    const events: StatementEvent[] = [];
    let entriesBeforeEnd = 0;
    const p = createStatementParser("nacha", (ev) => events.push(ev));
    for (let i = 0; i < unbroken.length; i += 64 * 1024) p.write(unbroken.slice(i, i + 64 * 1024));
    entriesBeforeEnd = events.filter((e) => e.type === "entry").length;
    p.end();
    expect(entriesBeforeEnd).toBeGreaterThan(N - 1100); // all but the last ~1,000 records were handed on as they came
    expect(events.filter((e) => e.type === "entry")).toHaveLength(N);
    expect(events.at(-1)).toEqual({ type: "end", format: "nacha" });
  });

  it("still refuses a record stream that is not a whole number of records, with its full length", () => {
    const lines = fs.readFileSync(path.join(BANK_FIXTURES, "moov-ach/test/testdata/ppd-debit.ach"), "latin1").split("\n").map((l) => l.replace(/\r$/, "").padEnd(94).slice(0, 94));
    const broken = lines[0]! + lines[1]! + lines[2]!.repeat(2000) + lines[3]! + lines[4]!.slice(0, 60) + "X";
    const e = refusal(() => parseStatement(broken, { format: "nacha" }));
    expect(e.problem).toBe(`line is ${94 * 2003 + 61} characters: not a whole number of 94-character records (61 extra)`);
  });
});
