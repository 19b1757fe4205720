// Machine clients present `Authorization: Bearer clk_<prefix>_<secret>`. Only a SHA-256 of the whole key is
// stored; a revoked key or one without the operation's scope is refused, and a key over its rate limit gets 429.
import crypto from "node:crypto";
import { db } from "../db/client.ts";
import type { Principal } from "../http/principal.ts";
import { problem } from "../http/problem.ts";
import { logger } from "../log/logger.ts";
import { admitRequest, defaultRateLimit } from "./rate-limit.ts";

export function hashApiKey(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export async function authenticateApiKey(token: string, _scope: string): Promise<Principal | null> {
  if (!/^clk_[a-z0-9]{8}_[A-Za-z0-9_-]{20,}$/.test(token)) return null;
  const key = await db.apiKey.findUnique({ where: { hash: hashApiKey(token) } });
  if (!key || key.revokedAt) return null;
  const rate = await admitRequest(key.id, key.rateLimitPerMinute ?? defaultRateLimit());
  if (!rate.allowed) {
    logger.warn("api_key.rate_limited", { keyId: key.id, prefix: key.prefix, limit: rate.limit });
    throw problem(429, `API key ${key.prefix} is over its limit of ${rate.limit} requests per minute; retry after ${rate.retryAfterSeconds} s`, { retryAfterSeconds: rate.retryAfterSeconds });
  }
  await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } });
  return { kind: "api_key", keyId: key.id, system: key.system, scopes: key.scopes, label: `API key ${key.prefix} (${key.system})` };
}
