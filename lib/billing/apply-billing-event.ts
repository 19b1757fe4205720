// One billing event into the canonical model: invoice.issued → Invoice, invoice.voided → the invoice VOID,
// credit_memo.issued → CreditMemo, each with its WorkflowEvent (invoice.issued / invoice.voided /
// credit_memo.posted) and lineage. A billing customer without an ERP mapping is never guessed: the event is
// held (its document QUARANTINED) and a CUSTOMER_MAPPING case opens until an analyst maps the customer.
import type { Prisma } from "../db/generated/client.ts";
import { toMinor, fromMinor } from "../money/money.ts";
import { openExceptionCase } from "../exceptions/open-exception-case.ts";
import type { BillingEvent } from "./billing-event-schema.ts";
import { requestInvoicePublication } from "../erp-sync/request-invoice-publication.ts";
import { invoiceKey, RejectedBillingEvent, waitingForCustomer, type BillingContext, type BillingOutcome } from "./billing-context.ts";

type Tx = Prisma.TransactionClient;

async function entityByCode(tx: Tx, code: string) {
  const e = await tx.legalEntity.findUnique({ where: { code: code.toUpperCase() } });
  if (!e) throw new RejectedBillingEvent(`unknown legal entity "${code}"`);
  return e;
}

async function mappedCustomer(tx: Tx, billingCustomerId: string, entity: { id: string; code: string }) {
  const m = await tx.customerSourceMapping.findUnique({
    where: { sourceSystem_sourceCustomerId: { sourceSystem: "billing", sourceCustomerId: billingCustomerId } },
    include: { customer: { select: { id: true, entityId: true, erpAccountNumber: true } } },
  });
  if (m && m.customer.entityId !== entity.id) throw new RejectedBillingEvent(`billing customer ${billingCustomerId} is mapped to ERP customer ${m.customer.erpAccountNumber} of another entity than ${entity.code}`);
  return m?.customer ?? null;
}

async function hold(ctx: BillingContext, billingCustomerId: string, entityId: string, what: string): Promise<BillingOutcome> {
  await ctx.tx.sourceDocument.update({ where: { id: ctx.documentId }, data: { status: "QUARANTINED", error: `billing customer ${billingCustomerId} is not mapped to an ERP customer` } });
  const { caseId } = await openExceptionCase(ctx.tx, {
    code: "CUSTOMER_MAPPING", entityId, subjectType: "BillingCustomer", subjectId: billingCustomerId, priority: "HIGH", slaHours: 24, correlationId: ctx.correlationId,
    reasons: [`billing customer ${billingCustomerId} has no ERP customer mapping: ${what} is held until it is mapped (POST /api/v1/customer-mappings)`],
    suggestion: { billingCustomerId, firstHeldEventId: ctx.eventId },
  });
  return { inbound: "HELD", waitingFor: waitingForCustomer(billingCustomerId), result: { status: "held", caseId } };
}

async function lineage(ctx: BillingContext, type: string, data: { invoiceId?: string; entityId: string; businessKeys: Record<string, unknown>; payload?: Record<string, unknown> }) {
  await ctx.tx.workflowEvent.createMany({
    data: [{
      type, sourceSystem: "billing", sourceId: ctx.eventId, invoiceId: data.invoiceId ?? null, entityId: data.entityId, correlationId: ctx.correlationId,
      businessKeys: { billingEventId: ctx.eventId, ...data.businessKeys } as Prisma.InputJsonValue,
      payload: { documentId: ctx.documentId, ...data.payload } as Prisma.InputJsonValue, occurredAt: ctx.occurredAt, recordedAt: new Date(),
    }],
    skipDuplicates: true,
  });
}

async function invoiceIssued(ctx: BillingContext, d: Extract<BillingEvent, { type: "invoice.issued" }>["data"]): Promise<BillingOutcome> {
  const entity = await entityByCode(ctx.tx, d.entity);
  const customer = await mappedCustomer(ctx.tx, d.customer_id, entity);
  if (!customer) return hold(ctx, d.customer_id, entity.id, `invoice ${d.number}`);
  const amountMinor = toMinor(d.amount, d.currency);
  const created = await ctx.tx.invoice.createMany({
    data: [{
      entityId: entity.id, customerId: customer.id, number: d.number, poNumber: d.po_number ?? null, currency: d.currency, amountMinor, openAmountMinor: amountMinor,
      issueDate: new Date(d.issue_date), dueDate: new Date(d.due_date), sourceSystem: "billing", sourceId: d.invoice_id ?? `${entity.code}/${d.number}`, documentId: ctx.documentId,
    }],
    skipDuplicates: true,
  });
  const inv = await ctx.tx.invoice.findUniqueOrThrow({ where: { entityId_number: { entityId: entity.id, number: d.number } }, select: { id: true } });
  if (created.count === 1) {
    await lineage(ctx, "invoice.issued", { invoiceId: inv.id, entityId: entity.id, businessKeys: { invoiceNumber: d.number, billingCustomerId: d.customer_id, poNumber: d.po_number ?? null }, payload: { amountMinor: amountMinor.toString(), currency: d.currency } });
    // Enriched with the ERP customer and entity, the invoice goes on to the entity's ERP (lib/erp-sync).
    await requestInvoicePublication(ctx.tx, inv.id, ctx.correlationId);
  }
  return { inbound: "PROCESSED", result: { status: created.count === 1 ? "created" : "exists", invoiceId: inv.id }, invoiceKey: invoiceKey(entity.code, d.number) };
}

