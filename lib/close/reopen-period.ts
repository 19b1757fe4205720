// Reopening a signed-off period takes two people and a reason: a controller or admin asks (request), a DIFFERENT
// one approves. On approval the sign-off is kept as history (status REOPENED) and changes dated in the period are
// allowed again until it is signed off anew. The requester may withdraw; anyone else may reject. All audited.
import { z } from "zod";
import { db, type Prisma } from "../db/client.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { problem } from "../http/problem.ts";
import { periodSchema } from "../dashboards/time.ts";
import { lockPeriodExclusive } from "./period-lock.ts";
import type { SignOffActor } from "./sign-off-period.ts";

export const reopenRequestBody = z.object({
  entity: z.string().trim().min(1).max(20).describe("legal entity code"),
  period: periodSchema.describe("YYYY-MM"),
  reason: z.string().trim().min(10).max(2000).describe("why the closed month must change"),
});
export const decideReopenBody = z.object({ note: z.string().trim().max(2000).optional() });
export const reopenDecision = z.object({ id: z.string(), entity: z.string(), period: z.string(), status: z.enum(["PENDING", "APPROVED", "REJECTED", "WITHDRAWN"]) });

const audit = (tx: Prisma.TransactionClient, actor: SignOffActor, action: string, id: string, details: Record<string, unknown>) =>
  writeAudit({ actorType: "user", actorId: actor.id, actorLabel: actor.email, action, targetType: "PeriodReopenRequest", targetId: id, details, ip: actor.ip, requestId: actor.requestId }, tx);

export async function requestPeriodReopen(input: z.infer<typeof reopenRequestBody>, actor: SignOffActor) {
  return db.$transaction(async (tx) => {
    const entity = await tx.legalEntity.findUnique({ where: { code: input.entity } });
    if (!entity) throw problem(404, `no legal entity with code ${input.entity}`);
    await lockPeriodExclusive(tx, entity.id, input.period);
    const locked = await tx.closeSignOff.findFirst({ where: { entityId: entity.id, period: input.period, status: "LOCKED" } });
    if (!locked) throw problem(409, `${input.entity} ${input.period} is not signed off: nothing to reopen`);
    if (await tx.periodReopenRequest.findFirst({ where: { entityId: entity.id, period: input.period, status: "PENDING" } })) {
      throw problem(409, `a request to reopen ${input.entity} ${input.period} is already waiting for approval`);
    }
    const row = await tx.periodReopenRequest.create({ data: { entityId: entity.id, period: input.period, reason: input.reason, requestedById: actor.id } });
    await audit(tx, actor, "close.reopen_requested", row.id, { entity: input.entity, period: input.period, reason: input.reason, signOffId: locked.id });
    return { id: row.id, entity: input.entity, period: input.period, status: "PENDING" as const };
  });
}

export async function decidePeriodReopen(id: string, decision: "approve" | "reject", body: z.infer<typeof decideReopenBody>, actor: SignOffActor, now = new Date()) {
  return db.$transaction(async (tx) => {
    const req = await tx.periodReopenRequest.findUnique({ where: { id } });
    if (!req) throw problem(404, `reopen request ${id} not found`);
    const entity = await tx.legalEntity.findUniqueOrThrow({ where: { id: req.entityId }, select: { code: true } });
    await lockPeriodExclusive(tx, req.entityId, req.period);
    const current = await tx.periodReopenRequest.findUniqueOrThrow({ where: { id } });
    if (current.status !== "PENDING") throw problem(409, `this reopen request was already ${current.status.toLowerCase()}`);
    const own = current.requestedById === actor.id;
    if (decision === "approve" && own) throw problem(403, "You asked to reopen this period: a second person must approve it.");
    const status = decision === "approve" ? "APPROVED" : own ? "WITHDRAWN" : "REJECTED";
    await tx.periodReopenRequest.update({ where: { id }, data: { status, decidedById: actor.id, decidedAt: now, decisionNote: body.note ?? null } });
    if (status === "APPROVED") {
      const reopened = await tx.closeSignOff.updateMany({ where: { entityId: req.entityId, period: req.period, status: "LOCKED" }, data: { status: "REOPENED", reopenedAt: now } });
      if (reopened.count !== 1) throw problem(409, `${entity.code} ${req.period} is no longer signed off`);
    }
    await audit(tx, actor, `close.reopen_${status.toLowerCase()}`, id, { entity: entity.code, period: req.period, requestedById: req.requestedById, reason: req.reason, note: body.note ?? null });
    return { id, entity: entity.code, period: req.period, status };
  });
}
