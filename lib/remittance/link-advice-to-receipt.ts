// The product's side of linking an advice to its receipt: the database queries that find the candidates (by
// reference, else by amount within the date window), and the ONE rule that decides — the pure linker
// (link-advices.ts: reference first, else payer + amount + value date within its window; one advice ↔ one receipt,
// several fits link nothing). The product supplies the payer: the same customer (the advice's resolved customer,
// the receipt's identified one) or the same payer name. An advice of a known entity never links to another
// entity's receipt; a receipt already carrying an advice, or returned, is never a candidate.
import type { Prisma } from "../db/generated/client.ts";
import { fromMinor } from "../money/money.ts";
import { linkAdvices, refKey, type LinkableReceipt, type PayerResolver } from "./link-advices.ts";
import type { RemittanceAdvice } from "./types.ts";

export type AdviceKey = {
  id: string; paymentReference: string; currency: string; amountMinor: bigint; paymentDate: Date | null;
  payerName: string | null; customerId: string | null; entityId: string | null;
  /** The advice as parsed (its lines tell a re-sent copy from another advice); built from the key when absent. */
  parsed?: unknown;
};
export type ReceiptKey = {
  id: string; entityId: string; currency: string; amountMinor: bigint; valueDate: Date; customerId: string | null;
  payerName: string | null; bankReference: string | null; remittance: string | null;
};
export type LinkFinding = { rule: "reference" | "payer_amount_date"; confidence: number };
export type FoundLink<A extends AdviceKey, R extends ReceiptKey> = { advice: A; receipt: R; finding: LinkFinding };

/** The pure linker's window: a receipt's value date may be this many days before / after the advice's payment date. */
export const WINDOW_DAYS = { before: 3, after: 10 } as const;
const DAY = 86_400_000;

const norm = (s: string | null | undefined) => (s ?? "").toUpperCase().replace(/[^A-Z0-9]+/g, " ").trim();
/** Words of a receipt's remittance text that may be an advice's payment reference (for the candidate query). */
export const referenceTokens = (text: string | null) => (text ?? "").toUpperCase().split(/[^A-Z0-9-]+/).filter((t) => t.length >= 4);

const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
function asAdvice(a: AdviceKey): RemittanceAdvice {
  const parsed = a.parsed as RemittanceAdvice | undefined;
  return {
    payment_reference: a.paymentReference, payer_name: a.payerName, payer_id: null, payee_name: null, currency: a.currency,
    payment_amount: fromMinor(a.amountMinor, a.currency), payment_date: iso(a.paymentDate), method: null, lines: parsed?.lines ?? [],
  };
}

/** Runs the pure linker over these advices and receipts; returns the links the product may make. */
export function linkByRule<A extends AdviceKey, R extends ReceiptKey>(advices: A[], receipts: R[]): { links: FoundLink<A, R>[]; ambiguous: A[] } {
  const inputs = advices.map(asAdvice);
  const keyOf = new Map(inputs.map((x, k) => [x, advices[k]!]));
  const byId = new Map(receipts.map((r) => [r.id, r]));
  const linkable: LinkableReceipt[] = receipts.map((r) => ({
    id: r.id, entity: r.entityId, currency: r.currency, amount: fromMinor(r.amountMinor, r.currency), valueDate: iso(r.valueDate)!,
    payerName: r.payerName ?? "", remittance: r.remittance, bankReference: r.bankReference,
  }));
  const who = (customerId: string | null, payerName: string | null) => [...(customerId ? [customerId] : []), ...(norm(payerName) ? [`name:${norm(payerName)}`] : [])];
  const payers: PayerResolver = {
    receiptCustomers: (r) => { const x = byId.get(r.id)!; return who(x.customerId, x.payerName); },
    adviceCustomers: (a) => { const x = keyOf.get(a)!; return who(x.customerId, x.payerName); },
  };
  const result = linkAdvices(inputs, linkable, { payers, windowDays: WINDOW_DAYS });
  const links: FoundLink<A, R>[] = [];
  for (const l of result.links) {
    const advice = advices[l.advice]!;
    const receipt = byId.get(l.receiptId)!;
    if (advice.entityId && advice.entityId !== receipt.entityId) continue;
    links.push({ advice, receipt, finding: { rule: l.rule === "payer_amount_date" ? "payer_amount_date" : "reference", confidence: l.confidence } });
  }
  const ambiguous = [...new Set(result.notes.map((n) => n.advice))].map((k) => advices[k]!).filter((a) => !links.some((l) => l.advice === a));
  return { links, ambiguous };
}

const receiptSelect = { id: true, entityId: true, currency: true, amountMinor: true, valueDate: true, customerId: true, payerName: true, bankReference: true, remittance: true } as const;

/** The receipt this advice pays (by the pure rule over the candidates), several (left for a person) or none (waits). */
export async function findReceiptForAdvice(tx: Prisma.TransactionClient, a: AdviceKey): Promise<{ receipt: ReceiptKey; finding: LinkFinding } | { ambiguous: string[] } | null> {
  const free = {
    state: { not: "RETURNED" as const }, currency: a.currency, ...(a.entityId ? { entityId: a.entityId } : {}),
    NOT: { id: { in: await linkedReceiptIds(tx, a.currency, a.amountMinor, a.paymentReference) } },
  };
  const stripped = a.paymentReference.replace(/^0+/, "");
  const byRef = await tx.receipt.findMany({
    where: { ...free, OR: [{ bankReference: { in: [...new Set([a.paymentReference, stripped])] } }, { remittance: { contains: stripped || a.paymentReference, mode: "insensitive" } }] },
    select: receiptSelect, take: 20,
  });
  const from = a.paymentDate ? new Date(a.paymentDate.getTime() - WINDOW_DAYS.before * DAY) : new Date(Date.now() - 60 * DAY);
  const to = a.paymentDate ? new Date(a.paymentDate.getTime() + WINDOW_DAYS.after * DAY) : new Date(Date.now() + DAY);
  const byAmount = await tx.receipt.findMany({ where: { ...free, amountMinor: a.amountMinor, valueDate: { gte: from, lte: to } }, select: receiptSelect, take: 50 });
  const candidates = [...new Map([...byRef, ...byAmount].map((r) => [r.id, r])).values()];
  const { links, ambiguous } = linkByRule([a], candidates);
  if (links.length) return { receipt: links[0]!.receipt, finding: links[0]!.finding };
  return ambiguous.length ? { ambiguous: candidates.map((r) => r.id) } : null;
}

/** Receipts already carrying an advice (among those this advice could fit): never linked twice. */
async function linkedReceiptIds(tx: Prisma.TransactionClient, currency: string, amountMinor: bigint, ref: string): Promise<string[]> {
  const rows = await tx.remittanceAdvice.findMany({
    where: { receiptId: { not: null }, currency, OR: [{ amountMinor }, { paymentReference: ref }] }, select: { receiptId: true },
  });
  return rows.map((r) => r.receiptId!);
}

export { refKey };
