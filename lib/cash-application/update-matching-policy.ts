// A change to an entity's matching policy is a DRAFT with an author and a reason, never live until approved: its
// backtest shows what it would have done on history (backtest-policy-change.ts) and a second controller/admin
// approves it (decide-policy-change.ts), which puts it in force as a new version. Versions are never edited: the
// old one is deactivated and kept, so every past decision's rule version still says which rules made it. Changes
// past the hard caps (policy-guardrails.ts) are refused outright, even as drafts.
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
  const change = await db.$transaction(async (tx) => {
    const active = await tx.matchingPolicy.findFirst({ where: { entityId: entity.id, active: true }, orderBy: { version: "desc" } });
    const loose = loosenings(effectiveOf(readPolicyRow(entityCode, active ?? undefined).override), effectiveOf(body.override));
    const created = await tx.matchingPolicyChange.create({ data: { entityId: entity.id, override: body.override, reason: body.reason, requestedById: actor.id } });
    await writeAudit({ actorType: "user", actorId: actor.id, actorLabel: actor.email, action: "matching_policy.change_requested", targetType: "MatchingPolicyChange", targetId: created.id, details: { entity: entityCode, override: body.override, reason: body.reason, loosens: loose, baseVersion: active?.version ?? 0 } }, tx);
    return { id: created.id, loose };
  });
  return {
    outcome: "pending_approval" as const, policy: await policyOf(entityCode), change: await policyChangeOf(change.id),
    message: `Draft saved${change.loose.length ? ` (it loosens automatic matching: ${change.loose.join("; ")})` : ""}. Run its backtest; then another controller or admin approves it before it is in force.`,
  };
}
