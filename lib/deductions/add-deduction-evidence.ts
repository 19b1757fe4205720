// Evidence on a deduction: a note, optionally pointing at a stored file (a SourceDocument, kept by SHA-256).
import type { z } from "zod";
import { problem } from "../http/problem.ts";
import { newCorrelationId } from "../jobs/define-job.ts";
import { audit, runAction, type ActionContext } from "../exceptions/action-context.ts";
import type { addEvidenceBody } from "./deduction-schemas.ts";
import { deductionEvent } from "./deduction-effects.ts";
import { lockDeduction } from "./execute-resolution.ts";

export async function addDeductionEvidence(ctx: ActionContext, deductionId: string, body: z.infer<typeof addEvidenceBody>): Promise<{ id: string }> {
  return runAction(async (tx) => {
    const d = await lockDeduction(tx, deductionId);
    if (!d) throw problem(404, `deduction ${deductionId} not found`);
    if (body.documentId && !(await tx.sourceDocument.findUnique({ where: { id: body.documentId }, select: { id: true } }))) throw problem(422, `documentId: no stored document ${body.documentId}`);
    const ev = await tx.deductionEvidence.create({ data: { deductionId: d.id, kind: body.documentId ? "file" : "note", note: body.note, documentId: body.documentId ?? null, createdById: ctx.actor.id } });
    await deductionEvent(tx, d, "deduction.evidence_added", newCorrelationId(), { type: "user", id: ctx.actor.id }, { evidenceId: ev.id, kind: ev.kind }, `:${ev.id}`);
    await audit(ctx, tx, { action: "deduction.evidence_added", targetType: "Deduction", targetId: d.id, details: { evidenceId: ev.id, documentId: body.documentId ?? null } });
    return { id: ev.id };
  }, { needsQueue: false });
}
