// Receipts as the engine reads them (money as decimal strings, as its contract wants), and the earlier receipts
// with the same bank references (duplicate detection), read from the database for each batch.
import { db } from "../db/client.ts";
import { fromMinor } from "../money/money.ts";
import type { ReceiptInput } from "../cashapp/engine.ts";
import type { RemittanceAdvice } from "../remittance/types.ts";

export type ReceiptRow = { id: string; entityId: string; currency: string; amountMinor: bigint; valueDate: Date; channel: string; payerName: string | null; payerAccount: string | null; remittance: string | null; bankReference: string | null; createdAt: Date; customerId: string | null };

export const receiptRowSelect = { id: true, entityId: true, currency: true, amountMinor: true, valueDate: true, channel: true, payerName: true, payerAccount: true, remittance: true, bankReference: true, createdAt: true, customerId: true } as const;

export function toEngineReceipt(r: ReceiptRow, entityCode: string, advice?: RemittanceAdvice): ReceiptInput {
  return {
    ...(advice ? { remittanceAdvice: advice } : {}),
    id: r.id, entity: entityCode, currency: r.currency, amount: fromMinor(r.amountMinor, r.currency), valueDate: r.valueDate.toISOString().slice(0, 10),
    channel: r.channel.toLowerCase(), payerName: r.payerName ?? "", payerAccount: r.payerAccount, remittance: r.remittance, bankReference: r.bankReference,
  };
}

export async function loadPriorReceipts(receipts: ReceiptRow[], codeOf: Map<string, string>): Promise<ReceiptInput[]> {
  const refs = [...new Set(receipts.map((r) => r.bankReference).filter((x): x is string => !!x))];
  if (refs.length === 0) return [];
  const prior = await db.receipt.findMany({ where: { bankReference: { in: refs }, id: { notIn: receipts.map((r) => r.id) }, state: { not: "RETURNED" } }, select: receiptRowSelect });
  return prior.map((p) => toEngineReceipt(p, codeOf.get(p.entityId) ?? p.entityId));
}
