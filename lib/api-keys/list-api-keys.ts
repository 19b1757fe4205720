import { db } from "../db/client.ts";
import { defaultRateLimit } from "./rate-limit.ts";

export async function listApiKeys() {
  const keys = await db.apiKey.findMany({ orderBy: { createdAt: "desc" } });
  return {
    items: keys.map((k) => ({
      id: k.id, name: k.name, system: k.system, prefix: k.prefix, scopes: k.scopes, createdAt: k.createdAt.toISOString(),
      revokedAt: k.revokedAt?.toISOString() ?? null, lastUsedAt: k.lastUsedAt?.toISOString() ?? null, rateLimitPerMinute: k.rateLimitPerMinute ?? defaultRateLimit(),
    })),
  };
}
