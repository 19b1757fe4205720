// Turns what a merchant put on a payment (description, metadata.invoice_number / invoice_id / po_number) into
// the receipt's remittance text, so the matching engine reads the invoice reference the way it reads a bank
// line's remittance. An invoice_id is resolved to its number (Cashline id or the billing system's id).
import type { Prisma } from "../db/generated/client.ts";

type Tx = Pick<Prisma.TransactionClient, "invoice">;

export type PaymentReferences = { remittance: string | null; invoiceNumber: string | null; invoiceId: string | null; poNumber: string | null };

export async function paymentReferences(tx: Tx, entityId: string, description: string | null | undefined, metadata: Record<string, string>): Promise<PaymentReferences> {
  const invoiceId = metadata.invoice_id?.trim() || null;
  let invoiceNumber = (metadata.invoice_number ?? metadata.invoice)?.trim() || null;
  if (!invoiceNumber && invoiceId) {
    const inv = await tx.invoice.findFirst({
      where: { entityId, OR: [{ id: invoiceId }, { sourceSystem: "billing", sourceId: invoiceId }] },
      select: { number: true },
    });
    invoiceNumber = inv?.number ?? null;
  }
  const poNumber = metadata.po_number?.trim() || null;
  const text = description?.trim() ?? "";
  const parts = [
    text || null,
    invoiceNumber && !text.includes(invoiceNumber) ? `Invoice ${invoiceNumber}` : null,
    poNumber && !text.includes(poNumber) ? `PO ${poNumber}` : null,
  ].filter((p): p is string => !!p);
  return { remittance: parts.length ? parts.join(" / ").slice(0, 500) : null, invoiceNumber, invoiceId, poNumber };
}
