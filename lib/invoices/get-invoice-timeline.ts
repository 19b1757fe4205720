// An invoice's timeline across systems: where it came from (billing, the ERP), its publication to the ERP, the
// ERP's figure beside Cashline's, drift found and settled, and its cases — every WorkflowEvent naming the invoice.
import type { InvoiceTimeline } from "./invoice-timeline-schema.ts";
import { db } from "../db/client.ts";
import { fromMinor } from "../money/money.ts";

const iso = (d: Date | null) => d?.toISOString() ?? null;

export async function getInvoiceTimeline(id: string): Promise<InvoiceTimeline | null> {
  const inv = await db.invoice.findUnique({ where: { id }, include: { entity: { select: { code: true } }, customer: { select: { name: true } } } });
  if (!inv) return null;
  const [events, cases] = await Promise.all([
    // (the copies of a drift finding on each receipt's own timeline are left out: the invoice's one says it)
    db.workflowEvent.findMany({ where: { invoiceId: id, NOT: { type: "erp.drift_detected", receiptId: { not: null } } }, orderBy: [{ occurredAt: "asc" }, { id: "asc" }], take: 1000 }),
    db.exceptionCase.findMany({ where: { subjectType: "Invoice", subjectId: id }, orderBy: { createdAt: "asc" } }),
  ]);
  return {
    invoice: {
      id: inv.id, number: inv.number, entity: inv.entity.code, customer: inv.customer.name, currency: inv.currency, amount: fromMinor(inv.amountMinor, inv.currency),
      open: fromMinor(inv.openAmountMinor, inv.currency), status: inv.status, sourceSystem: inv.sourceSystem, erpDocumentId: inv.erpDocumentId, erpDocumentNumber: inv.erpDocumentNumber,
      erpOpen: inv.erpOpenAmountMinor === null ? null : fromMinor(inv.erpOpenAmountMinor, inv.currency), erpLastUpdatedAt: iso(inv.erpLastUpdatedAt), erpSyncedAt: iso(inv.erpSyncedAt), erpPublishedAt: iso(inv.erpPublishedAt),
    },
    steps: events.map((e) => ({ id: e.id.toString(), type: e.type, at: e.occurredAt.toISOString(), sourceSystem: e.sourceSystem, receiptId: e.receiptId, exceptionCode: e.exceptionCode, payload: e.payload })),
    cases: cases.map((c) => ({ id: c.id, code: c.code, status: c.status, createdAt: c.createdAt.toISOString(), resolution: c.resolution })),
  };
}
