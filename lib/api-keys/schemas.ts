import { z } from "zod";
import { API_SCOPES } from "./create-api-key.ts";

export const createApiKeyBody = z.object({
  name: z.string().trim().min(1).max(80),
  system: z.string().trim().min(1).max(40).describe("the outside system this key belongs to, e.g. billing, stripe, bank"),
  scopes: z.array(z.enum(API_SCOPES)).min(1),
  rateLimitPerMinute: z.number().int().min(1).max(100_000).optional().describe("requests per minute; default API_KEY_RATE_LIMIT (600)"),
});
export const createApiKeyResponse = z.object({ id: z.string(), prefix: z.string(), token: z.string().describe("shown once; store it now") });
export const apiKeyRow = z.object({
  id: z.string(), name: z.string(), system: z.string(), prefix: z.string(), scopes: z.array(z.string()),
  createdAt: z.string(), revokedAt: z.string().nullable(), lastUsedAt: z.string().nullable(), rateLimitPerMinute: z.number().int(),
});
export const listApiKeysResponse = z.object({ items: z.array(apiKeyRow) });
export const apiKeyParams = z.object({ id: z.string().min(1).max(64) });
