// Escalate a case to someone (a collector, a controller) with a note: the case becomes ESCALATED and theirs, and
// its receipt moves to ESCALATED through the state machine (its owner is now the escalation assignee).
import type { z } from "zod";
import { canAccess } from "../auth/roles.ts";
import { problem } from "../http/problem.ts";
import { newCorrelationId } from "../jobs/define-job.ts";
import { canTransition } from "../workflow/receipt-states.ts";
import { transitionReceipt } from "../workflow/transition-receipt.ts";
import { actionResult, audit, lockReceipt, recordEvent, runAction, type ActionContext } from "./action-context.ts";
import type { escalateBody } from "./action-schemas.ts";

export function escalateCase(ctx: ActionContext, caseId: string, body: z.infer<typeof escalateBody>) {
  return runAction(async (tx) => {
    const found = await tx.exceptionCase.findUnique({ where: { id: caseId }, select: { receiptId: true } });
    if (!found) throw problem(404, `case ${caseId} not found`);
    const assignee = await tx.user.findUnique({ where: { id: body.assigneeId }, select: { id: true, name: true, role: true, active: true } });
    if (!assignee || !assignee.active || !canAccess(assignee.role, "exceptions")) {
      throw problem(422, "assigneeId: escalate to an active user who works exceptions (AR analyst, controller or admin)");
    }
    const receipt = found.receiptId ? await lockReceipt(tx, found.receiptId, body.receiptVersion) : null;
    const [c] = await tx.$queryRaw<{ id: string; code: string; status: string; entityId: string }[]>`
      select id, code::text as code, status::text as status, "entityId" from "ExceptionCase" where id = ${caseId} for update`;
    if (c!.status === "RESOLVED" || c!.status === "CANCELLED") throw problem(409, `the case is already ${c!.status.toLowerCase()}`);
    if (c!.status === "PENDING_APPROVAL") throw problem(409, "a write-off on this case is waiting for approval: approve or reject it first");
    const correlationId = newCorrelationId();
    const note = await tx.exceptionNote.create({ data: { caseId, authorId: ctx.actor.id, body: `Escalated to ${assignee.name}: ${body.note}` } });
    const payload = { caseId, assigneeId: assignee.id, assignee: assignee.name, note: body.note };
    if (receipt && receipt.state !== "ESCALATED") {
      if (!canTransition(receipt.state, "ESCALATED")) throw problem(409, `a receipt that is ${receipt.state.toLowerCase().replace("_", " ")} cannot be escalated`);
      await transitionReceipt(tx, { receiptId: receipt.id, from: receipt.state, to: "ESCALATED", eventType: "case.escalated", correlationId, actor: { type: "user", id: ctx.actor.id }, exceptionCode: c!.code, payload });
    } else {
      // Already escalated (handing it on to someone else) or a case without a receipt: a timeline entry only.
      await recordEvent(tx, { type: "case.escalated", receiptId: receipt?.id ?? null, entityId: c!.entityId, sourceId: `${caseId}:${note.id}`, correlationId, actorId: ctx.actor.id, exceptionCode: c!.code, payload });
    }
    await tx.exceptionCase.update({ where: { id: caseId }, data: { status: "ESCALATED", assigneeId: assignee.id, version: { increment: 1 } } });
    await audit(ctx, tx, { action: "case.escalated", targetType: "ExceptionCase", targetId: caseId, details: { ...payload, receiptId: receipt?.id ?? null, correlationId } });
    return actionResult(tx, { receiptId: receipt?.id ?? null, caseId, outcome: "escalated", message: `Escalated to ${assignee.name}.` });
  }, { needsQueue: false });
}
