// The second person on a draft: a different controller or admin approves it — only after a finished backtest
// against today's live version, whose figures the approval records — or rejects it with a comment; its author may
// withdraw it. Approving a policy draft puts it in force as the next version (re-checked against the hard caps);
// approving a learned-payers draft makes its proposed identities count (and revokes those it names). Audited in
// the same transaction.
import type { z } from "zod";
import { db, type Prisma } from "../db/client.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { problem } from "../http/problem.ts";
import type { decidePolicyChangeBody } from "./policy-schemas.ts";
import { readPolicyRow } from "./load-policies.ts";
import { capViolations } from "./policy-guardrails.ts";
import { policyChangeOf } from "./list-policy-changes.ts";
import { policyOf, putPolicyVersion } from "./update-matching-policy.ts";
import { learnedPayersDraftSchema } from "./backtest-policy-change.ts";
import { clearLiveIndexes } from "./live-index.ts";

type Tx = Prisma.TransactionClient;
type Change = NonNullable<Awaited<ReturnType<typeof db.matchingPolicyChange.findUnique>>>;

/** The backtest an approval relies on: the draft's latest, finished, and run against the version live now. */
async function backtestForApproval(tx: Tx, change: Change) {
  const latest = await tx.policyBacktest.findFirst({ where: { changeId: change.id }, orderBy: { startedAt: "desc" } });
  if (!latest || latest.status !== "DONE") throw problem(409, "Run this draft's backtest first: an approval records what the draft would have done on history.");
  const live = (await tx.matchingPolicy.findFirst({ where: { entityId: change.entityId, active: true }, orderBy: { version: "desc" } }))?.version ?? 0;
  if (latest.liveVersion !== live) throw problem(409, `The live policy changed since this backtest (version ${latest.liveVersion} → ${live}): run the backtest again.`);
  return latest;
}

async function activateLearnedPayers(tx: Tx, change: Change, actorId: string) {
  const ids = learnedPayersDraftSchema.parse(change.learnedPayers ?? { add: [], revoke: [] });
  const now = new Date();
  const added = await tx.learnedPayer.updateMany({ where: { id: { in: ids.add }, revokedAt: null, activatedAt: null }, data: { activatedAt: now } });
  const revoked = await tx.learnedPayer.updateMany({ where: { id: { in: ids.revoke }, revokedAt: null }, data: { revokedAt: now, revokedById: actorId } });
  return { activated: added.count, revoked: revoked.count };
}

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
    let backtest: { id: string; summary: unknown } | null = null;
    let learned: { activated: number; revoked: number } | null = null;
    if (next === "APPROVED") {
      backtest = await backtestForApproval(tx, change);
      if (change.kind === "LEARNED_PAYERS") {
        learned = await activateLearnedPayers(tx, change, actor.id);
      } else {
        const override = readPolicyRow(entity.code, { version: 0, policy: change.override }).override;
        const caps = capViolations(override);
        if (caps.length > 0) throw problem(422, `${entity.code}: the change goes past a hard cap and cannot be approved`, { errors: caps });
        version = (await putPolicyVersion(tx, entity.id, override, actor.email)).version;
      }
    } else if (change.kind === "LEARNED_PAYERS") {
      // A rejected batch's proposals never count; a withdrawn one's go back to the pool for the next batch.
      const ids = learnedPayersDraftSchema.parse(change.learnedPayers ?? { add: [], revoke: [] });
      await tx.learnedPayer.updateMany({
        where: { id: { in: ids.add }, activatedAt: null },
        data: next === "REJECTED" ? { revokedAt: new Date(), revokedById: actor.id } : { proposalChangeId: null },
      });
    }
    await tx.matchingPolicyChange.update({
      where: { id },
      data: { status: next, decidedById: actor.id, decidedAt: new Date(), decisionNote: body.note ?? null, version, backtestId: backtest?.id ?? null, backtest: (backtest?.summary ?? undefined) as Prisma.InputJsonValue | undefined },
    });
    await writeAudit({
      actorType: "user", actorId: actor.id, actorLabel: actor.email, action: `matching_policy.change_${next.toLowerCase()}`, targetType: "MatchingPolicyChange", targetId: id,
      details: { entity: entity.code, kind: change.kind, requestedById: change.requestedById, override: change.override, learnedPayers: change.learnedPayers, reason: change.reason, note: body.note ?? null, version, learned, backtestId: backtest?.id ?? null, backtest: backtest?.summary ?? null },
    }, tx);
    return next;
  });
  if (status === "APPROVED") clearLiveIndexes(); // this process's matching sees the new rules or identities at once
  const policy = await policyOf(entity.code);
  const outcome = status === "APPROVED" ? "approved" as const : status === "WITHDRAWN" ? "withdrawn" as const : "rejected" as const;
  const approvedMessage = found.kind === "LEARNED_PAYERS" ? "Approved: the learned payers count for matching from now on." : `Approved: version ${policy.version} in force.`;
  return { outcome, policy, change: await policyChangeOf(id), message: status === "APPROVED" ? approvedMessage : `Change ${outcome}.` };
}
