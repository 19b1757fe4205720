import type { z } from "zod";
import { db } from "../db/client.ts";
import { newId } from "../db/new-id.ts";
import { writeAudit } from "../audit/write-audit.ts";
import type { createSubscriberBody } from "./schemas.ts";
import { checkSubscriberUrl } from "./check-subscriber-url.ts";
import { newSigningSecret, sealSubscriberSecret } from "./subscriber-secret.ts";

export async function createSubscriber(input: z.infer<typeof createSubscriberBody>, actor: { id: string; email: string }) {
  await checkSubscriberUrl(input.url);
  const id = newId();
  const secret = newSigningSecret();
  // New subscribers start from now: they receive events recorded after registration, not the whole history.
  const last = await db.workflowEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  return db.$transaction(async (tx) => {
    const sub = await tx.webhookSubscriber.create({ data: { id, name: input.name, url: input.url, eventTypes: input.eventTypes, secret: sealSubscriberSecret(id, secret), cursorEventId: last?.id ?? 0n, createdById: actor.id } });
    await writeAudit({ actorType: "user", actorId: actor.id, actorLabel: actor.email, action: "webhook_subscriber.created", targetType: "WebhookSubscriber", targetId: sub.id, details: { name: sub.name, url: sub.url, eventTypes: sub.eventTypes } }, tx);
    return { id: sub.id, name: sub.name, url: sub.url, eventTypes: sub.eventTypes, active: sub.active, createdAt: sub.createdAt.toISOString(), secretRotatedAt: null, pending: 0, delivered: 0, dead: 0, secret };
  });
}
