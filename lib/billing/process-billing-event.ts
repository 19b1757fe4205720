// Handles one claimed billing event and settles it; when an invoice now exists, the events that waited for it
// (a void that came first) are handled right after, in the same transaction.
import type { Prisma } from "../db/generated/client.ts";
import { findWaitingEvents, settleInboundEvent } from "../inbound/claim-inbound-event.ts";
import { billingEventSchema, type BillingEvent } from "./billing-event-schema.ts";
import { applyBillingEvent } from "./apply-billing-event.ts";
import type { BillingOutcome } from "./billing-context.ts";

export async function processBillingEvent(tx: Prisma.TransactionClient, event: BillingEvent, inbound: { id: string; documentId: string; correlationId: string }): Promise<BillingOutcome> {
  const outcome = await applyBillingEvent({ tx, eventId: event.id, documentId: inbound.documentId, correlationId: inbound.correlationId, occurredAt: new Date(event.occurred_at) }, event);
  await settleInboundEvent(tx, inbound.id, { status: outcome.inbound, waitingFor: outcome.waitingFor, result: outcome.result });
  if (outcome.inbound === "PROCESSED") {
    await tx.sourceDocument.update({ where: { id: inbound.documentId }, data: { status: "PROCESSED", error: null, processedAt: new Date() } });
    if (outcome.invoiceKey) await releaseWaiting(tx, outcome.invoiceKey, "PENDING");
  }
  return outcome;
}

/** Handles the events parked on `waitingFor`, oldest first. Returns what became of each. */
export async function releaseWaiting(tx: Prisma.TransactionClient, waitingFor: string, status: "PENDING" | "HELD") {
  const out: { eventId: string; outcome: BillingOutcome }[] = [];
  for (const w of await findWaitingEvents(tx, "billing", waitingFor, status)) {
    const event = billingEventSchema.parse(JSON.parse(Buffer.from(w.document.content).toString("utf8")));
    out.push({ eventId: w.eventId, outcome: await processBillingEvent(tx, event, { id: w.id, documentId: w.documentId, correlationId: w.correlationId ?? "release" }) });
  }
  return out;
}
