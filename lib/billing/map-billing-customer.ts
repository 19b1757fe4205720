// An analyst maps a billing customer to its ERP customer: the mapping is stored (audited), the billing events
// held for it are turned into invoices / credit memos now, and the CUSTOMER_MAPPING case is resolved.
import { z } from "zod";
import { db } from "../db/client.ts";
import { problem } from "../http/problem.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { RejectedBillingEvent, waitingForCustomer } from "./billing-context.ts";
import { releaseWaiting } from "./process-billing-event.ts";

export const createCustomerMappingBody = z.object({
  billingCustomerId: z.string().trim().min(1).max(100),
  customerId: z.string().trim().min(1).max(64).optional().describe("Cashline customer id"),
  entity: z.string().trim().min(1).max(20).optional().describe("with erpAccountNumber, instead of customerId"),
  erpAccountNumber: z.string().trim().min(1).max(60).optional(),
}).refine((b) => !!b.customerId || (!!b.entity && !!b.erpAccountNumber), { message: "give customerId, or entity and erpAccountNumber", path: ["customerId"] });

export const createCustomerMappingResponse = z.object({
  mappingId: z.string(),
  customerId: z.string(),
  released: z.array(z.object({ eventId: z.string(), status: z.string(), invoiceId: z.string().optional(), creditMemoId: z.string().optional() })),
  resolvedCases: z.array(z.string()),
});

export async function mapBillingCustomer(billingCustomerId: string, customer: { customerId?: string; entity?: string; erpAccountNumber?: string }, actor: { id: string; email: string }, requestId?: string) {
  return db.$transaction(async (tx) => {
    const target = customer.customerId
      ? await tx.customer.findUnique({ where: { id: customer.customerId } })
      : await tx.customer.findFirst({ where: { erpAccountNumber: customer.erpAccountNumber, entity: { code: customer.entity?.toUpperCase() } } });
    if (!target) throw problem(404, "no such ERP customer");
    const existing = await tx.customerSourceMapping.findUnique({ where: { sourceSystem_sourceCustomerId: { sourceSystem: "billing", sourceCustomerId: billingCustomerId } } });
    if (existing && existing.customerId !== target.id) throw problem(409, `billing customer ${billingCustomerId} is already mapped to another ERP customer`);
    const mapping = existing ?? await tx.customerSourceMapping.create({ data: { sourceSystem: "billing", sourceCustomerId: billingCustomerId, customerId: target.id } });
    const released = await releaseWaiting(tx, waitingForCustomer(billingCustomerId), "HELD").catch((e) => {
      throw e instanceof RejectedBillingEvent ? problem(422, `a held event cannot be released to this customer: ${e.message}`) : e;
    });
    const cases = await tx.exceptionCase.findMany({ where: { code: "CUSTOMER_MAPPING", subjectType: "BillingCustomer", subjectId: billingCustomerId, status: { notIn: ["RESOLVED", "CANCELLED"] } }, select: { id: true } });
    await tx.exceptionCase.updateMany({
      where: { id: { in: cases.map((c) => c.id) } },
      data: { status: "RESOLVED", resolution: `mapped to ERP customer ${target.erpAccountNumber} (${target.name}); ${released.length} held event(s) released`, resolvedAt: new Date(), resolvedById: actor.id, version: { increment: 1 } },
    });
    await writeAudit({
      actorType: "user", actorId: actor.id, actorLabel: actor.email, action: existing ? "customer_mapping.confirmed" : "customer_mapping.created", targetType: "CustomerSourceMapping", targetId: mapping.id,
      details: { sourceSystem: "billing", billingCustomerId, customerId: target.id, erpAccountNumber: target.erpAccountNumber, released: released.length, resolvedCases: cases.map((c) => c.id) }, requestId,
    }, tx);
    return {
      mappingId: mapping.id, customerId: target.id, resolvedCases: cases.map((c) => c.id),
      released: released.map((r) => ({ eventId: r.eventId, status: r.outcome.result.status, invoiceId: r.outcome.result.invoiceId, creditMemoId: r.outcome.result.creditMemoId })),
    };
  }, { timeout: 60_000, maxWait: 10_000 });
}
