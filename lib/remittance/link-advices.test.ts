// Linking advices to receipts: by reference, else payer + amount + date; one to one; waiting and late advices.
import { describe, expect, it } from "vitest";
import { buildIndex } from "../cashapp/index.ts";
import { customer, receipt } from "../synthetic/test-world.ts";
import { linkAdvices, payerResolver, refKey, type LinkableReceipt } from "./link-advices.ts";
import type { RemittanceAdvice } from "./types.ts";

const index = buildIndex({
  customers: [customer("C1", "Acme Widgets Inc.", "US01", { bankAccounts: ["111222333"] }), customer("C2", "Globex Corporation")],
  invoices: [],
});
const payers = payerResolver(index);

function adv(ref: string, amount: string, extra: Partial<RemittanceAdvice> = {}): RemittanceAdvice {
  return { payment_reference: ref, payer_name: "ACME WIDGETS", payer_id: null, payee_name: null, currency: "USD", payment_amount: amount, payment_date: "2026-03-01", method: "ACH", lines: [], ...extra };
}
const rec = (amount: string, extra: Partial<LinkableReceipt> = {}): LinkableReceipt => receipt(amount, "INVOICES", "ACME WIDGETS INC", extra);

describe("linkAdvices", () => {
  it("links by payment reference against the bank reference (formatting aside), end-to-end id or a word of the remittance", () => {
    expect(refKey(" 000-1234 567 ")).toBe("1234567");
    const rs = [rec("10.00", { bankReference: "0001234567" }), rec("20.00", { endToEndId: "E2E-77881" }), rec("30.00", { remittance: "ACH TRN 9988776655 INVOICES" })];
    const r = linkAdvices([adv("1234567", "10.00"), adv("E2E77881", "20.00"), adv("9988776655", "30.00")], rs, { payers });
    expect(r.links.map((l) => [l.advice, l.receiptId, l.rule])).toEqual([
      [0, rs[0]!.id, "bank_reference"], [1, rs[1]!.id, "end_to_end_id"], [2, rs[2]!.id, "remittance_text"],
    ]);
    expect(r.waiting).toEqual([]);
    expect(r.links[0]!.confidence).toBeGreaterThan(0.95);
  });

  it("else links by payer, amount and date window, and only when exactly one receipt fits", () => {
    const one = rec("1324.75", { valueDate: "2026-03-02" });
    const r = linkAdvices([adv("X1", "1324.75")], [one, rec("1324.75", { valueDate: "2026-05-02" }), rec("99.00")], { payers });
    expect(r.links).toMatchObject([{ advice: 0, receiptId: one.id, rule: "payer_amount_date" }]);
    // Two receipts of the payer with that amount in the window: nothing linked, a note says why.
    const two = linkAdvices([adv("X2", "50.00")], [rec("50.00"), rec("50.00", { valueDate: "2026-03-03" })], { payers });
    expect(two.links).toEqual([]);
    expect(two.notes[0]!.note).toMatch(/fit 2 receipts/);
    // Another customer's receipt with the same amount and date is not linked.
    expect(linkAdvices([adv("X3", "75.00")], [receipt("75.00", "", "GLOBEX CORP")], { payers }).links).toEqual([]);
    // The advice's payer id may be the customer's bank account.
    expect(linkAdvices([adv("X4", "12.00", { payer_name: null, payer_id: "111222333" })], [rec("12.00")], { payers }).links).toHaveLength(1);
  });

  it("keeps one advice per receipt and one receipt per advice", () => {
    const r1 = rec("10.00", { bankReference: "REF123456" });
    const r = linkAdvices([adv("REF123456", "10.00"), adv("REF123456", "10.00", { lines: [{ document: "INV-1", document_type: "invoice", paid: "10.00", invoice_amount: null, discount: "0.00", adjustments: [] }] })], [r1], { payers });
    expect(r.links).toEqual([]);
    expect(r.waiting).toEqual([0, 1]);
    // The same advice received twice (e.g. as 820 and as spreadsheet): the first links, the copy is noted.
    const twice = linkAdvices([adv("REF123456", "10.00"), adv("REF123456", "10.00")], [r1], { payers });
    expect(twice.links).toMatchObject([{ advice: 0, receiptId: r1.id }]);
    expect(twice.notes).toMatchObject([{ advice: 1, note: expect.stringMatching(/duplicate/) }]);
    expect(linkAdvices([adv("REF123456", "10.00")], [r1], { payers, linkedReceipts: new Set([r1.id]) }).links).toEqual([]);
  });

  it("leaves an advice before its payment waiting, and links a late one to a decided receipt for re-decision", () => {
    const early = linkAdvices([adv("T1", "500.00")], [], { payers });
    expect(early).toMatchObject({ links: [], waiting: [0] });
    const late = linkAdvices([adv("T1", "500.00")], [rec("500.00", { decided: true })], { payers });
    expect(late.links).toMatchObject([{ advice: 0, redecide: true, rule: "payer_amount_date" }]);
  });
});
