// Routes one verified Stripe event to its handler. Types Cashline does not act on are kept (IGNORED) for lineage.
import type { z } from "zod";
import { chargeSchema, disputeSchema, paymentIntentSchema, payoutSchema, type StripeEvent } from "./stripe-objects.ts";
import type { StripeContext, StripeOutcome } from "./stripe-context.ts";
import { cardPaymentFromCharge, cardPaymentFromIntent, recordCardPayment } from "./record-card-payment.ts";
import { recordRefund } from "./record-refund.ts";
import { recordDisputeClosed, recordDisputeCreated } from "./record-dispute.ts";
import { recordPayout } from "./record-payout.ts";

export class MalformedStripeObject extends Error {}

function parse<S extends z.ZodType>(schema: S, value: unknown, type: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new MalformedStripeObject(`${type}: data.object.${i?.path.map(String).join(".")}: ${i?.message}`);
  }
  return r.data;
}

export async function applyStripeEvent(ctx: StripeContext, event: StripeEvent): Promise<StripeOutcome> {
  const obj = event.data.object;
  switch (event.type) {
    case "charge.succeeded": {
      const c = parse(chargeSchema, obj, event.type);
      const r = await recordCardPayment(ctx, cardPaymentFromCharge(c));
      return { status: "PROCESSED", result: r, chargeSeen: c.id };
    }
    case "payment_intent.succeeded": {
      const payment = cardPaymentFromIntent(parse(paymentIntentSchema, obj, event.type));
      if (!payment) return { status: "IGNORED", result: { note: "payment intent names no charge: the charge.succeeded event makes the receipt" } };
      const r = await recordCardPayment(ctx, payment);
      return { status: "PROCESSED", result: r, chargeSeen: payment.chargeId };
    }
    case "charge.refunded":
      return recordRefund(ctx, parse(chargeSchema, obj, event.type));
    case "charge.dispute.created":
      return recordDisputeCreated(ctx, parse(disputeSchema, obj, event.type));
    case "charge.dispute.closed":
      return recordDisputeClosed(ctx, parse(disputeSchema, obj, event.type));
    case "payout.paid":
    case "payout.failed":
      return recordPayout(ctx, parse(payoutSchema, obj, event.type), event.type === "payout.paid" ? "paid" : "failed");
    default:
      return { status: "IGNORED", result: { note: `event type ${event.type} is not used by Cashline` } };
  }
}
