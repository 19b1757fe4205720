// XLSX remittance spreadsheets built here with exceljs, parsed through parseRemittanceAsync into exact advices.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { parseRemittanceAsync } from "../parse-remittance.ts";
import { RemittanceParseError } from "../types.ts";
import { numberText } from "./cell-text.ts";

type Cell = ExcelJS.CellValue;
async function xlsx(sheets: Record<string, Cell[][]>, style?: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    rows.forEach((r) => ws.addRow(r));
    style?.(ws);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
const refusal = async (p: Promise<unknown>) => {
  try { await p; } catch (e) { if (e instanceof RemittanceParseError) return e.message; throw e; }
  throw new Error("expected a RemittanceParseError");
};
const line = (document: string, paid: string, invoice: string | null, discount = "0.00", adjustments: unknown[] = []) =>
  ({ document, document_type: "invoice", paid, invoice_amount: invoice, discount, adjustments });

describe("XLSX remittance", () => {
  it("a title block above the header, numeric cells, a date cell, a deduction with its reason, a totals row skipped", async () => {
    const bytes = await xlsx({
      Advice: [
        ["ACME Corp — Remittance Advice"],
        ["Payment reference:", "ACH-7781"],
        ["Payer", "ACME CORP"],
        ["Payment date", new Date(Date.UTC(2026, 10, 30))],
        ["Currency", "USD"],
        [],
        ["Invoice #", "Invoice Date", "Invoice Amt", "Disc Taken", "Deduction", "Reason", "Comments", "Amount Paid"],
        ["INV-2026-000103", new Date(Date.UTC(2026, 9, 1)), 1000, 20, null, null, null, 980],
        ["INV-2026-000117", new Date(Date.UTC(2026, 9, 3)), 300, null, 30, "damaged", "3 cases damaged", 270],
        ["INV-2026-000120", null, 55.1, 0, null, null, null, 55.1],
        ["Total", null, 1355.1, 20, 30, null, null, 1305.1],
        [],
        ["Questions about this payment: ap@acme.example"],
      ],
    });
    const parsed = await parseRemittanceAsync(bytes, { fileName: "advice.xlsx" });
    expect(parsed.format).toBe("xlsx");
    const [advice] = parsed.advices;
    expect({ ...advice, extraction: undefined }).toEqual({
      payment_reference: "ACH-7781", payer_name: "ACME CORP", payer_id: null, payee_name: null, currency: "USD",
      payment_amount: "1305.10", payment_date: "2026-11-30", method: null, extraction: undefined,
      lines: [
        line("INV-2026-000103", "980.00", "1000.00", "20.00"),
        line("INV-2026-000117", "270.00", "300.00", "0.00", [{ amount: "-30.00", reason: "DAMAGED", code: "damaged", text: "3 cases damaged" }]),
        line("INV-2026-000120", "55.10", "55.10"),
      ],
    });
    expect(advice!.extraction).toMatchObject({ needsReview: false, problems: [] });
    expect(advice!.extraction!.confidence).toBeGreaterThanOrEqual(0.8);
    expect(advice!.extraction!.mapping!.columns).toMatchObject({ document: "Invoice #", paid: "Amount Paid", deduction: "Deduction" });
  });

  it("picks the sheet with the header; text amounts ($, parentheses), a reference column giving two advices", async () => {
    const bytes = await xlsx({
      Notes: [["Please find our payment details on the next sheet"]],
      Payments: [
        ["Check No", "Check Date", "Inv No", "Gross Amount", "Net Paid"],
        ["55012", "11/30/2026", "INV-9", "$1,234.56", "$1,234.56"],
        ["55012", "11/30/2026", "CM-4", "", "(34.56)"],
        ["55013", "12/01/2026", "INV-10", "$99.00", "$99.00"],
      ],
    });
    const { advices } = await parseRemittanceAsync(bytes);
    expect(advices.map(({ extraction: _x, ...a }) => a)).toEqual([
      { payment_reference: "55012", payer_name: null, payer_id: null, payee_name: null, currency: "USD", payment_amount: "1200.00", payment_date: "2026-11-30", method: null,
        lines: [line("INV-9", "1234.56", "1234.56"), { ...line("CM-4", "-34.56", null), document_type: "credit_memo" }] },
      { payment_reference: "55013", payer_name: null, payer_id: null, payee_name: null, currency: "USD", payment_amount: "99.00", payment_date: "2026-12-01", method: null,
        lines: [line("INV-10", "99.00", "99.00")] },
    ]);
  });

  it("the currency from the number format when no column or label states it; JPY has no decimals", async () => {
    const usd = await xlsx({ S: [["Invoice Number", "Amount Paid"], ["A-1", 12.5]] }, (ws) => { ws.getColumn(2).numFmt = '"$"#,##0.00'; });
    expect((await parseRemittanceAsync(usd)).advices[0]!.payment_amount).toBe("12.50");
    const jpy = await xlsx({ S: [["Currency", "JPY"], [], ["Invoice Number", "Amount Paid"], ["A-1", 1500]] });
    expect((await parseRemittanceAsync(jpy)).advices[0]).toMatchObject({ currency: "JPY", payment_amount: "1500", lines: [{ paid: "1500" }] });
  });

  it("a vague header comes back with a low confidence, the guessed mapping and needsReview", async () => {
    const bytes = await xlsx({ S: [["Currency: EUR"], ["Our invoice ref", "Total amount"], ["F-1", 10], ["F-2", 20]] });
    const [advice] = (await parseRemittanceAsync(bytes)).advices;
    expect(advice!.lines.map((l) => [l.document, l.paid])).toEqual([["F-1", "10.00"], ["F-2", "20.00"]]);
    expect(advice!.extraction!.needsReview).toBe(true);
    expect(advice!.extraction!.confidence).toBeLessThan(0.8);
    expect(advice!.extraction!.mapping!.columns).toEqual({ document: "Our invoice ref", paid: "Total amount" });
  });

  it("a totals row that disagrees with the lines asks for review", async () => {
    const bytes = await xlsx({ S: [["Currency", "USD"], ["Invoice", "Amount Paid"], ["A-1", 10], ["A-2", 20], ["Totals", 31]] });
    const [advice] = (await parseRemittanceAsync(bytes)).advices;
    expect(advice!.payment_amount).toBe("31.00");
    expect(advice!.extraction).toMatchObject({ needsReview: true, problems: ["lines add up to 30.00, the advice says 31.00"] });
    expect(advice!.extraction!.confidence).toBeLessThanOrEqual(0.5);
  });

  it("a row without any amount between lines is refused, not skipped", async () => {
    const bytes = await xlsx({ S: [["Currency", "USD"], ["Invoice", "Amount Paid"], ["A-1", 10], ["A-2", null], ["A-3", 5]] });
    expect(await refusal(parseRemittanceAsync(bytes))).toBe('sheet "S", row 4, column "Amount Paid": no amount paid and no invoice amount');
  });

  it("refuses amounts with more decimals than the currency has (float noise included), naming sheet, row and column", async () => {
    const bytes = await xlsx({ Pay: [["Currency", "USD"], ["Invoice", "Amount Paid"], ["A-1", 12.345]] });
    expect(await refusal(parseRemittanceAsync(bytes))).toBe('sheet "Pay", row 3, column "Amount Paid": amount "12.345" has more than 2 decimals');
    const noise = await xlsx({ Pay: [["Currency", "USD"], ["Invoice", "Amount Paid"], ["A-1", 0.1 + 0.2]] });
    expect(await refusal(parseRemittanceAsync(noise))).toMatch(/row 3, column "Amount Paid": amount "0.30000000000000004" has more than 2 decimals/);
  });

  it("refuses a sheet without a header, a corrupt or truncated workbook, in bounded time", async () => {
    expect(await refusal(parseRemittanceAsync(await xlsx({ S: [["hello", "world"], [1, 2]] })))).toMatch(/^sheet "S": no header row/);
    const good = await xlsx({ S: [["Invoice", "Amount Paid"], ["A-1", 1]] });
    const started = Date.now();
    for (const bad of [Buffer.from("PK\u0003\u0004garbage"), good.subarray(0, good.length / 2), Buffer.concat([good.subarray(0, 200), Buffer.alloc(300, 0xff), good.subarray(500)])]) {
      expect(await refusal(parseRemittanceAsync(bad, { format: "xlsx" }))).toMatch(/^file: not a readable XLSX workbook \(.+\)$/);
    }
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("writes numbers as their shortest decimal, never in exponent form", () => {
    expect([1270.1, 1e21, 1.5e-7, -2.5e-3, 42].map((n) => numberText(n, "x"))).toEqual(["1270.1", "1000000000000000000000", "0.00000015", "-0.0025", "42"]);
    expect(() => numberText(Number.NaN, "x")).toThrow(RemittanceParseError);
  });
});
