// PDF remittance advices built here with pdf-lib (two layouts), parsed through parseRemittanceAsync into exact advices.
import { describe, expect, it } from "vitest";
import { parseRemittanceAsync } from "../parse-remittance.ts";
import { RemittanceParseError, type RemittanceAdvice } from "../types.ts";
import { buildPdf, row, type PdfText } from "./pdf-testing.ts";

const refusal = async (p: Promise<unknown>) => {
  try { await p; } catch (e) { if (e instanceof RemittanceParseError) return e.message; throw e; }
  throw new Error("expected a RemittanceParseError");
};
const contract = ({ extraction: _x, ...a }: RemittanceAdvice) => a;

// Layout 1: labels above a table with Discount, Deduction and Reason columns; amounts right-aligned under headers.
const H = [[50, "Invoice No"], [150, "Date"], [220, "Invoice Amount"], [320, "Discount"], [380, "Deduction"], [440, "Reason"], [510, "Amount Paid"]] as const;
const R = { inv: 285, disc: 355, ded: 420, paid: 560 }; // right edges of the amount headers (9 pt Helvetica)
export function tableAdvice(total = "2,435.00", note = ""): PdfText[] {
  return [
    { x: 50, y: 750, text: "REMITTANCE ADVICE", size: 16 },
    { x: 50, y: 720, text: "Payer: Northwind Traders" },
    { x: 50, y: 705, text: "Payment Reference: ACH-20261130-01" },
    { x: 50, y: 690, text: "Payment Date: 11/30/2026" },
    { x: 350, y: 720, text: "Currency: USD" },
    ...row(650, H.map(([x, t]) => [x, t] as [number, string])),
    ...row(630, [[50, "INV-2026-000201"], [150, "10/15/2026"], [R.inv, "2,000.00", true], [R.disc, "40.00", true], [384, note], [R.paid, "1,960.00", true]]),
    ...row(615, [[50, "INV-2026-000202"], [150, "10/20/2026"], [R.inv, "500.00", true], [R.ded, "25.00", true], [440, "Pricing"], [R.paid, "475.00", true]]),
    ...row(595, [[50, "Total"], [R.paid, total, true]]),
    { x: 50, y: 560, text: "Thank you for your business. Questions: ap@northwind.example" },
  ];
}

// Layout 2: a check stub, the reference and date beside the payee block, "Check Amount" below the table.
export function checkStub(): PdfText[] {
  return [
    { x: 50, y: 750, text: "Contoso Ltd", size: 12 },
    { x: 380, y: 750, text: "Check No." }, { x: 440, y: 750, text: "004417" },
    { x: 380, y: 735, text: "Date" }, { x: 440, y: 735, text: "12/01/2026" },
    { x: 50, y: 735, text: "Pay to: Cashline Demo Inc" },
    ...row(700, [[50, "Document"], [160, "Inv Date"], [260, "Gross"], [340, "Disc"], [420, "Net"]]),
    ...row(685, [[50, "INV-103"], [160, "11/02/2026"], [285, "1,000.00", true], [420, "1,000.00"]]),
    ...row(670, [[50, "INV-117"], [160, "11/09/2026"], [285, "300.00", true], [357, "30.00", true], [420, "270.00"]]),
    { x: 300, y: 640, text: "Check Amount" }, { x: 420, y: 640, text: "$1,270.00" },
  ];
}

