// What the receipt workspace shows of remittances: the advice(s) linked to the payment with their lines and
// adjustments, the deductions the advice explained, and "remittance expected" — the customer always sends an
// advice and none is linked yet.
import type { z } from "zod";
import { db } from "../db/client.ts";
import { fromMinor } from "../money/money.ts";
import type { receiptRemittanceResponse } from "../deductions/deduction-schemas.ts";
import { toRows } from "../deductions/list-deductions.ts";

export async function getReceiptRemittance(receiptId: string): Promise<z.infer<typeof receiptRemittanceResponse> | null> {
  const receipt = await db.receipt.findUnique({ where: { id: receiptId }, select: { id: true, customer: { select: { alwaysSendsRemittance: true } } } });
  if (!receipt) return null;
  const [advices, deductions] = await Promise.all([
    db.remittanceAdvice.findMany({ where: { receiptId }, orderBy: { createdAt: "asc" }, include: { lines: { orderBy: { lineNo: "asc" }, include: { adjustments: true } } } }),
    db.deduction.findMany({ where: { receiptId }, orderBy: { createdAt: "asc" }, include: { evidence: true } }),
  ]);
  return {
    expected: !!receipt.customer?.alwaysSendsRemittance && advices.length === 0,
    advices: advices.map((a) => ({
      id: a.id, paymentReference: a.paymentReference, status: a.status, linkRule: a.linkRule, linkConfidence: a.linkConfidence,
      amount: fromMinor(a.amountMinor, a.currency), currency: a.currency, channel: a.channel, format: a.format, documentId: a.documentId,
      lines: a.lines.map((l) => ({
        document: l.document, paid: fromMinor(l.paidMinor, a.currency),
        adjustments: l.adjustments.map((j) => ({ amount: fromMinor(j.amountMinor, a.currency), reason: j.reason, code: j.code, text: j.text })),
      })),
    })),
    deductions: await toRows(deductions),
  };
}
