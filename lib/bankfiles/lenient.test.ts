// Finding 16: real banks' files with quirks a lenient reader accepts (a malformed balance field, a blank amount in a
// trailer, a non-standard decimal separator with zero padding). Each case mutates a public fixture (generated here,
// never copied) and must parse to the same numbers as the original, with a WARNING naming the line; what cannot be
// read with certainty is still refused.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BANK_FIXTURES } from "../testing/bank-fixtures-dir.ts";
import { parseStatement, StatementParseError, type StatementFormatName } from "./index.ts";
import { StatementCollector } from "./statement.ts";
import { createStatementParser } from "./index.ts";

const fixture = (rel: string) => fs.readFileSync(path.join(BANK_FIXTURES, rel), "utf8");

/** The parse result and the warnings (which are not part of the contract's JSON). */
function lenient(text: string, format: StatementFormatName) {
  const collector = new StatementCollector();
  const parser = createStatementParser(format, collector.sink);
  parser.write(text);
  parser.end();
  return { result: collector.result(), warnings: collector.warnings };
}

describe("lenient BAI2", () => {
  const original = fixture("moov-bai2/test/testdata/sample1.txt");
  const strict = parseStatement(original, { format: "bai2" });

  it("a blank amount in an account trailer (49) is read, the total not checked, with a warning", () => {
    const text = original.replace("49,+00000000000834000,14/", "49,,14/");
    const { result, warnings } = lenient(text, "bai2");
    expect(result).toEqual(strict);
    expect(warnings).toEqual(["line 16: account trailer (49): the control total is blank; the total is not checked (counts are)"]);
  });

  it("blank totals in the group and file trailers too", () => {
    const text = original.replace("98,+00000000001280000,2,25/", "98,,2,25/").replace("99,+00000000001280000,1,27/", "99,   ,1,27/");
    const { result, warnings } = lenient(text, "bai2");
    expect(result).toEqual(strict);
    expect(warnings).toContain("line 26: group trailer (98): the control total is blank; the total is not checked (counts are)");
    expect(warnings).toContain("line 27: file trailer (99): the control total is blank; the total is not checked (counts are)");
  });

  it("a zero-padded amount with a decimal point is read as the amount it says, with a warning", () => {
    const text = original.replace("16,409,000000000002500,V", "16,409,0000000025.00,V");
    const { result, warnings } = lenient(text, "bai2");
    expect(result).toEqual(strict);
    expect(warnings).toEqual(['line 5: transaction detail (16): amount "0000000025.00" written with a decimal separator (BAI2 amounts are whole minor units); read as 0000000025.00']);
  });

  it("still refuses an amount that could be read two ways", () => {
    expect(() => parseStatement(original.replace("16,409,000000000002500,V", "16,409,2.500,V"), { format: "bai2" })).toThrow(StatementParseError);
  });
});

describe("lenient MT940", () => {
  const original = fixture("wolph-mt940/mt940_tests/mBank/mt940.sta");
  const strict = parseStatement(original, { format: "mt940" });

  it("a balance with a decimal point, zero padding and stray spaces is read, with warnings", () => {
    const text = original.replace(":60F:C170119PLN0,40", ":60F:C 170119 PLN 00000000.40");
    const { result, warnings } = lenient(text, "mt940");
    expect(result).toEqual(strict);
    expect(warnings).toEqual([
      'line 5: :60F: stray spaces in the balance "C 170119 PLN 00000000.40"',
      'line 5: :60F: amount "00000000.40" written with "." as decimal separator instead of ","',
    ]);
  });

  it("a statement line amount with a decimal point keeps its cents (it lost them before)", () => {
    const text = original.replace(":61:1701190119CN0,01NTRF", ":61:1701190119CN0.01NTRF");
    const { result, warnings } = lenient(text, "mt940");
    expect(result).toEqual(strict);
    expect(warnings).toEqual(['line 6: :61: amount "0.01" written with "." as decimal separator instead of ","']);
  });

  it("thousands grouping where the decimal separator is certain", () => {
    const text = original.replace(":60F:C170119PLN0,40", ":60F:C170119PLN1.234,40");
    const [s] = lenient(text, "mt940").result.statements;
    expect(s!.opening_balance?.amount).toBe("1234.40");
  });

  it("still refuses a balance that could mean one or a thousand", () => {
    const text = original.replace(":60F:C170119PLN0,40", ":60F:C170119PLN1.000");
    expect(() => parseStatement(text, { format: "mt940" })).toThrow(/:60F: amount "1.000": "." is not this format's decimal separator/);
  });
});

describe("lenient MT942 and camt", () => {
  it("a blank :90D: total with no entries is zero, with a warning", () => {
    const text = fixture("wolph-mt940/mt940_tests/mBank/mt942.sta");
    const d = /:90D:(\d+)([A-Z]{3})([\d,]+)/.exec(text);
    expect(d).not.toBeNull();
    const blank = text.replace(d![0], `:90D:${d![1]}${d![2]}`);
    const { result, warnings } = lenient(blank, "mt940");
    expect(result.statements.length).toBeGreaterThan(0);
    expect(warnings[0]).toMatch(/^line \d+: :90D: the total amount is blank/);
  });

  it("a camt amount with a decimal comma is read, with a warning naming the element", () => {
    const text = fixture("genkgo-camt/test/data/camt053.v2.minimal.xml");
    const amt = /<Amt Ccy="([A-Z]{3})">(\d+)\.(\d\d)<\/Amt>/.exec(text)!;
    const strict = parseStatement(text);
    const { result, warnings } = lenient(text.replace(amt[0], `<Amt Ccy="${amt[1]}">${amt[2]},${amt[3]}</Amt>`), "camt");
    expect(result).toEqual(strict);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Document\/BkToCstmrStmt\/Stmt\[1\]\/.*Amt: amount "\d+,\d\d" written with "," as decimal separator instead of "\."$/);
  });
});

