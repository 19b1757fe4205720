// Brings every stored signing secret under the current encryption key: plaintext secrets from before sealing
// existed, and secrets sealed with a key now in CASHLINE_ENCRYPTION_OLD_KEYS. Run with each outbox fill, so a
// key rotation completes by itself within a polling interval; the old key can then be removed.
import { db } from "../db/client.ts";
import { resealedSubscriberSecret } from "./subscriber-secret.ts";

export async function resealSubscriberSecrets(): Promise<number> {
  const subs = await db.webhookSubscriber.findMany({ select: { id: true, secret: true } });
  let resealed = 0;
  for (const s of subs) {
    const next = resealedSubscriberSecret(s.id, s.secret);
    if (!next) continue;
    // Only if nobody rotated it meanwhile.
    const r = await db.webhookSubscriber.updateMany({ where: { id: s.id, secret: s.secret }, data: { secret: next } });
    resealed += r.count;
  }
  return resealed;
}
