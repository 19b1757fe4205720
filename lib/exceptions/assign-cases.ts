// Assign cases (one or a batch from the queue's bulk assign) to a person, to "me", or to nobody. One UPDATE for the
// batch; cases resolved meanwhile are skipped and reported. Each assignment is audited and on the timeline.
import type { z } from "zod";
import { canAccess } from "../auth/roles.ts";
import { Prisma } from "../db/client.ts";
import { problem } from "../http/problem.ts";
import { audit, runAction, type ActionContext } from "./action-context.ts";
import type { assignBody } from "./action-schemas.ts";

export function assignCases(ctx: ActionContext, body: z.infer<typeof assignBody>) {
  const assigneeId = body.assigneeId === "me" ? ctx.actor.id : body.assigneeId;
  const ids = [...new Set(body.caseIds)];
  return runAction(async (tx) => {
    let assignee: { id: string; name: string } | null = null;
    if (assigneeId) {
      const u = await tx.user.findUnique({ where: { id: assigneeId }, select: { id: true, name: true, role: true, active: true } });
      if (!u || !u.active || !canAccess(u.role, "exceptions")) throw problem(422, "assigneeId: assign to an active user who works exceptions (AR analyst, controller or admin)");
      assignee = { id: u.id, name: u.name };
    }
    const rows = await tx.$queryRaw<{ id: string; version: number; receiptId: string | null; entityId: string; code: string }[]>`
      update "ExceptionCase" set "assigneeId" = ${assigneeId}, version = version + 1, "updatedAt" = now()
      where id = any(${ids}::text[]) and status not in ('RESOLVED', 'CANCELLED')
      returning id, version, "receiptId", "entityId", code::text as code`;
    const now = new Date();
    const correlationId = `assign_${ctx.requestId ?? now.getTime()}`;
    await tx.workflowEvent.createMany({
      data: rows.filter((r) => r.receiptId).map((r) => ({
        type: "case.assigned", receiptId: r.receiptId, entityId: r.entityId, sourceSystem: "cashline", sourceId: `${r.id}:v${r.version}`,
        correlationId, actorType: "user", actorId: ctx.actor.id, exceptionCode: r.code, occurredAt: now, recordedAt: now,
        payload: { caseId: r.id, assigneeId, assignee: assignee?.name ?? null } as Prisma.InputJsonValue,
      })),
      skipDuplicates: true,
    });
    for (const r of rows) {
      await audit(ctx, tx, { action: "case.assigned", targetType: "ExceptionCase", targetId: r.id, details: { assigneeId, assignee: assignee?.name ?? null, bulk: ids.length > 1 } });
    }
    const done = new Set(rows.map((r) => r.id));
    return { assigned: rows.length, skipped: ids.filter((id) => !done.has(id)), assignee };
  }, { needsQueue: false });
}
