// POST /api/v1/billing/events: each event is taken exactly once by the billing system's event id, in a
// transaction of its own, so one bad event in a batch does not hold back the rest. A redelivered id answers
// what the first delivery answered and changes nothing. Each event's JSON is kept as its raw document.
import { db } from "../db/client.ts";
import { problem } from "../http/problem.ts";
import { newCorrelationId } from "../jobs/define-job.ts";
import { storeSourceDocument } from "../inbound/store-source-document.ts";
import { claimInboundEvent } from "../inbound/claim-inbound-event.ts";
import type { BillingEvent, BillingEventResult } from "./billing-event-schema.ts";
import { RejectedBillingEvent } from "./billing-context.ts";
import { processBillingEvent } from "./process-billing-event.ts";

type StoredResult = Omit<BillingEventResult, "id" | "type" | "duplicate">;

async function receiveOne(event: BillingEvent, correlationId: string, receivedBy: string): Promise<BillingEventResult> {
  const head = { id: event.id, type: event.type };
  try {
    return await db.$transaction(async (tx) => {
      const key = { sourceSystem_eventId: { sourceSystem: "billing", eventId: event.id } };
      const seen = await tx.inboundEvent.findUnique({ where: key });
      if (seen) return { ...head, ...(seen.result as StoredResult), duplicate: true };
      const doc = await storeSourceDocument(tx, {
        kind: "billing-event", sourceSystem: "billing", content: JSON.stringify(event), contentType: "application/json", filename: `${event.id}.json`,
        format: event.type, uploadedBy: receivedBy, correlationId,
      });
      const claim = await claimInboundEvent(tx, { sourceSystem: "billing", eventId: event.id, type: event.type, documentId: doc.id, occurredAt: new Date(event.occurred_at), correlationId });
      if (!claim.claimed) return { ...head, ...(claim.result as StoredResult), duplicate: true };
      const outcome = await processBillingEvent(tx, event, { id: claim.id, documentId: doc.id, correlationId });
      return { ...head, ...outcome.result, duplicate: false };
    }, { timeout: 30_000, maxWait: 10_000 });
  } catch (e) {
    if (e instanceof RejectedBillingEvent) return { ...head, status: "rejected", duplicate: false, error: e.message };
    throw e;
  }
}

export async function receiveBillingEvents(body: BillingEvent | BillingEvent[], caller: { label: string }) {
  const events = Array.isArray(body) ? body : [body];
  const correlationId = newCorrelationId();
  const startedAt = new Date();
  const results: BillingEventResult[] = [];
  for (const e of events) results.push(await receiveOne(e, correlationId, caller.label));
  const rejected = results.filter((r) => r.status === "rejected").length;
  const duplicates = results.filter((r) => r.duplicate).length;
  await db.connectorRun.create({
    data: {
      connector: "billing.events", status: rejected ? "PARTIAL" : "SUCCEEDED", startedAt, finishedAt: new Date(), itemsIn: events.length,
      itemsOut: results.length - rejected - duplicates, correlationId, details: { duplicates, rejected, caller: caller.label },
      error: rejected ? results.filter((r) => r.error).map((r) => `${r.id}: ${r.error}`).slice(0, 5).join("; ") : null,
    },
  });
  if (!Array.isArray(body) && results[0]!.status === "rejected") throw problem(422, results[0]!.error);
  return { accepted: results.length - rejected, duplicates, rejected, results };
}
