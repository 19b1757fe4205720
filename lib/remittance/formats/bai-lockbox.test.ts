// Lockbox transmissions beyond the public sample: several checks and batches, invoice amounts on overflow records
// (columns 42-51, cents), an invoice without an amount taking what the check leaves, and the refusals.
import { describe, expect, it } from "vitest";
import { RemittanceParseError } from "../types.ts";
import { parseBaiLockbox } from "./bai-lockbox.ts";

const pad = (s: string, n: number) => s.padEnd(n, " ");
const check = (batch: string, item: string, cents: number, name: string) =>
  `6${batch}${item}${String(cents).padStart(10, "0")}0550027070012345555${"0000000180"}051616${pad(name, 30)}${pad("CASHLINE DEMO INC", 20)}`;
const overflow = (batch: string, item: string, seq: string, last: boolean, invoice: string, cents?: number) =>
  `4${batch}${item}6${seq}${last ? "9" : "0"}${pad(invoice, 30)}${cents === undefined ? "" : String(cents).padStart(10, "0")}`;
const file = (body: string[], batches: { batch: string; count: number; cents: number }[]) => {
  const total = batches.reduce((s, b) => s + b.cents, 0), count = batches.reduce((s, b) => s + b.count, 0);
  const records = [
    "100ABCDEFGHIJ00999999912612011800", "2ABCDEFGHIJ0099999991000000000040008000801", "50010000022222261201ABCDEFGHIJ0099999991",
    ...body,
    ...batches.map((b) => `7${b.batch}0000022222261201${String(b.count).padStart(3, "0")}${String(b.cents).padStart(10, "0")}`),
    `80000000022222261201${String(count).padStart(4, "0")}${String(total).padStart(10, "0")}`,
  ];
  return [...records, `9${String(records.length + 1).padStart(6, "0")}`].join("\r\n") + "\r\n";
};

describe("lockbox transmission", () => {
  it("one advice per check, with invoice amounts from the overflow records", () => {
    const text = file([
      check("001", "001", 125000, "ACME CORP"), overflow("001", "001", "01", false, "INV-2026-000103", 100000), overflow("001", "001", "02", true, "INV-2026-000117", 25000),
      check("001", "002", 5000, "BETA FOODS"), overflow("001", "002", "01", false, "INV-7", 2000), overflow("001", "002", "02", true, "INV-8"),
    ], [{ batch: "001", count: 2, cents: 130000 }]);
    const advices = parseBaiLockbox(text);
    expect(advices.map((a) => [a.payment_reference, a.payer_name, a.payment_amount, a.payment_date])).toEqual([
      ["0022222-20261201-001-001", "ACME CORP", "1250.00", "2026-12-01"],
      ["0022222-20261201-001-002", "BETA FOODS", "50.00", "2026-12-01"],
    ]);
    expect(advices[0]!.lines.map((l) => [l.document, l.paid])).toEqual([["INV-2026-000103", "1000.00"], ["INV-2026-000117", "250.00"]]);
    expect(advices[1]!.lines.map((l) => [l.document, l.paid])).toEqual([["INV-7", "20.00"], ["INV-8", "30.00"]]);
  });

  it("refuses an overflow record of another item, a batch count that is wrong, a missing trailer", () => {
    const refusal = (text: string) => {
      try { parseBaiLockbox(text); } catch (e) { if (e instanceof RemittanceParseError) return e.message; throw e; }
      throw new Error("expected a refusal");
    };
    expect(refusal(file([check("001", "001", 100, "A"), overflow("001", "002", "01", true, "INV-1")], [{ batch: "001", count: 1, cents: 100 }])))
      .toBe("line 5, columns 2-7 (batch and item number): overflow record for batch/item 001002, the detail above is 001001");
    expect(refusal(file([check("001", "001", 100, "A")], [{ batch: "001", count: 2, cents: 100 }])))
      .toBe("line 5, columns 21-23 (number of remittances): batch total says 2 checks, the batch has 1");
    expect(refusal(file([check("001", "001", 100, "A")], [{ batch: "001", count: 1, cents: 100 }]).replace(/9\d{6}\r\n$/, "")))
      .toBe("line 6: file ends before the destination trailer (9)");
    expect(refusal(file([check("001", "001", 100, "A").replace("051616", "133116")], [{ batch: "001", count: 1, cents: 100 }])))
      .toBe(`line 4, columns 47-52 (check date (MMDDYY)): invalid date "133116"`);
  });
});
