import { describe, expect, it } from "vitest";
import { parseStatement } from "./index.ts";
import { transactionSign } from "./nacha-records.ts";

const pad = (s: string) => s.padEnd(94, " ");
const HEADER = pad("101 231380104 1210428821906240000A094101Federal Reserve Bank   My Bank Name");
const BATCH = pad("5225Name on Account                     121042882 PPDREG.SALARY      190625   1121042880000001");
const ENTRY = pad("62723138010412345678         0100000000               Receiver Account Name   0121042880000001");
const CONTROL = pad("82250000010023138010000100000000000000000000121042882                          121042880000001");
const FILE = pad("9000001000001000000010023138010000100000000000000000000");

describe("NACHA", () => {
  it("classifies transaction codes", () => {
    expect([22, 32, 42, 52, 24, 27, 37, 55, 26, 81, 82].map(transactionSign)).toEqual([1n, 1n, 1n, 1n, 1n, -1n, -1n, -1n, -1n, 1n, -1n]);
    expect([20, 25, 35, 90].map(transactionSign)).toEqual([null, null, null, null]);
  });

  it("reads a batch as a statement and checks the controls", () => {
    const r = parseStatement([HEADER, BATCH, ENTRY, CONTROL, FILE].join("\n"));
    expect(r.format).toBe("nacha");
    expect(r.statements[0]).toMatchObject({ id: "0000001", account: "121042882", currency: "USD", checks: { balance: "not_applicable", control_totals: "ok" } });
    expect(r.statements[0].entries[0]).toEqual({
      amount: "-1000000.00", value_date: "2019-06-25", booking_date: "2019-06-25", type: "PPD", bank_reference: "121042880000001",
      customer_reference: null, counterparty_name: "Receiver Account Name", counterparty_account: "231380104/12345678", remittance: null,
    });
  });

  it("reads records without line breaks and carries return reasons", () => {
    const ret = pad("799R01091400600000001      09100001                                            121042880000001");
    const entry = ENTRY.slice(0, 78) + "1" + ENTRY.slice(79);
    const control = CONTROL.slice(0, 4) + "000002" + CONTROL.slice(10);
    const r = parseStatement([HEADER, BATCH, entry, ret, control, FILE].join(""));
    expect(r.statements[0].entries[0]).toMatchObject({ type: "R01", customer_reference: "091400600000001" });
    expect(r.statements[0].checks.control_totals).toBe("mismatch"); // the file control still says 1 record
  });

  it("rejects structural problems with the line number", () => {
    expect(() => parseStatement([HEADER, ENTRY].join("\n"), { format: "nacha" })).toThrow(/line 2: entry detail \(record type 6\) outside a batch/);
    expect(() => parseStatement([HEADER, BATCH, ENTRY, CONTROL].join("\n"))).toThrow(/line 4: missing file control/);
    expect(() => parseStatement([HEADER, BATCH, ENTRY.replace("0100000000", "01000000X0"), CONTROL, FILE].join("\n"))).toThrow(/line 3: invalid amount/);
  });
});
