// What every Stripe event handler gets: the event's identity and lineage, inside the intake transaction.
import type { Prisma } from "../db/generated/client.ts";

export type StripeContext = {
  tx: Prisma.TransactionClient;
  eventId: string;
  eventType: string;
  occurredAt: Date;
  documentId: string;
  correlationId: string;
};

/** What handling an event came to: done (with a result), or parked until another fact arrives. */
export type StripeOutcome =
  | { status: "PROCESSED"; result: Record<string, unknown>; chargeSeen?: string }
  | { status: "PENDING"; waitingFor: string; result: Record<string, unknown> }
  | { status: "IGNORED"; result: Record<string, unknown> };

export const waitingForCharge = (chargeId: string) => `stripe-charge:${chargeId}`;
export const cardNaturalKey = (chargeId: string) => `stripe:${chargeId}`;

/** The lineage WorkflowEvent of a Stripe fact: one per (event id, type), however often the event is delivered. */
export async function writeStripeEvent(ctx: StripeContext, data: {
  type: string; sourceId?: string; receiptId?: string | null; entityId?: string | null; businessKeys?: Record<string, unknown>;
  payload?: Record<string, unknown>; exceptionCode?: string | null;
}) {
  await ctx.tx.workflowEvent.createMany({
    data: [{
      type: data.type, sourceSystem: "stripe", sourceId: data.sourceId ?? ctx.eventId, receiptId: data.receiptId ?? null, entityId: data.entityId ?? null,
      correlationId: ctx.correlationId, exceptionCode: data.exceptionCode ?? null,
      businessKeys: { stripeEventId: ctx.eventId, ...data.businessKeys } as Prisma.InputJsonValue,
      payload: { stripeEventType: ctx.eventType, documentId: ctx.documentId, ...data.payload } as Prisma.InputJsonValue,
      occurredAt: ctx.occurredAt, recordedAt: new Date(),
    }],
    skipDuplicates: true,
  });
}
