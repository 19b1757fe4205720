// The Stripe webhook endpoint's answer, for the operation registry and the OpenAPI document.
import { z } from "zod";

export const stripeWebhookResponse = z.object({
  received: z.literal(true),
  eventId: z.string(),
  type: z.string(),
  status: z.enum(["PROCESSED", "PENDING", "IGNORED", "HELD"]),
  duplicate: z.boolean().describe("true when this event id was delivered before: nothing changed, the first answer is repeated"),
  result: z.record(z.string(), z.unknown()),
});
