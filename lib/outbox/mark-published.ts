// A posted receipt is "published" once every active subscriber has acknowledged its receipt.posted event (at
// once, when nobody subscribes). The transition is idempotent: a receipt that moved on is left alone.
import { db } from "../db/client.ts";
import { transitionReceipt } from "../workflow/transition-receipt.ts";

/** Active subscribers that receive receipt.posted (an empty event list means every event). */
export async function postedSubscribers(): Promise<{ id: string }[]> {
  const subscribers = await db.webhookSubscriber.findMany({ where: { active: true, deletedAt: null }, select: { id: true, eventTypes: true } });
  return subscribers.filter((s) => s.eventTypes.length === 0 || s.eventTypes.includes("receipt.posted"));
}

export async function markPublishedIfDelivered(eventId: bigint, receiptId: string, correlationId?: string | null): Promise<boolean> {
  const interested = await postedSubscribers();
  if (interested.length) {
    const delivered = await db.webhookDelivery.count({ where: { eventId, status: "DELIVERED", subscriberId: { in: interested.map((s) => s.id) } } });
    if (delivered < interested.length) return false;
  }
  try {
    await db.$transaction(async (tx) => {
      const r = await tx.receipt.findUniqueOrThrow({ where: { id: receiptId }, select: { state: true } });
      if (r.state !== "POSTED") return;
      await transitionReceipt(tx, { receiptId, from: "POSTED", to: "PUBLISHED", eventType: "receipt.published", correlationId, payload: { subscribers: interested.length } });
    });
    return true;
  } catch (err) {
    if ((err as { problem?: { status: number } }).problem?.status === 409) return false; // someone else published it
    throw err;
  }
}
