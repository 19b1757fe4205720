// "Retry posting" on a POSTING_FAILED case: the failed entries go back to the ERP with their same idempotency keys
// (idempotent: pressing it twice, or the automatic retry racing it, books nothing twice). The case stays open,
// marked in progress, until the ERP acknowledges; a new refusal puts the ERP's new answer on it.
import type { z } from "zod";
import { problem } from "../http/problem.ts";
import { newCorrelationId } from "../jobs/define-job.ts";
import { requeueFailedPosting } from "../posting/requeue-failed-posting.ts";
import { actionResult, audit, lockReceipt, runAction, type ActionContext } from "./action-context.ts";
import { findCaseReceipt, lockOpenCase } from "./case-lock.ts";
import type { retryPostingBody } from "./resolution-schemas.ts";

export function retryPosting(ctx: ActionContext, caseId: string, body: z.infer<typeof retryPostingBody>) {
  return runAction(async (tx) => {
    const { receiptId } = await findCaseReceipt(tx, caseId);
    if (!receiptId) throw problem(409, "this case has no receipt to post");
    const receipt = await lockReceipt(tx, receiptId, body.receiptVersion);
    const kase = await lockOpenCase(tx, caseId, ["POSTING_FAILED", "STALLED"]);
    const correlationId = newCorrelationId();
    const entries = await requeueFailedPosting(tx, { receiptId: receipt.id, correlationId, actor: { type: "user", id: ctx.actor.id }, eventType: "posting.retry_requested", payload: { caseId, note: body.note ?? null }, includePending: kase.code === "STALLED" });
    if (entries.length === 0) throw problem(409, "nothing to retry: no failed journal entry on this receipt (it may be posting already)");
    await tx.exceptionCase.update({ where: { id: kase.id }, data: { status: "IN_PROGRESS", assigneeId: ctx.actor.id, version: { increment: 1 } } });
    await tx.exceptionNote.create({ data: { caseId, authorId: ctx.actor.id, body: `Posting retried (same idempotency key)${body.note ? `: ${body.note}` : ""}` } });
    await audit(ctx, tx, { action: "posting.retried", targetType: "Receipt", targetId: receipt.id, details: { caseId, journalEntryIds: entries, correlationId } });
    return actionResult(tx, { receiptId: receipt.id, caseId, outcome: "retried", journalEntryId: entries.at(-1) ?? null, message: "Posting sent to the ERP again with the same idempotency key; the case closes when the ERP acknowledges." });
  });
}
