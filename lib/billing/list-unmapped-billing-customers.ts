// Billing customers waiting for an ERP mapping: their open CUSTOMER_MAPPING case and how many events are held.
import { db } from "../db/client.ts";
import { waitingForCustomer } from "./billing-context.ts";

export async function listUnmappedBillingCustomers() {
  const cases = await db.exceptionCase.findMany({
    where: { code: "CUSTOMER_MAPPING", subjectType: "BillingCustomer", status: { notIn: ["RESOLVED", "CANCELLED"] } },
    orderBy: [{ slaDueAt: "asc" }, { id: "asc" }],
    take: 200,
  });
  const ids = cases.map((c) => c.subjectId!);
  const held = await db.inboundEvent.groupBy({ by: ["waitingFor"], where: { sourceSystem: "billing", status: "HELD", waitingFor: { in: ids.map(waitingForCustomer) } }, _count: { _all: true } });
  const heldOf = new Map(held.map((h) => [h.waitingFor, h._count._all]));
  const entities = new Map((await db.legalEntity.findMany({ select: { id: true, code: true } })).map((e) => [e.id, e.code]));
  return cases.map((c) => ({
    caseId: c.id, billingCustomerId: c.subjectId!, entity: entities.get(c.entityId) ?? c.entityId, heldEvents: heldOf.get(waitingForCustomer(c.subjectId!)) ?? 0,
    slaDueAt: c.slaDueAt.toISOString(), openedAt: c.createdAt.toISOString(),
  }));
}
