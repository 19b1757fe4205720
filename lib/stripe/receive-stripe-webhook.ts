// POST /api/webhooks/stripe: verify the Stripe-Signature over the raw body with Stripe's own library (nothing is
// stored when it fails), keep the body as a SourceDocument, and handle the event exactly once per event id in
// one transaction. Events that arrived before their charge are parked and handled when the charge arrives.
import Stripe from "stripe";
import { trace } from "@opentelemetry/api";
import type { z } from "zod";
import { db, Prisma } from "../db/client.ts";
import { env } from "../env.ts";
import { problem } from "../http/problem.ts";
import { newCorrelationId } from "../jobs/define-job.ts";
import { storeSourceDocument } from "../inbound/store-source-document.ts";
import { claimInboundEvent, findWaitingEvents, settleInboundEvent } from "../inbound/claim-inbound-event.ts";
import { stripeEventSchema, unixDate, type StripeEvent } from "./stripe-objects.ts";
import { waitingForCharge, type StripeContext, type StripeOutcome } from "./stripe-context.ts";
import { applyStripeEvent, MalformedStripeObject } from "./apply-stripe-event.ts";
import type { stripeWebhookResponse } from "./schemas.ts";
import { webhooksReceived } from "../metrics/process-metrics.ts";
import { admitOrShed } from "../http/admission.ts";

type Answer = z.infer<typeof stripeWebhookResponse>;

export function verifyStripeEvent(rawBody: string, signature: string | null, secret: string): StripeEvent {
  if (!signature) throw problem(400, "missing Stripe-Signature header");
  let verified: unknown;
  try {
    verified = Stripe.webhooks.constructEvent(rawBody, signature, secret);
  } catch (e) {
    throw problem(400, `Stripe signature verification failed: ${(e as Error).message.split(/\n/)[0]}`);
  }
  const parsed = stripeEventSchema.safeParse(verified);
  if (!parsed.success) throw problem(400, "the signed body is not a Stripe event");
  return parsed.data;
}

async function handle(tx: Prisma.TransactionClient, event: StripeEvent, documentId: string, inboundId: string, correlationId: string): Promise<StripeOutcome> {
  const ctx: StripeContext = { tx, eventId: event.id, eventType: event.type, occurredAt: unixDate(event.created), documentId, correlationId };
  let outcome: StripeOutcome;
  try {
    outcome = await applyStripeEvent(ctx, event);
  } catch (e) {
    if (!(e instanceof MalformedStripeObject)) throw e;
    // Signed by Stripe but not in a shape we can read: keep it aside for a person rather than have Stripe retry for days.
    await tx.sourceDocument.update({ where: { id: documentId }, data: { status: "QUARANTINED", error: e.message } });
    outcome = { status: "IGNORED", result: { error: e.message } };
  }
  await settleInboundEvent(tx, inboundId, outcome);
  if (outcome.status === "PROCESSED") await tx.$executeRaw`update "SourceDocument" set status = 'PROCESSED', "processedAt" = (now() at time zone 'UTC') where id = ${documentId} and status = 'RECEIVED'`;
  return outcome;
}

/** Events that waited for this charge, handled now in the order Stripe created them. */
async function releaseWaiting(tx: Prisma.TransactionClient, chargeId: string, correlationId: string) {
  for (const waiting of await findWaitingEvents(tx, "stripe", waitingForCharge(chargeId), "PENDING")) {
    const event = stripeEventSchema.parse(JSON.parse(Buffer.from(waiting.document.content).toString("utf8")));
    await handle(tx, event, waiting.documentId, waiting.id, waiting.correlationId ?? correlationId);
  }
}

export async function receiveStripeWebhook(rawBody: string, signature: string | null, opts: { secret?: string } = {}): Promise<Answer> {
  try {
    admitOrShed("Stripe event"); // at capacity: 503 + Retry-After before any work (lib/http/admission.ts)
  } catch (e) {
    webhooksReceived.inc({ source: "stripe", outcome: "shed" });
    throw e;
  }
  try {
    const answer = await receive(rawBody, signature, opts);
    webhooksReceived.inc({ source: "stripe", outcome: answer.duplicate ? "duplicate" : answer.status.toLowerCase() });
    return answer;
  } catch (e) {
    webhooksReceived.inc({ source: "stripe", outcome: "refused" });
    throw e;
  }
}

async function receive(rawBody: string, signature: string | null, opts: { secret?: string }): Promise<Answer> {
  const secret = opts.secret ?? env().STRIPE_WEBHOOK_SECRET;
  if (!secret) throw problem(503, "Stripe webhooks are not configured here (STRIPE_WEBHOOK_SECRET is not set)");
  const event = verifyStripeEvent(rawBody, signature, secret);
  const correlationId = newCorrelationId();
  trace.getActiveSpan()?.setAttributes({ "cashline.correlation_id": correlationId, "cashline.stripe.event_id": event.id });
  const duplicate = (status: string, result: unknown): Answer => ({ received: true, eventId: event.id, type: event.type, status: status as Answer["status"], duplicate: true, result: result as Answer["result"] });
  return db.$transaction(async (tx) => {
    // Deliveries of one event queue up here in the order they arrive, so the first to arrive is the one that
    // processes it and answers duplicate:false; without the lock the later one could win the insert race.
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${`stripe:${event.id}`}, 0))`;
    // A redelivery answers with the first delivery's outcome and stores nothing (not even its bytes).
    const [seen] = await tx.$queryRaw<{ status: string; result: unknown }[]>`select status::text as status, result from "InboundEvent" where "sourceSystem" = 'stripe' and "eventId" = ${event.id}`;
    if (seen) return duplicate(seen.status, seen.result);
    const doc = await storeSourceDocument(tx, { kind: "stripe-event", sourceSystem: "stripe", content: rawBody, contentType: "application/json", filename: `${event.id}.json`, format: "stripe-event", correlationId });
    const claim = await claimInboundEvent(tx, { sourceSystem: "stripe", eventId: event.id, type: event.type, documentId: doc.id, occurredAt: unixDate(event.created), correlationId });
    if (!claim.claimed) return duplicate(claim.status, claim.result);
    const outcome = await handle(tx, event, doc.id, claim.id, correlationId);
    if (outcome.status === "PROCESSED" && outcome.chargeSeen) await releaseWaiting(tx, outcome.chargeSeen, correlationId);
    return { received: true as const, eventId: event.id, type: event.type, status: outcome.status, duplicate: false, result: outcome.result };
  }, { timeout: 30_000, maxWait: 10_000 });
}
