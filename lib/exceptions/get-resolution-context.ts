// What the case workspace needs to resolve a case beyond the generic cash actions (issue 11): the ERP's answer to a
// failed posting, the original receipt a duplicate repeats or the receipt that already paid an invoice, every
// candidate set of an AMBIGUOUS case (only those still fully open), refunds and the chargeback dispute.
import { db } from "../db/client.ts";
import { fromMinor } from "../money/money.ts";
import type { ResolutionView } from "./workspace-schema.ts";

type SetLine = { invoiceId?: string; invoice_id?: string; amount?: string };

export async function getResolutionContext(input: { receiptId: string | null; caseId: string | null; suggestion: unknown; currency: string }): Promise<ResolutionView> {
  const s = (input.suggestion ?? {}) as { duplicateOf?: string; paidInvoices?: { invoiceId: string }[]; candidateSets?: SetLine[][] };
  const receiptId = input.receiptId;
  const [entries, refunds, dispute] = await Promise.all([
    receiptId ? db.journalEntry.findMany({ where: { receiptId, status: "FAILED" }, orderBy: { createdAt: "asc" }, select: { id: true, idempotencyKey: true, attempts: true, lastError: true } }) : [],
    receiptId ? db.refundRequest.findMany({ where: { receiptId }, orderBy: { createdAt: "desc" } }) : [],
    input.caseId ? db.chargebackDispute.findUnique({ where: { caseId: input.caseId } }) : null,
  ]);
  const related: ResolutionView["related"] = [];
  if (s.duplicateOf) {
    const o = await db.receipt.findUnique({ where: { id: s.duplicateOf }, select: { id: true, state: true, amountMinor: true, currency: true, valueDate: true } });
    if (o) related.push({ kind: "original_receipt", receiptId: o.id, invoiceId: null, invoiceNumber: null, label: `original receipt ${o.id} (${fromMinor(o.amountMinor, o.currency)} ${o.currency}, ${o.valueDate.toISOString().slice(0, 10)}, ${o.state.toLowerCase()})` });
  }
  const paidIds = (s.paidInvoices ?? []).map((p) => p.invoiceId).filter(Boolean);
  if (paidIds.length) {
    const apps = await db.application.findMany({ where: { invoiceId: { in: paidIds }, kind: "INVOICE", reversedAt: null, receiptId: { not: receiptId ?? "" } }, select: { receiptId: true, invoiceId: true, invoice: { select: { number: true } } } });
    const invoices = await db.invoice.findMany({ where: { id: { in: paidIds } }, select: { id: true, number: true, status: true } });
    for (const inv of invoices) {
      const by = apps.filter((a) => a.invoiceId === inv.id).map((a) => a.receiptId);
      related.push({ kind: "paid_invoice", receiptId: by[0] ?? null, invoiceId: inv.id, invoiceNumber: inv.number, label: `invoice ${inv.number} is ${inv.status.toLowerCase().replace("_", " ")}${by.length ? ` (paid by receipt ${by.join(", ")})` : ""}` });
    }
  }
  // Candidate sets: shown only while every invoice in them is still open (a paid invoice is never proposed).
  const setIds = [...new Set((s.candidateSets ?? []).flat().map((l) => l.invoiceId ?? l.invoice_id).filter((x): x is string => !!x))];
  const open = setIds.length ? await db.invoice.findMany({ where: { id: { in: setIds }, status: { in: ["OPEN", "PARTIALLY_PAID"] } }, select: { id: true, number: true, openAmountMinor: true, currency: true } }) : [];
  const openOf = new Map(open.map((i) => [i.id, i]));
  const candidateSets = (s.candidateSets ?? [])
    .map((set) => set.map((l) => openOf.get(l.invoiceId ?? l.invoice_id ?? "")))
    .filter((set): set is NonNullable<(typeof set)[number]>[] => set.length > 0 && set.every(Boolean))
    .map((set) => set.map((i) => ({ invoiceId: i.id, invoiceNumber: i.number, amount: fromMinor(i.openAmountMinor, i.currency) })));
  return {
    failedPostings: entries.map((e) => ({ journalEntryId: e.id, idempotencyKey: e.idempotencyKey, attempts: e.attempts, erpError: e.lastError })),
    related,
    candidateSets,
    refunds: refunds.map((r) => ({ id: r.id, status: r.status, amount: fromMinor(r.amountMinor, r.currency), currency: r.currency, reason: r.reason, requestedById: r.requestedById, createdAt: r.createdAt.toISOString() })),
    dispute: dispute ? { status: dispute.status, evidenceDueAt: dispute.evidenceDueAt.toISOString(), submittedAt: dispute.submittedAt?.toISOString() ?? null, lostAction: dispute.lostAction } : null,
  };
}
