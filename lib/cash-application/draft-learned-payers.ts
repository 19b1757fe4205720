// Learned payers go through the same governed path as rules: the identities proposed from analysts' manual
// applications (lib/exceptions/learn-payer.ts) — and any a controller wants revoked — are gathered per entity into
// ONE draft, backtested and approved by a second person before they count. Never silently.
import type { z } from "zod";
import { db } from "../db/client.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { problem } from "../http/problem.ts";
import type { learnedPayersDraftBody } from "./policy-schemas.ts";
import { policyChangeOf } from "./list-policy-changes.ts";
import { policyOf } from "./update-matching-policy.ts";

export async function draftLearnedPayers(body: z.infer<typeof learnedPayersDraftBody>, actor: { id: string; email: string }) {
  const entity = await db.legalEntity.findUnique({ where: { code: body.entity } });
  if (!entity) throw problem(404, `no legal entity ${body.entity}`);
  const changeId = await db.$transaction(async (tx) => {
    await tx.$queryRaw`select id from "LegalEntity" where id = ${entity.id} for update`;
    const proposals = await tx.learnedPayer.findMany({
      where: { customer: { entityId: entity.id }, activatedAt: null, revokedAt: null, proposalChangeId: null }, select: { id: true }, orderBy: { createdAt: "asc" },
    });
    const revoke = body.revoke.length
      ? (await tx.learnedPayer.findMany({ where: { id: { in: body.revoke }, customer: { entityId: entity.id }, revokedAt: null, activatedAt: { not: null } }, select: { id: true } })).map((l) => l.id)
      : [];
    if (revoke.length !== body.revoke.length) throw problem(422, `some identities to revoke are not active learned payers of ${body.entity}`);
    if (proposals.length === 0 && revoke.length === 0) throw problem(409, `no proposed payer identities waiting in ${body.entity}, and none to revoke`);
    const active = await tx.matchingPolicy.findFirst({ where: { entityId: entity.id, active: true }, orderBy: { version: "desc" } });
    const learnedPayers = { add: proposals.map((p) => p.id), revoke };
    const change = await tx.matchingPolicyChange.create({
      data: { entityId: entity.id, kind: "LEARNED_PAYERS", override: (active?.policy ?? {}) as object, learnedPayers, reason: body.reason, requestedById: actor.id },
    });
    await tx.learnedPayer.updateMany({ where: { id: { in: learnedPayers.add } }, data: { proposalChangeId: change.id } });
    await writeAudit({ actorType: "user", actorId: actor.id, actorLabel: actor.email, action: "matching_policy.learned_payers_drafted", targetType: "MatchingPolicyChange", targetId: change.id, details: { entity: body.entity, ...learnedPayers, reason: body.reason } }, tx);
    return change.id;
  });
  const change = await policyChangeOf(changeId);
  return { outcome: "pending_approval" as const, policy: await policyOf(body.entity), change, message: `Draft of ${change.learnedPayers?.add.length ?? 0} payer identities to learn and ${change.learnedPayers?.revoke.length ?? 0} to revoke: run its backtest, then a second person approves.` };
}
