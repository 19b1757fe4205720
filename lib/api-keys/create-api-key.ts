// Issues a key for a machine client; the clear-text key is returned once and never stored.
import crypto from "node:crypto";
import { db } from "../db/client.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { hashApiKey } from "./authenticate-api-key.ts";

export const API_SCOPES = ["billing:events", "bank:statements", "replays", "remittance:write"] as const;

export async function createApiKey(input: { name: string; system: string; scopes: string[]; createdById: string | null; rateLimitPerMinute?: number }) {
  const prefix = crypto.randomBytes(4).toString("hex");
  const token = `clk_${prefix}_${crypto.randomBytes(24).toString("base64url")}`;
  const key = await db.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: { name: input.name, system: input.system, scopes: input.scopes, prefix, hash: hashApiKey(token), createdById: input.createdById, rateLimitPerMinute: input.rateLimitPerMinute ?? null },
    });
    await writeAudit({ actorType: input.createdById ? "user" : "system", actorId: input.createdById, action: "api_key.created", targetType: "ApiKey", targetId: created.id, details: { name: input.name, system: input.system, scopes: input.scopes, rateLimitPerMinute: input.rateLimitPerMinute ?? null } }, tx);
    return created;
  });
  return { id: key.id, prefix, token };
}