const base = { payer_id: null, payee_name: null, method: null };
describe("PDF remittance advices", () => {
  it("a table with a discount and a deduction, labels above it, a Total line", async () => {
    const parsed = await parseRemittanceAsync(await buildPdf([tableAdvice()]), { fileName: "advice.pdf" });
    expect(parsed.format).toBe("pdf");
    expect(parsed.advices.map(contract)).toEqual([{
      ...base, payment_reference: "ACH-20261130-01", payer_name: "Northwind Traders", currency: "USD", payment_amount: "2435.00", payment_date: "2026-11-30",
      lines: [
        { document: "INV-2026-000201", document_type: "invoice", paid: "1960.00", invoice_amount: "2000.00", discount: "40.00", adjustments: [] },
        { document: "INV-2026-000202", document_type: "invoice", paid: "475.00", invoice_amount: "500.00", discount: "0.00", adjustments: [{ amount: "-25.00", reason: "PRICING", code: "Pricing", text: null }] },
      ],
    }]);
    expect(parsed.advices[0]!.extraction).toMatchObject({ needsReview: false, problems: [] });
    expect(parsed.advices[0]!.extraction!.mapping!.columns).toEqual({
      document: "Invoice No", paid: "Amount Paid", invoice_amount: "Invoice Amount", discount: "Discount", deduction: "Deduction", adjustment_reason: "Reason",
    });
  });

  it("a check stub: reference, date and amount by their labels, currency from the $ sign", async () => {
    const { advices } = await parseRemittanceAsync(await buildPdf([checkStub()]));
    expect(advices.map(contract)).toEqual([{
      ...base, payment_reference: "004417", payer_name: null, currency: "USD", payment_amount: "1270.00", payment_date: "2026-12-01",
      lines: [
        { document: "INV-103", document_type: "invoice", paid: "1000.00", invoice_amount: "1000.00", discount: "0.00", adjustments: [] },
        { document: "INV-117", document_type: "invoice", paid: "270.00", invoice_amount: "300.00", discount: "30.00", adjustments: [] },
      ],
    }]);
    expect(advices[0]!.extraction!.needsReview).toBe(false);
  });

  it("a total that the lines do not add up to: the stated total, low confidence, needsReview", async () => {
    const [advice] = (await parseRemittanceAsync(await buildPdf([tableAdvice("2,500.00")]))).advices;
    expect(advice!.payment_amount).toBe("2500.00");
    expect(advice!.extraction).toMatchObject({ needsReview: true, problems: ["lines add up to 2435.00, the advice says 2500.00"] });
    expect(advice!.extraction!.confidence).toBeLessThanOrEqual(0.5);
  });

  it("a cell that straddles two columns goes to the column of its kind and asks for review", async () => {
    // Words under both "Deduction" and "Reason": read as an amount they would refuse the file.
    const [advice] = (await parseRemittanceAsync(await buildPdf([tableAdvice(undefined, "Early payment terms")]))).advices;
    expect(advice!.lines.map((l) => [l.document, l.paid, l.adjustments.length])).toEqual([["INV-2026-000201", "1960.00", 0], ["INV-2026-000202", "475.00", 1]]);
    expect(advice!.extraction).toMatchObject({ needsReview: true, problems: ['page 1, line 6: "Early payment terms" sits between two columns'] });
  });

  it("rows after a line that breaks the table are reported, not dropped silently", async () => {
    const texts = [
      { x: 50, y: 720, text: "Currency: USD" },
      ...row(700, [[50, "Invoice"], [200, "Amount Paid"]]),
      ...row(685, [[50, "INV-1"], [250, "10.00", true]]),
      ...row(670, [[50, "continued on the attached sheet"]]),
      ...row(655, [[50, "INV-2"], [250, "20.00", true]]),
    ];
    const [advice] = (await parseRemittanceAsync(await buildPdf([texts]))).advices;
    expect(advice!.extraction!.needsReview).toBe(true);
    expect(advice!.extraction!.problems.join(";")).toBe("page 1, line 4: not a table row, but rows follow it (from page 1, line 5); they were not read");
    expect(advice!.lines.map((l) => l.document)).toEqual(["INV-1"]);
  });

  it("a PDF without a table: what the labels say, no lines, confidence 0, needsReview", async () => {
    const letter = await buildPdf([[
      { x: 50, y: 700, text: "Dear supplier, we paid your open invoices of October." },
      { x: 50, y: 680, text: "Payment Reference: WIRE-88" }, { x: 50, y: 665, text: "Total: $500.00" },
    ]]);
    const [advice] = (await parseRemittanceAsync(letter)).advices;
    expect(advice).toEqual({
      ...base, payment_reference: "WIRE-88", payer_name: null, currency: "USD", payment_amount: "500.00", payment_date: null, lines: [],
      extraction: { confidence: 0, needsReview: true, problems: ["no table header (invoice and amount columns) found"] },
    });
  });

  it("refuses a corrupt PDF naming the problem; mutated PDFs parse or are refused, in bounded time", async () => {
    expect(await refusal(parseRemittanceAsync(Buffer.from("%PDF-1.4\ngarbage\n%%EOF")))).toMatch(/^file: not a readable PDF \(.+\)$/);
    const good = await buildPdf([tableAdvice()]);
    const started = Date.now();
    for (let i = 0; i < 12; i++) {
      const bad = Buffer.from(good);
      for (let k = 0; k < 20; k++) bad[(i * 7919 + k * 104729) % bad.length] = (i * 31 + k * 17) % 256;
      try {
        const parsed = await parseRemittanceAsync(i % 3 === 0 ? bad.subarray(0, bad.length >> 1) : bad, { format: "pdf" });
        expect(parsed.format).toBe("pdf");
      } catch (e) {
        expect(e).toBeInstanceOf(RemittanceParseError);
      }
    }
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
