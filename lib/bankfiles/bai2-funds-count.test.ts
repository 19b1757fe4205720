// Finding 1: a six-line BAI2 file whose funds-type D distribution count is negative ("-2.5") made the field step
// of the 03 record zero, and the parser looped forever. It is now refused, naming the line and the field.
// (The CLI side, which would hang on the old code, is in lib/cli/parse-statement-hostile.test.ts.)
import { describe, expect, it } from "vitest";
import { parseStatement, StatementParseError } from "./index.ts";

const NEGATIVE_DISTRIBUTION_BAI2 = [
  "01,SENDER,RECEIVER,260101,0800,7,,,2/",
  "02,RECEIVER,BANK,1,260102,2400,USD,2/",
  "03,ACCT,USD,010,,,D,-2.5/",
  "49,0,2/",
  "98,0,1,4/",
  "99,0,1,6/",
].join("\n") + "\n";

function refusal(text: string): StatementParseError {
  try {
    parseStatement(text, { format: "bai2" });
  } catch (e) {
    if (e instanceof StatementParseError) return e;
    throw e;
  }
  throw new Error("parsed, expected a refusal");
}

describe("BAI2 funds type D", () => {
  it("refuses a negative distribution count, naming line and field", () => {
    const e = refusal(NEGATIVE_DISTRIBUTION_BAI2);
    expect(e.line).toBe(3);
    expect(e.message).toBe('line 3: account record (03): field 8: distribution count "-2.5" for funds type D is not a whole number of days');
  });

  it("refuses a count that announces more distributions than the record holds", () => {
    const e = refusal(NEGATIVE_DISTRIBUTION_BAI2.replace("D,-2.5/", "D,3,0,100/"));
    expect(e.message).toBe("line 3: account record (03): field 8: funds type D announces 3 distributions, but only 1 follow");
    const d = refusal(NEGATIVE_DISTRIBUTION_BAI2.replace("03,ACCT,USD,010,,,D,-2.5/", "03,ACCT,USD/\n16,165,100,D,-1,BR,,X/").replace("49,0,2/", "49,100,3/")
      .replace("98,0,1,4/", "98,100,1,5/").replace("99,0,1,6/", "99,100,1,7/"));
    expect(d.message).toBe('line 4: transaction detail (16): field 5: distribution count "-1" for funds type D is not a whole number of days');
  });

  it("still reads a well-formed D distribution (count then day/amount pairs)", () => {
    const ok = NEGATIVE_DISTRIBUTION_BAI2.replace("03,ACCT,USD,010,,,D,-2.5/", "03,ACCT,USD,010,5000,,D,2,0,3000,1,2000/")
      .replace("49,0,2/", "49,5000,2/").replace("98,0,1,4/", "98,5000,1,4/").replace("99,0,1,6/", "99,5000,1,6/");
    const [s] = parseStatement(ok, { format: "bai2" }).statements;
    expect(s.opening_balance).toEqual({ amount: "50.00", date: "2026-01-02" });
    expect(s.checks.control_totals).toBe("ok");
  });
});
