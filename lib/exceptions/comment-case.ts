// A comment on a case: kept as an ExceptionNote, shown on the payment's timeline, audited.
import type { z } from "zod";
import { problem } from "../http/problem.ts";
import { newCorrelationId } from "../jobs/define-job.ts";
import { actionResult, audit, recordEvent, runAction, type ActionContext } from "./action-context.ts";
import type { commentBody } from "./action-schemas.ts";

export function commentCase(ctx: ActionContext, caseId: string, body: z.infer<typeof commentBody>) {
  return runAction(async (tx) => {
    const c = await tx.exceptionCase.findUnique({ where: { id: caseId }, select: { id: true, receiptId: true, entityId: true, code: true } });
    if (!c) throw problem(404, `case ${caseId} not found`);
    const note = await tx.exceptionNote.create({ data: { caseId, authorId: ctx.actor.id, body: body.body } });
    await recordEvent(tx, {
      type: "case.commented", receiptId: c.receiptId, entityId: c.entityId, sourceId: note.id, correlationId: newCorrelationId(), actorId: ctx.actor.id,
      exceptionCode: c.code, payload: { caseId, noteId: note.id, excerpt: body.body.slice(0, 140) }, at: note.createdAt,
    });
    await audit(ctx, tx, { action: "case.commented", targetType: "ExceptionCase", targetId: caseId, details: { noteId: note.id, receiptId: c.receiptId } });
    return actionResult(tx, { receiptId: c.receiptId, caseId, outcome: "commented", message: "Comment added." });
  }, { needsQueue: false });
}
