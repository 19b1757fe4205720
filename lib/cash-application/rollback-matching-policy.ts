// One click back: the version before the live one is put in force again as a NEW version (history is never
// rewritten, so decisions keep naming the version that made them). Only to a version that was itself in force —
// approved before — so no second person is needed to go back; audited with the reason.
import type { z } from "zod";
import { db } from "../db/client.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { problem } from "../http/problem.ts";
import type { rollbackPolicyBody } from "./policy-schemas.ts";
import { readPolicyRow } from "./load-policies.ts";
import { policyOf, putPolicyVersion } from "./update-matching-policy.ts";
import { clearLiveIndexes } from "./live-index.ts";

export async function rollbackMatchingPolicy(entityCode: string, body: z.infer<typeof rollbackPolicyBody>, actor: { id: string; email: string }) {
  const entity = await db.legalEntity.findUnique({ where: { code: entityCode } });
  if (!entity) throw problem(404, `no legal entity ${entityCode}`);
  const result = await db.$transaction(async (tx) => {
    await tx.$queryRaw`select id from "LegalEntity" where id = ${entity.id} for update`;
    const active = await tx.matchingPolicy.findFirst({ where: { entityId: entity.id, active: true }, orderBy: { version: "desc" } });
    if (!active) throw problem(409, `${entityCode} runs the built-in default: there is no earlier version to go back to`);
    const previous = await tx.matchingPolicy.findFirst({ where: { entityId: entity.id, version: { lt: active.version } }, orderBy: { version: "desc" } });
    const override = previous ? readPolicyRow(entityCode, previous).override : {};
    const { version } = await putPolicyVersion(tx, entity.id, override, actor.email);
    await writeAudit({
      actorType: "user", actorId: actor.id, actorLabel: actor.email, action: "matching_policy.rolled_back", targetType: "LegalEntity", targetId: entityCode,
      details: { from: active.version, restored: previous?.version ?? 0, version, override, reason: body.reason },
    }, tx);
    return { from: active.version, restored: previous?.version ?? 0, version };
  });
  clearLiveIndexes();
  return { outcome: "applied" as const, policy: await policyOf(entityCode), change: null, message: `Rolled back: version ${result.version} puts version ${result.restored}'s rules in force again (was version ${result.from}).` };
}
