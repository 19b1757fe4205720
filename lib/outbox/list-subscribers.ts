import { db } from "../db/client.ts";

export async function listSubscribers() {
  const [subs, counts] = await Promise.all([
    db.webhookSubscriber.findMany({ where: { deletedAt: null }, orderBy: { createdAt: "asc" } }),
    db.webhookDelivery.groupBy({ by: ["subscriberId", "status"], _count: true }),
  ]);
  const count = (id: string, status: string) => counts.find((c) => c.subscriberId === id && c.status === status)?._count ?? 0;
  return {
    items: subs.map((s) => ({
      id: s.id, name: s.name, url: s.url, eventTypes: s.eventTypes, active: s.active, createdAt: s.createdAt.toISOString(), secretRotatedAt: s.secretRotatedAt?.toISOString() ?? null,
      pending: count(s.id, "PENDING"), delivered: count(s.id, "DELIVERED"), dead: count(s.id, "DEAD"),
    })),
  };
}

export async function listDeliveries(subscriberId: string, limit = 200) {
  const rows = await db.webhookDelivery.findMany({ where: { subscriberId }, orderBy: { eventId: "desc" }, take: limit });
  return {
    items: rows.map((d) => ({
      id: d.id, eventId: String(d.eventId), eventType: d.eventType, orderingKey: d.orderingKey, status: d.status, attempts: d.attempts,
      lastStatusCode: d.lastStatusCode, lastError: d.lastError, createdAt: d.createdAt.toISOString(), deliveredAt: d.deliveredAt?.toISOString() ?? null,
    })),
  };
}
