// The Stripe webhook endpoint's answer, for the operation registry and the OpenAPI document.
import { z } from "zod";

/** Largest Stripe event body accepted (Stripe's events are a few KB; a payout with its balance transactions more). */
export const STRIPE_WEBHOOK_MAX_BYTES = 256 * 1024;

export const stripeWebhookResponse = z.object({
  received: z.literal(true),
  eventId: z.string(),
  type: z.string(),
  status: z.enum(["PROCESSED", "PENDING", "IGNORED", "HELD"]),
  duplicate: z.boolean().describe("true when this event id was delivered before: nothing changed, the first answer is repeated"),
  result: z.record(z.string(), z.unknown()),
});
