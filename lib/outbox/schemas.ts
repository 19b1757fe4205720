import { z } from "zod";

export const createSubscriberBody = z.object({
  name: z.string().trim().min(1).max(80),
  url: z.string().url().refine((u) => /^https?:\/\//.test(u), "http(s) URL"),
  eventTypes: z.array(z.string().regex(/^[a-z_]+\.[a-z_.]+$/)).max(50).default([]).describe("empty = every event type"),
});
export const subscriberRow = z.object({
  id: z.string(), name: z.string(), url: z.string(), eventTypes: z.array(z.string()), active: z.boolean(), createdAt: z.string(),
  pending: z.number().int(), delivered: z.number().int(), dead: z.number().int(),
});
export const createSubscriberResponse = subscriberRow.extend({ secret: z.string().describe("signing secret, shown once") });
export const listSubscribersResponse = z.object({ items: z.array(subscriberRow) });
export const subscriberParams = z.object({ id: z.string().min(1).max(64) });
export const deliveryRow = z.object({
  id: z.string(), eventId: z.string(), eventType: z.string(), orderingKey: z.string(), status: z.enum(["PENDING", "DELIVERED", "DEAD"]),
  attempts: z.number().int(), lastStatusCode: z.number().int().nullable(), lastError: z.string().nullable(), createdAt: z.string(), deliveredAt: z.string().nullable(),
});
export const listDeliveriesResponse = z.object({ items: z.array(deliveryRow) });
