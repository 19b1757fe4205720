// The advices the engine reads with a batch of receipts (ReceiptInput.remittanceAdvice). Before deciding, advices
// that waited for their payment are linked to the receipts of this batch that fit them (one query for the whole
// batch, the pure linker's rule in memory: link-advice-to-receipt.ts), each link on the payment's timeline; then every
// receipt's linked advice is read back in the contract's shape.
import { db } from "../db/client.ts";
import type { RemittanceAdvice } from "./types.ts";
import { linkByRule, referenceTokens, type ReceiptKey } from "./link-advice-to-receipt.ts";
import { attachAdvice } from "./attach-advice.ts";

type ReceiptRow = Omit<ReceiptKey, "customerId"> & { customerId?: string | null };

export async function loadReceiptAdvices(receipts: ReceiptRow[], correlationIdOf: (receiptId: string) => string): Promise<Map<string, RemittanceAdvice>> {
  if (receipts.length === 0) return new Map();
  const ids = receipts.map((r) => r.id);
  const linked = await db.remittanceAdvice.findMany({ where: { receiptId: { in: ids } }, select: { receiptId: true, parsed: true }, orderBy: { createdAt: "asc" } });
  const out = new Map(linked.map((a) => [a.receiptId!, a.parsed as unknown as RemittanceAdvice]));
  const open = receipts.filter((r) => !out.has(r.id));
  if (open.length === 0) return out;
  const tokens = [...new Set(open.flatMap((r) => [...(r.bankReference ? [r.bankReference] : []), ...referenceTokens(r.remittance)]))];
  const waiting = await db.remittanceAdvice.findMany({
    where: {
      status: "WAITING_FOR_PAYMENT", receiptId: null, currency: { in: [...new Set(open.map((r) => r.currency))] },
      OR: [{ amountMinor: { in: [...new Set(open.map((r) => r.amountMinor))] } }, { paymentReference: { in: tokens, mode: "insensitive" } }],
    },
    select: { id: true, paymentReference: true, currency: true, amountMinor: true, paymentDate: true, payerName: true, customerId: true, entityId: true, parsed: true },
    take: 5000,
  });
  if (waiting.length === 0) return out;
  // The one linking rule (link-advices.ts through linkByRule): one advice per receipt and one receipt per advice; a
  // reference fit beats an amount fit; ties are left alone.
  const { links: pairs } = linkByRule(waiting, open.map((r) => ({ ...r, customerId: r.customerId ?? null })));
  for (const p of pairs) {
    const done = await db.$transaction(async (tx) => {
      // Claimed under the row's own condition: two workers never link one advice twice.
      const claimed = await tx.remittanceAdvice.updateMany({ where: { id: p.advice.id, receiptId: null, status: "WAITING_FOR_PAYMENT" }, data: { status: "RECEIVED" } });
      if (claimed.count !== 1) return false;
      await attachAdvice(tx, { advice: p.advice, receiptId: p.receipt.id, finding: p.finding, correlationId: correlationIdOf(p.receipt.id), actor: { type: "engine", id: null }, decidingNow: true });
      return true;
    });
    if (done) out.set(p.receipt.id, p.advice.parsed as unknown as RemittanceAdvice);
  }
  return out;
}
