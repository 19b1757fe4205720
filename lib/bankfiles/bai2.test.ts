import { describe, expect, it } from "vitest";
import { bai2Direction } from "./bai2.ts";
import { parseStatement, StatementParseError } from "./index.ts";

const parse = (text: string) => parseStatement(text, { format: "bai2" });
const file = (body: string, total: string, records: number) =>
  `01,SENDER,RECEIVER,260101,0800,7,,,2/\n02,RECEIVER,BANK,1,260102,2400,USD,2/\n${body}`
  + `98,${total},1,${records + 2}/\n99,${total},1,${records + 4}/\n`;

describe("BAI2", () => {
  it("maps type-code ranges to credit and debit", () => {
    expect([bai2Direction("165"), bai2Direction("451"), bai2Direction("721"), bai2Direction("960"), bai2Direction("010")]).toEqual([1n, -1n, 1n, -1n, null]);
  });

  it("reads balances, details, continuations and control totals", () => {
    const body = "03,12345,,010,100000,,,015/\n88,110000,,/\n"
      + "16,165,15000,V,260103,,BR1,CR1,PAYMENT FROM ACME/\n88,INVOICE 42\n"
      + "16,451,5000,0,BR2,,/\n49,230000,6/\n";
    const { format, statements: [s] } = parse(file(body, "230000", 6));
    expect(format).toBe("bai2");
    expect(s).toMatchObject({
      id: "7-1-1", account: "12345", currency: "USD",
      opening_balance: { amount: "1000.00", date: "2026-01-02" },
      closing_balance: { amount: "1100.00", date: "2026-01-02" },
      checks: { balance: "ok", control_totals: "ok" },
    });
    expect(s.entries[0]).toEqual({
      amount: "150.00", value_date: "2026-01-03", booking_date: "2026-01-02", type: "165", bank_reference: "BR1",
      customer_reference: "CR1", counterparty_name: null, counterparty_account: null, remittance: "PAYMENT FROM ACME,INVOICE 42",
    });
    expect(s.entries[1]).toMatchObject({ amount: "-50.00", bank_reference: "BR2", remittance: null });
  });

  it("uses the currency's implied decimals and reports wrong trailers", () => {
    const body = "03,1,JPY,010,1000,,,015,1500,,/\n16,165,500,0,,,/\n49,9999,3/\n";
    const { statements: [s] } = parse(file(body, "9999", 3));
    expect(s.entries[0].amount).toBe("500");
    expect(s.checks).toEqual({ balance: "ok", control_totals: "mismatch" });
  });

  it("reports balances that do not add up, with the difference", () => {
    const body = "03,1,,010,1000,,,015,1200,,/\n16,165,100,0,,,/\n49,2300,3/\n";
    expect(parse(file(body, "2300", 3)).statements[0].checks).toEqual({ balance: "mismatch", balance_difference: "1.00", control_totals: "ok" });
  });

  it("rejects broken structure with the line number", () => {
    expect(() => parse("01,A,B,260101,0800,1,,,2/\n16,165,1,0,,,/\n")).toThrow(/line 2: .*16.*outside an account|line 2/);
    const err = (() => { try { parse("01,A,B,260101,0800,1,,,2/\n02,B,A,1,260101,,,/\n"); } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(StatementParseError);
    expect((err as StatementParseError).message).toMatch(/missing file trailer \(99\)/);
    expect(() => parse(file("03,1,,/\n16,165,12x,0,,,/\n49,0,3/\n", "0", 3))).toThrow(/invalid amount/);
    expect(() => parse(file("03,1,,/\n16,010,1,0,,,/\n49,1,3/\n", "1", 3))).toThrow(/not a credit or debit/);
  });
});
