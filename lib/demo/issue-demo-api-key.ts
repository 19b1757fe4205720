// The demo's simulators call the API with keys like any machine client. Each start issues a new key and revokes
// the ones earlier starts issued under the same name: a demo left running for months never accumulates live keys.
import { getDb } from "../db/client.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { createApiKey } from "../api-keys/create-api-key.ts";

export async function issueDemoApiKey(input: { name: string; system: string; scopes: string[] }) {
  const db = getDb();
  const stale = await db.apiKey.findMany({ where: { name: input.name, revokedAt: null }, select: { id: true, prefix: true } });
  if (stale.length) {
    await db.$transaction(async (tx) => {
      await tx.apiKey.updateMany({ where: { id: { in: stale.map((k) => k.id) } }, data: { revokedAt: new Date() } });
      for (const key of stale) {
        await writeAudit({ actorType: "system", action: "api_key.revoked", targetType: "ApiKey", targetId: key.id, details: { prefix: key.prefix, reason: "replaced at demo start" } }, tx);
      }
    });
  }
  return { ...(await createApiKey({ ...input, createdById: null })), revoked: stale.length };
}