async function invoiceVoided(ctx: BillingContext, d: Extract<BillingEvent, { type: "invoice.voided" }>["data"]): Promise<BillingOutcome> {
  const entity = await entityByCode(ctx.tx, d.entity);
  const inv = await ctx.tx.invoice.findUnique({ where: { entityId_number: { entityId: entity.id, number: d.number } } });
  // Voided before the issue reached us (or before its customer was mapped): wait for the invoice.
  if (!inv) return { inbound: "PENDING", waitingFor: invoiceKey(entity.code, d.number), result: { status: "pending" } };
  if (inv.status === "VOID") return { inbound: "PROCESSED", result: { status: "exists", invoiceId: inv.id } };
  if (inv.openAmountMinor !== inv.amountMinor) {
    const paid = `${fromMinor(inv.amountMinor - inv.openAmountMinor, inv.currency)} ${inv.currency}`;
    const { caseId } = await openExceptionCase(ctx.tx, {
      code: "ALREADY_PAID", entityId: entity.id, subjectType: "Invoice", subjectId: inv.id, priority: "HIGH", slaHours: 48, amountMinor: inv.amountMinor - inv.openAmountMinor, currency: inv.currency,
      reasons: [`the billing platform voided invoice ${inv.number}, but ${paid} has already been applied to it: reverse the applications, then void it`], correlationId: ctx.correlationId,
      suggestion: { invoiceNumber: inv.number, billingEventId: ctx.eventId },
    });
    await lineage(ctx, "invoice.void_refused", { invoiceId: inv.id, entityId: entity.id, businessKeys: { invoiceNumber: inv.number }, payload: { caseId } });
    return { inbound: "PROCESSED", result: { status: "refused", invoiceId: inv.id, caseId } };
  }
  const updated = await ctx.tx.invoice.updateMany({ where: { id: inv.id, version: inv.version }, data: { status: "VOID", openAmountMinor: 0n, version: { increment: 1 } } });
  if (updated.count !== 1) throw new Error(`invoice ${inv.number} changed while voiding it; resend the event`);
  await lineage(ctx, "invoice.voided", { invoiceId: inv.id, entityId: entity.id, businessKeys: { invoiceNumber: inv.number }, payload: { reason: d.reason ?? null } });
  return { inbound: "PROCESSED", result: { status: "voided", invoiceId: inv.id } };
}

async function creditMemoIssued(ctx: BillingContext, d: Extract<BillingEvent, { type: "credit_memo.issued" }>["data"]): Promise<BillingOutcome> {
  const entity = await entityByCode(ctx.tx, d.entity);
  const customer = await mappedCustomer(ctx.tx, d.customer_id, entity);
  if (!customer) return hold(ctx, d.customer_id, entity.id, `credit memo ${d.number}`);
  const inv = d.invoice_number ? await ctx.tx.invoice.findUnique({ where: { entityId_number: { entityId: entity.id, number: d.invoice_number } }, select: { id: true } }) : null;
  const amountMinor = toMinor(d.amount, d.currency);
  const created = await ctx.tx.creditMemo.createMany({
    data: [{
      entityId: entity.id, customerId: customer.id, number: d.number, invoiceId: inv?.id ?? null, currency: d.currency, amountMinor, openAmountMinor: amountMinor,
      issueDate: new Date(d.issue_date), reason: d.reason ?? null, sourceSystem: "billing", sourceId: d.credit_memo_id ?? `${entity.code}/${d.number}`, documentId: ctx.documentId,
    }],
    skipDuplicates: true,
  });
  const memo = await ctx.tx.creditMemo.findUniqueOrThrow({ where: { entityId_number: { entityId: entity.id, number: d.number } }, select: { id: true } });
  if (created.count === 1) {
    await lineage(ctx, "credit_memo.posted", { invoiceId: inv?.id, entityId: entity.id, businessKeys: { creditMemoNumber: d.number, invoiceNumber: d.invoice_number ?? null, billingCustomerId: d.customer_id }, payload: { amountMinor: amountMinor.toString(), currency: d.currency, creditMemoId: memo.id } });
  }
  return { inbound: "PROCESSED", result: { status: created.count === 1 ? "created" : "exists", creditMemoId: memo.id } };
}

export function applyBillingEvent(ctx: BillingContext, event: BillingEvent): Promise<BillingOutcome> {
  switch (event.type) {
    case "invoice.issued": return invoiceIssued(ctx, event.data);
    case "invoice.voided": return invoiceVoided(ctx, event.data);
    case "credit_memo.issued": return creditMemoIssued(ctx, event.data);
  }
}
