// The temporary reader behind `match --remittances` (until remit-formats' parseRemittance is merged): the
// contract's CSV and a real public X12 820 (stupidedi's 005010 X218 sample).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseRemittance, CSV_COLUMNS } from "./read-contract-remittance.ts";
import { RemittanceParseError } from "../types.ts";

const FIXTURES = path.resolve(import.meta.dirname, "../../../../shared/fixtures/remittance/stupidedi-820");
const enc = new TextEncoder();

describe("temporary remittance reader", () => {
  it("reads a public X12 820 (005010 X218 list-bill payment): trace number, amount, date, payer, RMR lines", () => {
    const file = "005010_X218_RA820_Payroll_Deducted_and_Other_Group_Premium_Payment_for_Insurance_Products_pass_list-bill-payment.edi";
    const r = parseRemittance(readFileSync(path.join(FIXTURES, file)), { fileName: file });
    expect(r.format).toBe("x12-820");
    expect(r.advices).toHaveLength(1);
    const a = r.advices[0]!;
    expect(a).toMatchObject({ payment_reference: "78905", payment_amount: "255.00", payment_date: "2007-11-03", payer_name: "ALFA MEDAL CO", payer_id: "123456789", payee_name: "BATA INSURANCE CO.", method: "ACH" });
    expect(a.lines.map((l) => [l.document, l.paid])).toEqual([["555666", "30.00"], ["555667", "35.00"], ["555777", "45.00"], ["544477", "50.00"], ["551166", "45.00"], ["558766", "50.00"]]);
  });

  it("reads the contract's CSV: rows of one payment form one advice; a deduction written positive is read as one", () => {
    const csv = [CSV_COLUMNS.join(","),
      "P1,ACME,usd,1270.00,2026-11-30,INV-1,1000.00,1000.00,0.00,,,",
      "P1,ACME,USD,1270.00,2026-11-30,INV-2,270.00,300.00,0.00,30.00,damaged,broken",
      "P2,GLOBEX,EUR,50.00,,RE-9,50.00,,,,,"].join("\n");
    const r = parseRemittance(enc.encode(csv), { fileName: "a.csv" });
    expect(r.advices.map((a) => [a.payment_reference, a.currency, a.lines.length])).toEqual([["P1", "USD", 2], ["P2", "EUR", 1]]);
    expect(r.advices[0]!.lines[1]!.adjustments).toEqual([{ amount: "-30.00", reason: "DAMAGED", code: "damaged", text: "broken" }]);
  });

  it("refuses what it cannot read, naming file, line or segment/element, and the problem", () => {
    const bad = (text: string) => {
      try {
        parseRemittance(enc.encode(text), { fileName: "f" });
      } catch (e) {
        expect(e).toBeInstanceOf(RemittanceParseError);
        return (e as Error).message;
      }
      throw new Error("accepted");
    };
    expect(bad("payment_reference,payer_name\nP1,X")).toMatch(/^f: line 1: missing column "currency"/);
    expect(bad([CSV_COLUMNS.join(","), "P1,A,USD,10.00,2026-11-30,INV-1,1O.00,,,,,"].join("\n"))).toMatch(/^f: line 2: unparsable paid "1O.00"/);
    expect(bad([CSV_COLUMNS.join(","), "P1,A,USD,10.00,2026-11-30,INV-1,10.00,,,,,", "P1,A,USD,11.00,2026-11-30,INV-2,1.00,,,,,"].join("\n"))).toMatch(/line 3: payment P1 has another/);
    const isa = "ISA*00*          *00*          *ZZ*A              *ZZ*B              *261130*1200*^*00501*000000001*0*P*>~";
    expect(bad(`${isa}ST*820*1~BPR*C*12x*C*ACH~`)).toMatch(/^f: segment 3 BPR02: "12x" is not an amount/);
    expect(bad(`${isa}ST*820*1~BPR*C*12.00*C*ACH~TRN*1*T1~RMR*IV*I1**12.00~`)).toMatch(/segment 5: transaction not closed by SE/);
  });
});
