// Signing secrets are sealed at rest (lib/crypto/secret-box.ts), bound to their subscriber's id: a sealed value
// copied onto another row does not open. Only the outbox opens them, to sign.
import crypto from "node:crypto";
import { secretBox } from "../crypto/secret-box.ts";

const purpose = (subscriberId: string) => `webhook_subscriber.secret:${subscriberId}`;

export const newSigningSecret = () => `whsec_${crypto.randomBytes(24).toString("base64url")}`;

export const sealSubscriberSecret = (subscriberId: string, secret: string) => secretBox().seal(secret, purpose(subscriberId));

/** The plaintext secret; a value stored before sealing existed (plain `whsec_…`) is returned as it is. */
export function openSubscriberSecret(subscriberId: string, stored: string): string {
  const box = secretBox();
  return box.isSealed(stored) ? box.open(stored, purpose(subscriberId)) : stored;
}

/** The stored value to write back when it is not sealed with the current key (plaintext or an old key), else null. */
export function resealedSubscriberSecret(subscriberId: string, stored: string): string | null {
  const box = secretBox();
  return box.needsReseal(stored) ? box.seal(openSubscriberSecret(subscriberId, stored), purpose(subscriberId)) : null;
}
