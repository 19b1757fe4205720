// A new version of an entity's matching policy. Versions are never edited: the old one is deactivated and kept,
// so every past decision's rule version still says which rules made it. Audited with the reason.
// Governance: tolerances past the hard caps (policy-guardrails.ts) are refused outright; a change that loosens
// automatic matching becomes a pending request another controller/admin approves (decide-policy-change.ts);
// a change that only tightens applies at once.
import type { z } from "zod";
import { db, type Prisma } from "../db/client.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { problem } from "../http/problem.ts";
import type { updatePolicyBody } from "./policy-schemas.ts";
import { getMatchingPolicies } from "./get-matching-policies.ts";
import { readPolicyRow, type PolicyOverride } from "./load-policies.ts";
import { capViolations, effectiveOf, loosenings } from "./policy-guardrails.ts";
import { policyChangeOf } from "./list-policy-changes.ts";

type Actor = { id: string; email: string };

/** Puts `override` in force as the next version (the entity row is locked by the caller). */
export async function putPolicyVersion(tx: Prisma.TransactionClient, entityId: string, override: PolicyOverride, createdBy: string): Promise<{ version: number; previousVersion: number }> {
  const last = await tx.matchingPolicy.findFirst({ where: { entityId }, orderBy: { version: "desc" } });
  await tx.matchingPolicy.updateMany({ where: { entityId, active: true }, data: { active: false } });
  const created = await tx.matchingPolicy.create({ data: { entityId, version: (last?.version ?? 0) + 1, policy: override, createdBy } });
  return { version: created.version, previousVersion: last?.version ?? 0 };
}

export async function policyOf(entityCode: string) {
  return (await getMatchingPolicies()).items.find((p) => p.entity === entityCode)!;
}

export async function updateMatchingPolicy(entityCode: string, body: z.infer<typeof updatePolicyBody>, actor: Actor) {
  const entity = await db.legalEntity.findUnique({ where: { code: entityCode } });
  if (!entity) throw problem(404, `no legal entity ${entityCode}`);
  const caps = capViolations(body.override);
  if (caps.length > 0) throw problem(422, `${entityCode}: ${caps.map((c) => c.message.split(":")[0]).join("; ")} — tolerances have hard caps`, { errors: caps });
  const outcome = await db.$transaction(async (tx) => {
    await tx.$queryRaw`select id from "LegalEntity" where id = ${entity.id} for update`; // one new version at a time
    const active = await tx.matchingPolicy.findFirst({ where: { entityId: entity.id, active: true }, orderBy: { version: "desc" } });
    const loose = loosenings(effectiveOf(readPolicyRow(entityCode, active ?? undefined).override), effectiveOf(body.override));
    if (loose.length > 0) {
      const change = await tx.matchingPolicyChange.create({ data: { entityId: entity.id, override: body.override, reason: body.reason, requestedById: actor.id } });
      await writeAudit({ actorType: "user", actorId: actor.id, actorLabel: actor.email, action: "matching_policy.change_requested", targetType: "MatchingPolicyChange", targetId: change.id, details: { entity: entityCode, override: body.override, reason: body.reason, loosens: loose } }, tx);
      return { kind: "pending" as const, changeId: change.id, loose };
    }
    const { version, previousVersion } = await putPolicyVersion(tx, entity.id, body.override, actor.email);
    await writeAudit({ actorType: "user", actorId: actor.id, actorLabel: actor.email, action: "matching_policy.updated", targetType: "LegalEntity", targetId: entityCode, details: { version, override: body.override, reason: body.reason, previousVersion } }, tx);
    return { kind: "applied" as const, version };
  });
  const policy = await policyOf(entityCode);
  if (outcome.kind === "applied") return { outcome: "applied" as const, message: `Version ${outcome.version} in force (${policy.ruleVersion}).`, policy, change: null };
  return {
    outcome: "pending_approval" as const, policy, change: await policyChangeOf(outcome.changeId),
    message: `This loosens automatic matching (${outcome.loose.join("; ")}): another controller or admin must approve it before it is in force.`,
  };
}
