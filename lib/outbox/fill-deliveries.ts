// The outbox is the event log itself: for each active subscriber, events after its cursor become delivery rows
// (unique per subscriber+event, so rescanning is harmless). Event ids are allocated at insert but commit in any
// order, so the cursor only advances past events older than SETTLE_MS; newer ones are rescanned next time.
import { db } from "../db/client.ts";
import { resealSubscriberSecrets } from "./reseal-subscriber-secrets.ts";

const SETTLE_MS = 10_000;
const BATCH = 2000;

export async function fillDeliveries(now = new Date()): Promise<number> {
  await resealSubscriberSecrets();
  const subscribers = await db.webhookSubscriber.findMany({ where: { active: true, deletedAt: null } });
  let created = 0;
  for (const sub of subscribers) {
    const events = await db.workflowEvent.findMany({
      where: { id: { gt: sub.cursorEventId }, ...(sub.eventTypes.length ? { type: { in: sub.eventTypes } } : {}) },
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true, type: true, receiptId: true, recordedAt: true },
    });
    if (events.length === 0) continue;
    const result = await db.webhookDelivery.createMany({
      data: events.map((e) => ({ subscriberId: sub.id, eventId: e.id, eventType: e.type, orderingKey: e.receiptId ?? `event:${e.id}` })),
      skipDuplicates: true,
    });
    created += result.count;
    const settled = events.filter((e) => now.getTime() - e.recordedAt.getTime() > SETTLE_MS);
    const cursor = settled.at(-1)?.id ?? sub.cursorEventId;
    if (cursor > sub.cursorEventId) {
      // Never move a cursor backwards, whichever worker got here first.
      await db.webhookSubscriber.updateMany({ where: { id: sub.id, cursorEventId: { lt: cursor } }, data: { cursorEventId: cursor } });
    }
  }
  return created;
}
