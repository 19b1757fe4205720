// Which receipt an advice pays, and which waiting advices a new receipt has (a simple linker; remit-engine's pure
// linker may replace the matching rule at merge). Rules, in order:
//   reference          the advice's payment reference is the receipt's bank reference, or a token of its remittance text
//   payer_amount_date  same currency and amount, value date within DATE_WINDOW_DAYS of the advice's payment date,
//                      and the same customer (resolved) or the same payer name
// Exactly one candidate links; several are left to a person (NEEDS_REVIEW); none waits for the payment. A receipt
// already carrying an advice, or returned, is never a candidate.
import type { Prisma } from "../db/generated/client.ts";

export const DATE_WINDOW_DAYS = 5;
const DAY = 86_400_000;

export type AdviceKey = {
  id: string; paymentReference: string; currency: string; amountMinor: bigint; paymentDate: Date | null;
  payerName: string | null; customerId: string | null; entityId: string | null;
};
export type ReceiptKey = {
  id: string; entityId: string; currency: string; amountMinor: bigint; valueDate: Date; customerId: string | null;
  payerName: string | null; bankReference: string | null; remittance: string | null;
};
export type LinkFinding = { rule: "reference" | "payer_amount_date"; confidence: number };

const norm = (s: string | null | undefined) => (s ?? "").toUpperCase().replace(/[^A-Z0-9]+/g, " ").trim();
export const referenceTokens = (text: string | null) => (text ?? "").toUpperCase().split(/[^A-Z0-9-]+/).filter((t) => t.length >= 4);

/** How (if at all) this advice fits this receipt. Pure: the same rule serves both directions. */
export function adviceFitsReceipt(a: AdviceKey, r: ReceiptKey): LinkFinding | null {
  if (a.currency !== r.currency) return null;
  if (a.entityId && a.entityId !== r.entityId) return null;
  const ref = a.paymentReference.toUpperCase();
  if (ref.length >= 4 && (r.bankReference?.toUpperCase() === ref || referenceTokens(r.remittance).includes(ref))) return { rule: "reference", confidence: 0.99 };
  if (a.amountMinor !== r.amountMinor) return null;
  if (a.paymentDate && Math.abs(a.paymentDate.getTime() - r.valueDate.getTime()) > DATE_WINDOW_DAYS * DAY) return null;
  const samePayer = (!!a.customerId && a.customerId === r.customerId) || (!!norm(a.payerName) && norm(a.payerName) === norm(r.payerName));
  return samePayer ? { rule: "payer_amount_date", confidence: 0.9 } : null;
}

const receiptSelect = { id: true, entityId: true, currency: true, amountMinor: true, valueDate: true, customerId: true, payerName: true, bankReference: true, remittance: true } as const;

/** Receipts this advice may pay: by reference first, else by amount (the rule above then decides). */
export async function findReceiptForAdvice(tx: Prisma.TransactionClient, a: AdviceKey): Promise<{ receipt: ReceiptKey; finding: LinkFinding } | { ambiguous: string[] } | null> {
  const free = { state: { not: "RETURNED" as const }, NOT: { id: { in: await linkedReceiptIds(tx, a.currency, a.amountMinor, a.paymentReference) } } };
  const byRef = await tx.receipt.findMany({
    where: { ...free, currency: a.currency, OR: [{ bankReference: a.paymentReference }, { remittance: { contains: a.paymentReference, mode: "insensitive" } }] },
    select: receiptSelect, take: 20,
  });
  const refFits = byRef.map((r) => ({ receipt: r, finding: adviceFitsReceipt(a, r) })).filter((x) => x.finding?.rule === "reference");
  if (refFits.length === 1) return refFits[0] as { receipt: ReceiptKey; finding: LinkFinding };
  if (refFits.length > 1) return { ambiguous: refFits.map((x) => x.receipt.id) };
  const from = a.paymentDate ? new Date(a.paymentDate.getTime() - DATE_WINDOW_DAYS * DAY) : new Date(Date.now() - 60 * DAY);
  const to = a.paymentDate ? new Date(a.paymentDate.getTime() + DATE_WINDOW_DAYS * DAY) : new Date(Date.now() + DAY);
  const byAmount = await tx.receipt.findMany({
    where: { ...free, currency: a.currency, amountMinor: a.amountMinor, valueDate: { gte: from, lte: to } }, select: receiptSelect, take: 50,
  });
  const fits = byAmount.map((r) => ({ receipt: r, finding: adviceFitsReceipt(a, r) })).filter((x) => x.finding);
  if (fits.length === 1) return fits[0] as { receipt: ReceiptKey; finding: LinkFinding };
  return fits.length > 1 ? { ambiguous: fits.map((x) => x.receipt.id) } : null;
}

/** Receipts already carrying an advice (among those this advice could fit): never linked twice. */
async function linkedReceiptIds(tx: Prisma.TransactionClient, currency: string, amountMinor: bigint, ref: string): Promise<string[]> {
  const rows = await tx.remittanceAdvice.findMany({
    where: { receiptId: { not: null }, currency, OR: [{ amountMinor }, { paymentReference: ref }] }, select: { receiptId: true },
  });
  return rows.map((r) => r.receiptId!);
}

const adviceSelect = { id: true, paymentReference: true, currency: true, amountMinor: true, paymentDate: true, payerName: true, customerId: true, entityId: true } as const;

/** Advices waiting for their payment that fit this new receipt (one fit links; several: left for a person). */
export async function findWaitingAdvices(tx: Prisma.TransactionClient, r: ReceiptKey): Promise<{ advice: AdviceKey; finding: LinkFinding }[]> {
  const tokens = [...new Set([...(r.bankReference ? [r.bankReference] : []), ...referenceTokens(r.remittance)])];
  const candidates = await tx.remittanceAdvice.findMany({
    where: { status: "WAITING_FOR_PAYMENT", receiptId: null, currency: r.currency, OR: [{ paymentReference: { in: tokens, mode: "insensitive" } }, { amountMinor: r.amountMinor }] },
    select: adviceSelect, take: 50,
  });
  const fits = candidates.map((advice) => ({ advice, finding: adviceFitsReceipt(advice, r) })).filter((x): x is { advice: AdviceKey; finding: LinkFinding } => !!x.finding);
  const byRef = fits.filter((x) => x.finding.rule === "reference");
  return byRef.length ? byRef : fits;
}
