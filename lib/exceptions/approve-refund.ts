// A second person approves a refund that was above its requester's limit: not the requester, and within the
// approver's own limit (the per-user limit write-offs use). The refund is then booked and sent like any other.
import type { z } from "zod";
import { problem } from "../http/problem.ts";
import { newCorrelationId } from "../jobs/define-job.ts";
import { formatMoney } from "../money/money.ts";
import { actionResult, audit, runAction, type ActionContext } from "./action-context.ts";
import { bookRefund } from "./refund-booking.ts";
import { lockRefund } from "./refund-lock.ts";
import type { decideRefundBody } from "./resolution-schemas.ts";

export function approveRefund(ctx: ActionContext, refundId: string, body: z.infer<typeof decideRefundBody>) {
  return runAction(async (tx) => {
    const { receipt, refund, activeCase } = await lockRefund(tx, refundId, ["PENDING_APPROVAL"]);
    const money = formatMoney(refund.amountMinor, refund.currency);
    if (refund.requestedById === ctx.actor.id) throw problem(403, "a refund above your limit needs a second person: someone else must approve it");
    if (refund.amountMinor > ctx.actor.writeOffLimitMinor) throw problem(403, `This refund of ${money} is above your own limit of ${formatMoney(ctx.actor.writeOffLimitMinor, refund.currency)}: someone with a higher limit must approve it.`);
    if (refund.amountMinor > receipt.unappliedMinor) throw problem(409, `the receipt has only ${formatMoney(receipt.unappliedMinor, receipt.currency)} unapplied now: cancel this refund and request a new one`);
    const correlationId = newCorrelationId();
    const { journalEntryId } = await bookRefund(tx, { receipt, refund, actorId: ctx.actor.id, correlationId, exceptionCode: activeCase?.code });
    await tx.refundRequest.update({ where: { id: refundId }, data: { status: "REQUESTED", approvedById: ctx.actor.id } });
    if (activeCase) await tx.exceptionNote.create({ data: { caseId: activeCase.id, authorId: ctx.actor.id, body: `Refund of ${money} approved${body.note ? `: ${body.note}` : ""}` } });
    await audit(ctx, tx, { action: "refund.approved", targetType: "Receipt", targetId: receipt.id, details: { refundId, amountMinor: String(refund.amountMinor), currency: refund.currency, requestedById: refund.requestedById, approverLimitMinor: String(ctx.actor.writeOffLimitMinor), journalEntryId, correlationId } });
    return actionResult(tx, { receiptId: receipt.id, caseId: activeCase?.id ?? null, outcome: "refund_requested", journalEntryId, message: `Refund of ${money} approved and sent to the payments system.` });
  });
}
