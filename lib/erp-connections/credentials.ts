// An ERP connection's credentials at rest: one JSON object sealed with the secret box (lib/crypto/secret-box.ts),
// bound to the entity's id, so a sealed value copied onto another entity's row does not open. Write-only: nothing
// returns them to a person; only the adapter the pipeline builds opens them. A keyed fingerprint (HMAC under a key
// derived from CASHLINE_ENCRYPTION_KEY) lets an admin tell two credential sets apart without revealing either.
import crypto from "node:crypto";
import { secretBox } from "../crypto/secret-box.ts";
import { env } from "../env.ts";

const purpose = (entityId: string) => `erp_connection.credentials:${entityId}`;

export type SealedCredentials = { sealed: string; keyId: string; fields: string[]; fingerprint: string };

/** Canonical JSON (sorted keys): the same set always gives the same fingerprint. */
const canonical = (c: Record<string, string>) => JSON.stringify(Object.keys(c).sort().map((k) => [k, c[k]]));

export function credentialsFingerprint(credentials: Record<string, string>): string {
  const key = crypto.createHash("sha256").update(`cashline-erp-credentials-fingerprint:${env().CASHLINE_ENCRYPTION_KEY ?? ""}`).digest();
  return `fp_${crypto.createHmac("sha256", key).update(canonical(credentials)).digest("hex").slice(0, 16)}`;
}

export function sealCredentials(entityId: string, credentials: Record<string, string>): SealedCredentials {
  const box = secretBox();
  return { sealed: box.seal(JSON.stringify(credentials), purpose(entityId)), keyId: box.currentKeyId, fields: Object.keys(credentials).sort(), fingerprint: credentialsFingerprint(credentials) };
}

export function openCredentials(entityId: string, sealed: string | null): Record<string, string> {
  if (!sealed) return {};
  return JSON.parse(secretBox().open(sealed, purpose(entityId))) as Record<string, string>;
}

/** The value to write back when it is not sealed with the current key (an old key), else null. */
export function resealedCredentials(entityId: string, sealed: string): { sealed: string; keyId: string } | null {
  const box = secretBox();
  if (!box.needsReseal(sealed)) return null;
  return { sealed: box.seal(JSON.stringify(openCredentials(entityId, sealed)), purpose(entityId)), keyId: box.currentKeyId };
}
