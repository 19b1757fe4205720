// Secrets at rest (webhook signing secrets, ERP credentials): AES-256-GCM with a key from the environment.
// A sealed value is text: `sb1.<key id>.<iv>.<ciphertext>.<tag>` (base64url parts). The key id is derived from
// the key itself (first 8 hex of its SHA-256), so rotating means: set the new key as CASHLINE_ENCRYPTION_KEY,
// move the old one to CASHLINE_ENCRYPTION_OLD_KEYS, reseal (`needsReseal` tells which values), drop the old key.
// `purpose` is bound as associated data: a value sealed for one purpose (or row) never opens as another.
import crypto from "node:crypto";
import { env } from "../env.ts";

const VERSION = "sb1";

export class SecretBoxError extends Error {}

export type SecretBox = {
  seal(plaintext: string, purpose: string): string;
  open(sealed: string, purpose: string): string;
  /** True for values not sealed with the current key (or not sealed at all): reseal them. */
  needsReseal(value: string): boolean;
  isSealed(value: string): boolean;
  currentKeyId: string;
};

function decodeKey(b64: string, name: string): Buffer {
  const key = Buffer.from(b64.trim(), "base64");
  if (key.length !== 32) throw new SecretBoxError(`${name} must be base64 of exactly 32 bytes (got ${key.length}); generate one with: openssl rand -base64 32`);
  return key;
}

export const keyId = (key: Buffer) => crypto.createHash("sha256").update(key).digest("hex").slice(0, 8);

export function createSecretBox(currentB64: string, oldB64: string[] = []): SecretBox {
  const current = decodeKey(currentB64, "CASHLINE_ENCRYPTION_KEY");
  const keys = new Map<string, Buffer>([[keyId(current), current]]);
  for (const old of oldB64.filter((k) => k.trim())) {
    const k = decodeKey(old, "CASHLINE_ENCRYPTION_OLD_KEYS");
    if (!keys.has(keyId(k))) keys.set(keyId(k), k);
  }
  const currentKeyId = keyId(current);
  const isSealed = (v: string) => v.startsWith(`${VERSION}.`) && v.split(".").length === 5;
  return {
    currentKeyId,
    isSealed,
    seal(plaintext, purpose) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv("aes-256-gcm", current, iv);
      cipher.setAAD(Buffer.from(purpose, "utf8"));
      const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return [VERSION, currentKeyId, iv.toString("base64url"), ct.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
    },
    open(sealed, purpose) {
      if (!isSealed(sealed)) throw new SecretBoxError("value is not a sealed secret");
      const [, kid, iv, ct, tag] = sealed.split(".") as [string, string, string, string, string];
      const key = keys.get(kid);
      if (!key) throw new SecretBoxError(`secret was sealed with key ${kid}, which is neither CASHLINE_ENCRYPTION_KEY nor in CASHLINE_ENCRYPTION_OLD_KEYS`);
      try {
        const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
        decipher.setAAD(Buffer.from(purpose, "utf8"));
        decipher.setAuthTag(Buffer.from(tag, "base64url"));
        return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
      } catch {
        throw new SecretBoxError("sealed secret failed authentication (tampered, or sealed for another purpose)");
      }
    },
    needsReseal: (v) => !isSealed(v) || v.split(".")[1] !== currentKeyId,
  };
}

let cached: { from: string; box: SecretBox } | undefined;

/** The process's secret box, from CASHLINE_ENCRYPTION_KEY (+ _OLD_KEYS). Throws a clear error when unset. */
export function secretBox(): SecretBox {
  const e = env();
  const current = e.CASHLINE_ENCRYPTION_KEY;
  if (!current) throw new SecretBoxError("CASHLINE_ENCRYPTION_KEY is not set: secrets cannot be sealed or opened (base64 of 32 bytes: openssl rand -base64 32)");
  const from = `${current}|${e.CASHLINE_ENCRYPTION_OLD_KEYS ?? ""}`;
  if (cached?.from !== from) cached = { from, box: createSecretBox(current, (e.CASHLINE_ENCRYPTION_OLD_KEYS ?? "").split(",")) };
  return cached.box;
}
