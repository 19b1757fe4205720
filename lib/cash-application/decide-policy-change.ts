// The second person on a matching-policy change that loosens automatic matching: a different controller or admin
// approves (the change becomes the next version, re-checked against the hard caps) or rejects it; its requester
// may withdraw it. Audited in the same transaction.
import type { z } from "zod";
import { db } from "../db/client.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { problem } from "../http/problem.ts";
import type { decidePolicyChangeBody } from "./policy-schemas.ts";
import { readPolicyRow } from "./load-policies.ts";
import { capViolations } from "./policy-guardrails.ts";
import { policyChangeOf } from "./list-policy-changes.ts";
import { policyOf, putPolicyVersion } from "./update-matching-policy.ts";

export async function decidePolicyChange(id: string, decision: "approve" | "reject", body: z.infer<typeof decidePolicyChangeBody>, actor: { id: string; email: string }) {
  const found = await db.matchingPolicyChange.findUnique({ where: { id } });
  if (!found) throw problem(404, `policy change ${id} not found`);
  const entity = await db.legalEntity.findUniqueOrThrow({ where: { id: found.entityId } });
  const status = await db.$transaction(async (tx) => {
    await tx.$queryRaw`select id from "LegalEntity" where id = ${entity.id} for update`;
    const change = await tx.matchingPolicyChange.findUniqueOrThrow({ where: { id } });
    if (change.status !== "PENDING") throw problem(409, `this policy change was already ${change.status.toLowerCase()}`);
    const own = change.requestedById === actor.id;
    if (decision === "approve" && own) throw problem(403, "You asked for this change: a second person must approve it.");
    const next = decision === "approve" ? "APPROVED" : own ? "WITHDRAWN" : "REJECTED";
    let version: number | null = null;
    if (next === "APPROVED") {
      const override = readPolicyRow(entity.code, { version: 0, policy: change.override }).override;
      const caps = capViolations(override);
      if (caps.length > 0) throw problem(422, `${entity.code}: the change goes past a hard cap and cannot be approved`, { errors: caps });
      version = (await putPolicyVersion(tx, entity.id, override, actor.email)).version;
    }
    await tx.matchingPolicyChange.update({ where: { id }, data: { status: next, decidedById: actor.id, decidedAt: new Date(), decisionNote: body.note ?? null, version } });
    await writeAudit({
      actorType: "user", actorId: actor.id, actorLabel: actor.email, action: `matching_policy.change_${next.toLowerCase()}`, targetType: "MatchingPolicyChange", targetId: id,
      details: { entity: entity.code, requestedById: change.requestedById, override: change.override, reason: change.reason, note: body.note ?? null, version },
    }, tx);
    return next;
  });
  const policy = await policyOf(entity.code);
  const outcome = status === "APPROVED" ? "approved" as const : status === "WITHDRAWN" ? "withdrawn" as const : "rejected" as const;
  return { outcome, policy, change: await policyChangeOf(id), message: status === "APPROVED" ? `Approved: version ${policy.version} in force.` : `Change ${outcome}.` };
}
