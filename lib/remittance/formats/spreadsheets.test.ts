// Customers' own spreadsheets: the column guess, reading rows with a confirmed mapping, and the contract CSV's refusals.
import { describe, expect, it } from "vitest";
import { RemittanceParseError } from "../types.ts";
import { guessColumnMapping, normalise } from "./column-mapping.ts";
import { readRows } from "./csv-rows.ts";
import { parseRemittanceCsv } from "./csv.ts";
import { parseMappedRows } from "./mapped-rows.ts";

const refusal = (f: () => unknown) => {
  try { f(); } catch (e) { if (e instanceof RemittanceParseError) return e.message; throw e; }
  throw new Error("expected a RemittanceParseError");
};

describe("guessColumnMapping", () => {
  it("maps an AP department's headers through synonyms, with high confidence", () => {
    const guess = guessColumnMapping(["Check No", "Invoice #", "Inv Date", "Invoice Amt", "Disc Taken", "Amount Paid", "Deduction", "Reason", "Comments"]);
    expect(guess.mapping.columns).toEqual({
      payment_reference: "Check No", document: "Invoice #", paid: "Amount Paid", invoice_amount: "Invoice Amt",
      discount: "Disc Taken", deduction: "Deduction", adjustment_reason: "Reason", adjustment_text: "Comments",
    });
    expect(guess.unmapped).toEqual(["Inv Date"]);
    expect(guess.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it("reads abbreviations the same as the words", () => {
    expect(normalise("Inv. No")).toBe("invoice number");
    expect(guessColumnMapping(["Inv No", "Amt Paid"]).mapping.columns).toEqual({ document: "Inv No", paid: "Amt Paid" });
  });

  it("is unsure when the headers only hint (an analyst confirms), and says 0 without a document column", () => {
    const vague = guessColumnMapping(["Our invoice ref", "Total amount"]);
    expect(vague.mapping.columns.document).toBe("Our invoice ref");
    expect(vague.confidence).toBeLessThan(0.8);
    expect(vague.confidence).toBeGreaterThan(0);
    expect(guessColumnMapping(["Date", "Amount"]).confidence).toBe(0);
  });
});

describe("parseMappedRows", () => {
  const sheet = readRows([
    "Check No;Invoice #;Invoice Amt;Disc Taken;Amount Paid;Deduction;Reason;Comments",
    "55012;INV-1;1.000,00;20,00;955,00;25,00;Damaged;2 crates broken",
    "55012;INV-2;500,00;;500,00;;;",
    "55012;CM-7;;;(50,00);;;",
    ";Total;;;1.405,00;;;",
    "",
  ].join("\n"));

  it("reads amounts, deductions (positive = kept back) and credit memos with the confirmed mapping", () => {
    const { mapping } = guessColumnMapping(sheet[0]!.cells);
    const advices = parseMappedRows(sheet.map((r) => r.cells), { ...mapping, decimal: ",", defaults: { currency: "EUR", payment_date: "03/12/2026" }, dateOrder: "dmy" });
    expect(advices).toEqual([{
      payment_reference: "55012", payer_name: null, payer_id: null, payee_name: null, currency: "EUR", payment_amount: "1405.00",
      payment_date: "2026-12-03", method: null,
      lines: [
        { document: "INV-1", document_type: "invoice", paid: "955.00", invoice_amount: "1000.00", discount: "20.00", adjustments: [{ amount: "-25.00", reason: "DAMAGED", code: "Damaged", text: "2 crates broken" }] },
        { document: "INV-2", document_type: "invoice", paid: "500.00", invoice_amount: "500.00", discount: "0.00", adjustments: [] },
        { document: "CM-7", document_type: "credit_memo", paid: "-50.00", invoice_amount: null, discount: "0.00", adjustments: [] },
      ],
    }]);
  });

  it("refuses, naming row and column: a mapping column the sheet lacks, an unreadable amount, a missing currency", () => {
    const rows = sheet.map((r) => r.cells);
    expect(refusal(() => parseMappedRows(rows, { columns: { document: "Invoice #", paid: "Net" }, defaults: { currency: "EUR" } })))
      .toBe(`row 1: the mapping's column "Net" (paid) is not in the header`);
    expect(refusal(() => parseMappedRows(rows, { columns: { document: "Invoice #", paid: "Amount Paid" }, defaults: { currency: "EUR" } })))
      .toBe(`row 2, column "Amount Paid": amount "955,00" does not read with "." as the decimal separator`);
    expect(refusal(() => parseMappedRows(rows, { columns: { document: "Invoice #", paid: "Amount Paid" }, decimal: "," })))
      .toBe(`row 2: no currency: map a currency column or set one for the sheet`);
  });
});

describe("contract CSV refusals", () => {
  const HEADER = "payment_reference,payer_name,currency,payment_amount,payment_date,document,paid,invoice_amount,discount,adjustment_amount,adjustment_reason,adjustment_text";
  it("names the line and column", () => {
    expect(refusal(() => parseRemittanceCsv("payment_reference,document\nR1,INV-1\n"))).toBe("line 1: header lacks columns currency, payment_amount, paid");
    expect(refusal(() => parseRemittanceCsv(`${HEADER}\nR1,,USD,10.00,2026-02-30,INV-1,10.00,,,,,\n`))).toBe(`line 2, column payment_date: invalid date "2026-02-30"`);
    expect(refusal(() => parseRemittanceCsv(`${HEADER}\nR1,,USD,10.00,,INV-1,10.00,,,,,\nR1,,USD,11.00,,INV-2,1.00,,,,,\n`))).toBe(`line 3, column payment_amount: differs from line 2 of the same payment_reference "R1"`);
    expect(refusal(() => parseRemittanceCsv(`${HEADER}\nR1,,XYZ,10.00,,INV-1,10.00,,,,,\n`))).toBe(`line 2, column currency: unknown currency "XYZ"`);
    expect(refusal(() => parseRemittanceCsv(`${HEADER}\nR1,,JPY,10.5,,INV-1,10.5,,,,,\n`))).toBe(`line 2, column payment_amount: amount "10.5" has more than 0 decimals`);
    expect(refusal(() => parseRemittanceCsv(`${HEADER}\nR1,"unterminated,USD\n`))).toBe(`line 2: a quoted cell is not closed before the end of the file`);
  });
});
