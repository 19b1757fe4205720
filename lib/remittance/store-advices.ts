// Stores parsed advices (with lines and adjustments) on their source document, resolving who sent them: the
// customer from the e-mail sender's domain, else from the invoices the lines name (all of one customer), else from
// the payer name; and each line's invoice (its number, in that customer's entity). Idempotent on the advice's
// natural key: an advice known already (the same file twice, or the same advice through another channel) is
// returned as it is, nothing added.
import crypto from "node:crypto";
import type { Prisma } from "../db/generated/client.ts";
import { toMinor } from "../money/money.ts";
import type { RemittanceAdvice } from "./types.ts";

export type StoredAdvice = { id: string; created: boolean; paymentReference: string; currency: string; amountMinor: bigint; paymentDate: Date | null; payerName: string | null; customerId: string | null; entityId: string | null; status: string; receiptId: string | null };

export function adviceNaturalKey(a: RemittanceAdvice): string {
  return crypto.createHash("sha256").update(["v1", a.payment_reference, a.currency, a.payment_amount, a.payment_date ?? "", (a.payer_name ?? "").toUpperCase()].join("|")).digest("hex");
}

const domainOf = (email: string | null | undefined) => (email ?? "").toLowerCase().split("@")[1]?.replace(/>.*$/, "").trim() || null;

async function resolveCustomer(tx: Prisma.TransactionClient, a: RemittanceAdvice, senderEmail: string | null, hintCustomerId: string | null) {
  if (hintCustomerId) return tx.customer.findUnique({ where: { id: hintCustomerId }, select: { id: true, entityId: true } });
  const domain = domainOf(senderEmail);
  if (domain) {
    const mapped = await tx.remittanceSenderDomain.findUnique({ where: { domain }, select: { customerId: true } });
    if (mapped) return tx.customer.findUnique({ where: { id: mapped.customerId }, select: { id: true, entityId: true } });
  }
  const numbers = [...new Set(a.lines.map((l) => l.document))];
  const invoices = numbers.length ? await tx.invoice.findMany({ where: { number: { in: numbers }, currency: a.currency }, select: { customerId: true, entityId: true } }) : [];
  const owners = [...new Set(invoices.map((i) => `${i.customerId}|${i.entityId}`))];
  if (owners.length === 1) { const [id, entityId] = owners[0]!.split("|"); return { id: id!, entityId: entityId! }; }
  if (a.payer_name) {
    const byName = await tx.customer.findMany({ where: { OR: [{ name: { equals: a.payer_name, mode: "insensitive" } }, { aliases: { has: a.payer_name } }] }, select: { id: true, entityId: true }, take: 2 });
    if (byName.length === 1) return byName[0]!;
  }
  return null;
}

export async function storeAdvices(tx: Prisma.TransactionClient, input: {
  documentId: string; channel: string; format: string; advices: RemittanceAdvice[]; senderEmail: string | null; customerId: string | null;
}): Promise<StoredAdvice[]> {
  const out: StoredAdvice[] = [];
  for (const [sequence, a] of input.advices.entries()) {
    const naturalKey = adviceNaturalKey(a);
    const known = await tx.remittanceAdvice.findUnique({ where: { naturalKey } });
    if (known) { out.push({ ...known, created: false }); continue; }
    const customer = await resolveCustomer(tx, a, input.senderEmail, input.customerId);
    const invoices = customer
      ? await tx.invoice.findMany({ where: { entityId: customer.entityId, number: { in: a.lines.map((l) => l.document) } }, select: { id: true, number: true } })
      : [];
    const invoiceOf = new Map(invoices.map((i) => [i.number, i.id]));
    const m = (v: string, field: string) => { try { return toMinor(v, a.currency); } catch (e) { throw new Error(`advice ${a.payment_reference}: ${field}: ${(e as Error).message}`); } };
    const created = await tx.remittanceAdvice.create({
      data: {
        naturalKey, documentId: input.documentId, sequence, channel: input.channel, format: input.format, paymentReference: a.payment_reference,
        payerName: a.payer_name, payerId: a.payer_id, payeeName: a.payee_name, currency: a.currency, amountMinor: m(a.payment_amount, "payment_amount"),
        paymentDate: a.payment_date ? new Date(`${a.payment_date}T00:00:00Z`) : null, method: a.method, senderEmail: input.senderEmail,
        entityId: customer?.entityId ?? null, customerId: customer?.id ?? null, parsed: a as unknown as Prisma.InputJsonValue,
        lines: {
          create: a.lines.map((l, lineNo) => ({
            lineNo, document: l.document, documentType: l.document_type, paidMinor: m(l.paid, `lines.${lineNo}.paid`),
            invoiceAmountMinor: l.invoice_amount ? m(l.invoice_amount, `lines.${lineNo}.invoice_amount`) : null, discountMinor: m(l.discount, `lines.${lineNo}.discount`),
            invoiceId: invoiceOf.get(l.document) ?? null,
            adjustments: { create: l.adjustments.map((j, k) => ({ amountMinor: m(j.amount, `lines.${lineNo}.adjustments.${k}.amount`), reason: j.reason, code: j.code, text: j.text })) },
          })),
        },
      },
    });
    out.push({ ...created, created: true });
  }
  return out;
}
