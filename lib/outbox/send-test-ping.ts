// "Send test": one signed webhook.ping to the subscriber now, under the same destination policy as deliveries,
// answered with the generic outcome (status code or failure class) and audited.
import crypto from "node:crypto";
import { db } from "../db/client.ts";
import { problem } from "../http/problem.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { webhookHeaders } from "./deliver-pending.ts";
import { PING_EVENT_TYPE } from "./event-types.ts";
import { postWebhook, type PostOptions } from "./post-webhook.ts";
import { openSubscriberSecret } from "./subscriber-secret.ts";

export async function sendTestPing(id: string, actor: { id: string; email: string }, opts: PostOptions = {}) {
  const sub = await db.webhookSubscriber.findFirst({ where: { id, deletedAt: null } });
  if (!sub) throw problem(404, `no webhook subscriber ${id}`);
  const pingId = `ping_${crypto.randomBytes(8).toString("hex")}`;
  const body = JSON.stringify({ id: pingId, type: PING_EVENT_TYPE, occurred_at: new Date().toISOString(), data: { subscriber: sub.name } });
  const result = await postWebhook(sub.url, webhookHeaders(openSubscriberSecret(sub.id, sub.secret), body, pingId, PING_EVENT_TYPE), body, opts);
  const outcome = { ok: result.ok, status: result.status, error: result.ok ? null : result.error };
  await writeAudit({ actorType: "user", actorId: actor.id, actorLabel: actor.email, action: "webhook_subscriber.tested", targetType: "WebhookSubscriber", targetId: id, details: outcome });
  return outcome;
}
