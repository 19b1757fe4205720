// A new version of an entity's matching policy. Versions are never edited: the old one is deactivated and kept,
// so every past decision's rule version still says which rules made it. Audited with the reason.
import type { z } from "zod";
import { db } from "../db/client.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { problem } from "../http/problem.ts";
import type { updatePolicyBody } from "./policy-schemas.ts";
import { getMatchingPolicies } from "./get-matching-policies.ts";

export async function updateMatchingPolicy(entityCode: string, body: z.infer<typeof updatePolicyBody>, actor: { id: string; email: string }) {
  const entity = await db.legalEntity.findUnique({ where: { code: entityCode } });
  if (!entity) throw problem(404, `no legal entity ${entityCode}`);
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`select id from "LegalEntity" where id = ${entity.id} for update`; // one new version at a time
    const last = await tx.matchingPolicy.findFirst({ where: { entityId: entity.id }, orderBy: { version: "desc" } });
    await tx.matchingPolicy.updateMany({ where: { entityId: entity.id, active: true }, data: { active: false } });
    const created = await tx.matchingPolicy.create({ data: { entityId: entity.id, version: (last?.version ?? 0) + 1, policy: body.override, createdBy: actor.email } });
    await writeAudit({ actorType: "user", actorId: actor.id, actorLabel: actor.email, action: "matching_policy.updated", targetType: "LegalEntity", targetId: entityCode, details: { version: created.version, override: body.override, reason: body.reason, previousVersion: last?.version ?? 0 } }, tx);
  });
  const all = await getMatchingPolicies();
  return all.items.find((p) => p.entity === entityCode)!;
}
