import { z } from "zod";
import { EVENT_TYPES } from "./event-types.ts";

export const createSubscriberBody = z.object({
  name: z.string().trim().min(1).max(80),
  url: z.string().trim().url().max(2000).describe("https URL (http only where WEBHOOK_ALLOW_HTTP allows); private addresses refused"),
  eventTypes: z.array(z.enum(EVENT_TYPES)).max(EVENT_TYPES.length).default([]).describe("empty = every event type"),
});
export const updateSubscriberBody = z.object({ active: z.boolean().describe("false pauses deliveries (events wait), true resumes") });
export const subscriberRow = z.object({
  id: z.string(), name: z.string(), url: z.string(), eventTypes: z.array(z.string()), active: z.boolean(), createdAt: z.string(),
  secretRotatedAt: z.string().nullable(), pending: z.number().int(), delivered: z.number().int(), dead: z.number().int(),
});
export const createSubscriberResponse = subscriberRow.extend({ secret: z.string().describe("signing secret, shown once") });
export const rotateSecretResponse = z.object({ id: z.string(), secret: z.string().describe("the new signing secret, shown once"), secretRotatedAt: z.string() });
export const testSubscriberResponse = z.object({
  ok: z.boolean(), status: z.number().int().nullable(), error: z.string().nullable().describe("generic failure class, e.g. address_refused, timeout, http_error"),
});
export const listSubscribersResponse = z.object({ items: z.array(subscriberRow) });
export const subscriberParams = z.object({ id: z.string().min(1).max(64) });
export const deliveryRow = z.object({
  id: z.string(), eventId: z.string(), eventType: z.string(), orderingKey: z.string(), status: z.enum(["PENDING", "DELIVERED", "DEAD"]),
  attempts: z.number().int(), lastStatusCode: z.number().int().nullable(), lastError: z.string().nullable(), createdAt: z.string(), deliveredAt: z.string().nullable(),
});
export const listDeliveriesResponse = z.object({ items: z.array(deliveryRow) });
