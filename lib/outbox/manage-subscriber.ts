// An admin's actions on a subscriber: pause/resume, delete, rotate the signing secret. Each is audited in the
// transaction that makes it. Paused subscribers keep their cursor: events recorded while paused are delivered,
// in order, after resuming. A deleted subscriber's pending deliveries are closed (DEAD, "subscriber_deleted").
import { db, type Prisma } from "../db/client.ts";
import { problem } from "../http/problem.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { newSigningSecret, sealSubscriberSecret } from "./subscriber-secret.ts";

type Actor = { id: string; email: string };

async function lockLive(tx: Prisma.TransactionClient, id: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`select id from "WebhookSubscriber" where id = ${id} and "deletedAt" is null for update`;
  if (!rows.length) throw problem(404, `no webhook subscriber ${id}`);
  return tx.webhookSubscriber.findUniqueOrThrow({ where: { id } });
}

const audit = (tx: Prisma.TransactionClient, actor: Actor, action: string, id: string, details: Record<string, unknown>) =>
  writeAudit({ actorType: "user", actorId: actor.id, actorLabel: actor.email, action, targetType: "WebhookSubscriber", targetId: id, details }, tx);

export async function setSubscriberActive(id: string, active: boolean, actor: Actor) {
  return db.$transaction(async (tx) => {
    const sub = await lockLive(tx, id);
    if (sub.active !== active) {
      await tx.webhookSubscriber.update({ where: { id }, data: { active } });
      await audit(tx, actor, active ? "webhook_subscriber.resumed" : "webhook_subscriber.paused", id, { name: sub.name });
    }
    return { id, active };
  });
}

export async function deleteSubscriber(id: string, actor: Actor) {
  return db.$transaction(async (tx) => {
    const sub = await lockLive(tx, id);
    await tx.webhookSubscriber.update({ where: { id }, data: { deletedAt: new Date(), active: false } });
    const closed = await tx.webhookDelivery.updateMany({ where: { subscriberId: id, status: "PENDING" }, data: { status: "DEAD", lastError: "subscriber_deleted" } });
    await audit(tx, actor, "webhook_subscriber.deleted", id, { name: sub.name, url: sub.url, pendingClosed: closed.count });
    return { id, deleted: true };
  });
}

export async function rotateSubscriberSecret(id: string, actor: Actor) {
  const secret = newSigningSecret();
  return db.$transaction(async (tx) => {
    const sub = await lockLive(tx, id);
    const at = new Date();
    await tx.webhookSubscriber.update({ where: { id }, data: { secret: sealSubscriberSecret(id, secret), secretRotatedAt: at } });
    await audit(tx, actor, "webhook_subscriber.secret_rotated", id, { name: sub.name });
    return { id, secret, secretRotatedAt: at.toISOString() };
  });
}
