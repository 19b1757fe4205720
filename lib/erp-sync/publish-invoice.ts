// Invoices out: one billing invoice, enriched with what Cashline knows (the ERP customer account its billing
// customer maps to, the legal entity = the ERP business unit), published to the entity's ERP as a receivables
// invoice exactly once: the request carries the idempotency key `cashline:invoice:<id>` (a dropped answer or a 5xx
// retried by the job replays the first booking), the customer account is ensured first, and the ERP's id and
// document number are stored back on the invoice with a timeline step and an audit row, in one transaction.
import { db } from "../db/client.ts";
import type { ErpAdapter, ErpInvoicePublication } from "../erp/adapter.ts";
import { ErpPermanentError } from "../erp/errors.ts";
import { fromMinor } from "../money/money.ts";
import { writeAudit } from "../audit/write-audit.ts";

export type PublishOutcome = { status: "published" | "already_published" | "skipped"; erpDocumentId?: string; erpDocumentNumber?: string; reason?: string };

export const invoicePublicationKey = (invoiceId: string) => `cashline:invoice:${invoiceId}`;

type PublishableInvoice = {
  id: string; number: string; currency: string; amountMinor: bigint; issueDate: Date; dueDate: Date; poNumber: string | null;
  customer: { erpAccountNumber: string }; entity: { code: string };
};

/** What the ERP is sent for one invoice: the same request (and idempotency key) on every try. */
export function invoicePublication(inv: PublishableInvoice): ErpInvoicePublication {
  return {
    idempotencyKey: invoicePublicationKey(inv.id), invoiceNumber: inv.number, customerAccount: inv.customer.erpAccountNumber, entity: inv.entity.code,
    currency: inv.currency, amount: fromMinor(inv.amountMinor, inv.currency), issueDate: inv.issueDate.toISOString().slice(0, 10),
    dueDate: inv.dueDate.toISOString().slice(0, 10), description: inv.poNumber ? `Invoice ${inv.number} (PO ${inv.poNumber})` : `Invoice ${inv.number}`,
  };
}

export async function publishInvoiceToErp(invoiceId: string, erp: ErpAdapter, opts: { correlationId?: string } = {}): Promise<PublishOutcome> {
  const inv = await db.invoice.findUnique({ where: { id: invoiceId }, include: { customer: { select: { erpAccountNumber: true, name: true } }, entity: { select: { code: true } } } });
  if (!inv) throw new ErpPermanentError("invalid_posting", `invoice ${invoiceId} does not exist`);
  if (inv.erpDocumentId) return { status: "already_published", erpDocumentId: inv.erpDocumentId, erpDocumentNumber: inv.erpDocumentNumber ?? undefined };
  if (inv.status === "VOID") return { status: "skipped", reason: "the invoice was voided before it reached the ERP" };
  if (inv.sourceSystem === "erp") return { status: "skipped", reason: "the invoice came from the ERP" };
  await erp.ensureCustomerAccount({ accountNumber: inv.customer.erpAccountNumber, name: inv.customer.name, entity: inv.entity.code });
  const doc = await erp.publishInvoice(invoicePublication(inv));
  const now = new Date();
  await db.$transaction(async (tx) => {
    // Only the first store wins (a sync may have linked the document already: same ERP id, nothing to do).
    const stored = await tx.invoice.updateMany({ where: { id: inv.id, erpDocumentId: null }, data: { erpDocumentId: doc.erpDocumentId, erpDocumentNumber: doc.erpDocumentNumber, erpPublishedAt: now } });
    if (stored.count === 0) return;
    await tx.workflowEvent.createMany({ skipDuplicates: true, data: [{
      type: "invoice.published_to_erp", invoiceId: inv.id, entityId: inv.entityId, sourceSystem: "cashline", sourceId: invoicePublicationKey(inv.id), correlationId: opts.correlationId ?? null,
      businessKeys: { invoiceNumber: inv.number, erpDocumentId: doc.erpDocumentId, erpDocumentNumber: doc.erpDocumentNumber },
      payload: { customerAccount: inv.customer.erpAccountNumber, entity: inv.entity.code, amountMinor: inv.amountMinor.toString(), currency: inv.currency }, occurredAt: now, recordedAt: now,
    }] });
    await writeAudit({ actorType: "system", action: "erp.invoice_published", targetType: "Invoice", targetId: inv.id, details: { invoiceNumber: inv.number, ...doc, correlationId: opts.correlationId ?? null } }, tx);
  });
  return { status: "published", ...doc };
}
