// X12 820 beyond the golden files: delimiters read from the ISA, several interchanges and transaction sets, other
// transaction sets skipped, and the refusals that name segment and element.
import { describe, expect, it } from "vitest";
import { RemittanceParseError } from "../types.ts";
import { parseX12_820 } from "./x12-820.ts";

const isa = (control = "000000001", d = { e: "*", c: ">", r: "U", s: "~" }) =>
  ["ISA", "00", "          ", "00", "          ", "ZZ", "PAYER          ", "ZZ", "PAYEE          ", "261130", "0930", d.r, d.r === "U" ? "00401" : "00501", control, "0", "P", d.c].join(d.e) + d.s;
const set = (control: string, body: string[], code = "820") => [`ST*${code}*${control}`, ...body, `SE*${body.length + 2}*${control}`];
const file = (sets: string[][], control = "000000001", groupControl = "1") =>
  isa(control) + [`GS*RA*PAYER*PAYEE*20261130*0930*${groupControl}*X*004010`, ...sets.flat(), `GE*${sets.length}*${groupControl}`, `IEA*1*${control}`].join("~") + "~";
const PAYMENT = ["BPR*C*100*C*ACH************20261130", "TRN*1*TRACE-1", "RMR*IV*INV-1*PI*100*100"];
const refusal = (text: string) => {
  try { parseX12_820(text); } catch (e) { if (e instanceof RemittanceParseError) return e.message; throw e; }
  throw new Error("expected a refusal");
};

describe("X12 820", () => {
  it("reads every interchange of a file and one advice per ST/SE; a 997 in the same envelope is verified and skipped", () => {
    const two = file([set("0001", PAYMENT), set("0002", ["AK1*RA*1", "AK9*A*1*1*1"], "997")])
      + "\r\n" + file([set("0003", PAYMENT.map((s) => s.replace("TRACE-1", "TRACE-2")))], "000000002", "2");
    expect(parseX12_820(two).map((a) => a.payment_reference)).toEqual(["TRACE-1", "TRACE-2"]);
  });

  it("takes element, component, repetition separators and terminator from the ISA (here | : ^ and a newline)", () => {
    const text = isa("000000009", { e: "|", c: ":", r: "^", s: "\n" })
      + ["GS|RA|A|B|20261130|0930|9|X|005010", "ST|820|0001", "BPR|C|12.5|C|CHK|||||||||||20261130", "TRN|1|NL-1", "RMR|IV|INV-9|PI|12.5", "SE|5|0001", "GE|1|9", "IEA|1|000000009"].join("\n") + "\n";
    const [advice] = parseX12_820(text);
    expect([advice!.payment_reference, advice!.payment_amount, advice!.method, advice!.lines[0]!.paid]).toEqual(["NL-1", "12.50", "CHK", "12.50"]);
  });

  it("derives what is paid when RMR04 is absent (invoice amount less discount)", () => {
    const [advice] = parseX12_820(file([set("0001", ["BPR*C*98*C*ACH", "TRN*1*T", "RMR*IV*INV-1*PI**100*2"])]));
    expect(advice!.lines[0]).toMatchObject({ paid: "98.00", invoice_amount: "100.00", discount: "2.00" });
  });

  it("reads CAS claim adjustments under a line: each reason/amount pair, a positive amount reducing the payment", () => {
    const [advice] = parseX12_820(file([set("0001", ["BPR*C*80*C*ACH", "TRN*1*T", "RMR*IV*INV-1*PI*80*100", "CAS*CO*45*15**253*5"])]));
    expect(advice!.lines[0]!.adjustments).toEqual([
      { amount: "-15.00", reason: "OTHER", code: "45", text: "group CO" },
      { amount: "-5.00", reason: "OTHER", code: "253", text: "group CO" },
    ]);
  });

  it("reads amounts in the CUR currency's minor units and refuses more decimals than it has", () => {
    const [advice] = parseX12_820(file([set("0001", ["BPR*C*1500*C*ACH", "TRN*1*T", "CUR*PR*JPY", "RMR*IV*I*PI*1500"])]));
    expect([advice!.currency, advice!.payment_amount]).toEqual(["JPY", "1500"]);
    expect(refusal(file([set("0001", ["BPR*C*1500.5*C*ACH", "TRN*1*T", "CUR*PR*JPY"])]))).toBe(`segment 4 (BPR02): amount "1500.5" has more than 0 decimals`);
    expect(refusal(file([set("0001", ["BPR*C*1*C*ACH", "CUR*PR*ZZZ"])]))).toBe(`segment 5 (CUR02): unknown currency "ZZZ"`);
  });

  it("refuses naming segment and element: no BPR, a bad flag, a bad date, an RMR without amounts, a segment outside ST/SE", () => {
    expect(refusal(file([set("0001", ["TRN*1*T"])]))).toBe("segment 3 (ST): transaction set 0001 has no BPR (or BPS) segment");
    expect(refusal(file([set("0001", ["BPR*C*1*X*ACH"])]))).toBe(`segment 4 (BPR03): credit/debit flag must be C or D, found "X"`);
    expect(refusal(file([set("0001", ["BPR*C*1*C*ACH************20261331"])]))).toBe(`segment 4 (BPR16): invalid date "20261331"`);
    expect(refusal(file([set("0001", ["BPR*C*1*C*ACH", "RMR*IV*INV-1"])]))).toBe("segment 5 (RMR04): missing amount paid (and no invoice amount to derive it from)");
    expect(refusal(file([set("0001", PAYMENT)]).replace("GS*", "RMR*IV*X*PI*1~GS*"))).toBe("segment 2 (RMR): RMR outside a transaction set");
    expect(refusal("ISA*00")).toBe("segment ISA at character 1: ISA must have 16 elements separated by \"*\"");
    expect(refusal("UNA:+.? '")).toBe("segment ISA at character 1: an X12 interchange starts with ISA");
  });
});
