import { db } from "../db/client.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { problem } from "../http/problem.ts";

export async function revokeApiKey(id: string, actor: { id: string; email: string }) {
  return db.$transaction(async (tx) => {
    const key = await tx.apiKey.findUnique({ where: { id } });
    if (!key) throw problem(404, `API key ${id} not found`);
    if (key.revokedAt) return { id, revokedAt: key.revokedAt.toISOString() };
    const updated = await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    await writeAudit({ actorType: "user", actorId: actor.id, actorLabel: actor.email, action: "api_key.revoked", targetType: "ApiKey", targetId: id, details: { prefix: key.prefix } }, tx);
    return { id, revokedAt: updated.revokedAt!.toISOString() };
  });
}
