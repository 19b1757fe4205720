// Delivers due webhook deliveries: in event order per receipt (a delivery waits while an earlier one for the same
// receipt and subscriber is still pending), signed, with exponential backoff, dead after MAX_ATTEMPTS. A delivery
// is claimed with a short lease (nextAttemptAt pushed out) so several workers never send the same one at once,
// and no transaction stays open during the HTTP call. Destinations are checked on every attempt (post-webhook.ts);
// a failure is stored as a generic class, never the raw network error.
import { db } from "../db/client.ts";
import { logger } from "../log/logger.ts";
import { signWebhook, SIGNATURE_HEADER } from "./sign-webhook.ts";
import { markPublishedIfDelivered } from "./mark-published.ts";
import { postWebhook, type PostOptions } from "./post-webhook.ts";
import { openSubscriberSecret } from "./subscriber-secret.ts";

export const MAX_ATTEMPTS = 12;
const LEASE_MS = 30_000;
const TIMEOUT_MS = 10_000;

/** The headers of a signed webhook: the receiver verifies Cashline-Signature over "<t>.<raw body>". */
export function webhookHeaders(secret: string, body: string, eventId: string, eventType: string): Record<string, string> {
  return { "content-type": "application/json", [SIGNATURE_HEADER]: signWebhook(secret, body, Math.floor(Date.now() / 1000)), "cashline-event-id": eventId, "cashline-event-type": eventType };
}

export function backoffMs(attempts: number): number {
  return Math.min(10 * 60_000, 1000 * 2 ** Math.max(0, attempts - 1));
}

type Claimed = { id: string; subscriberId: string; eventId: bigint; attempts: number };

async function claimDue(limit: number): Promise<Claimed[]> {
  return db.$queryRaw<Claimed[]>`
    with due as (
      select d.id from "WebhookDelivery" d
      where d.status = 'PENDING' and d."nextAttemptAt" <= now()
        and exists (select 1 from "WebhookSubscriber" s where s.id = d."subscriberId" and s.active and s."deletedAt" is null)
        and not exists (select 1 from "WebhookDelivery" e where e."subscriberId" = d."subscriberId"
                        and e."orderingKey" = d."orderingKey" and e."eventId" < d."eventId" and e.status = 'PENDING')
      order by d."eventId" limit ${limit} for update skip locked)
    update "WebhookDelivery" w set "nextAttemptAt" = now() + make_interval(secs => ${LEASE_MS / 1000}), attempts = w.attempts + 1
    from due where w.id = due.id
    returning w.id, w."subscriberId", w."eventId", w.attempts`;
}

export async function deliverPending(limit = 50, opts: PostOptions = {}): Promise<{ delivered: number; failed: number }> {
  const claimed = await claimDue(limit);
  let delivered = 0, failed = 0;
  // One receipt's events go in order; different receipts may go in parallel.
  await Promise.all(claimed.map(async (c) => ((await deliverOne(c, opts)) ? delivered++ : failed++)));
  return { delivered, failed };
}

async function deliverOne(c: Claimed, opts: PostOptions): Promise<boolean> {
  const [sub, event] = await Promise.all([
    db.webhookSubscriber.findUniqueOrThrow({ where: { id: c.subscriberId } }),
    db.workflowEvent.findUniqueOrThrow({ where: { id: c.eventId } }),
  ]);
  const body = JSON.stringify({
    id: String(event.id), type: event.type, schema_version: event.schemaVersion, occurred_at: event.occurredAt.toISOString(),
    recorded_at: event.recordedAt.toISOString(), receipt_id: event.receiptId, invoice_id: event.invoiceId, entity_id: event.entityId,
    business_keys: event.businessKeys, source: { system: event.sourceSystem, id: event.sourceId }, correlation_id: event.correlationId,
    from_state: event.fromState, to_state: event.toState, posting_status: event.postingStatus, exception_code: event.exceptionCode, data: event.payload,
  });
  const result = await postWebhook(sub.url, webhookHeaders(openSubscriberSecret(sub.id, sub.secret), body, String(event.id), event.type), body, { timeoutMs: TIMEOUT_MS, ...opts });
  const status = result.status;
  const error = result.ok ? null : result.error;
  if (!error) {
    await db.webhookDelivery.update({ where: { id: c.id }, data: { status: "DELIVERED", deliveredAt: new Date(), lastStatusCode: status, lastError: null } });
    if (event.type === "receipt.posted" && event.receiptId) await markPublishedIfDelivered(event.id, event.receiptId);
    return true;
  }
  const dead = c.attempts >= MAX_ATTEMPTS;
  await db.webhookDelivery.update({
    where: { id: c.id },
    data: { status: dead ? "DEAD" : "PENDING", lastStatusCode: status, lastError: error, nextAttemptAt: new Date(Date.now() + backoffMs(c.attempts)) },
  });
  logger.warn("webhook.delivery_failed", { delivery: c.id, subscriber: sub.name, attempts: c.attempts, dead, error });
  return false;
}
