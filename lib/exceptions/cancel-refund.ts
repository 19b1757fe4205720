// A refund that will not be paid (the payments system refused it, the payer asked for the cash to stay, the
// approver said no): the request is CANCELLED and an outbound refund.cancelled event stops the payments system.
// A refund already booked is undone — its application reversed, the cash unapplied again, the receipt back to
// IDENTIFIED and a revision posted — and its case stays open for the next decision: closing it here would leave
// cash unapplied with no case, the silent stall issue 11 forbids.
import type { z } from "zod";
import { newCorrelationId } from "../jobs/define-job.ts";
import { formatMoney, fromMinor } from "../money/money.ts";
import { REFUND_REASON_CODE } from "../posting/build-receipt-journal.ts";
import { requestErpPosting } from "../posting/request-erp-posting.ts";
import { transitionReceipt } from "../workflow/transition-receipt.ts";
import { actionResult, audit, recordEvent, runAction, type ActionContext } from "./action-context.ts";
import { lockRefund } from "./refund-lock.ts";
import type { decideRefundBody } from "./resolution-schemas.ts";

const APPLIED_STATES: readonly string[] = ["APPLIED", "POSTED", "PUBLISHED"];

export function cancelRefund(ctx: ActionContext, refundId: string, body: z.infer<typeof decideRefundBody>) {
  return runAction(async (tx) => {
    const { receipt, refund, activeCase } = await lockRefund(tx, refundId, ["PENDING_APPROVAL", "REQUESTED"]);
    const money = formatMoney(refund.amountMinor, refund.currency);
    const correlationId = newCorrelationId();
    let journalEntryId: string | null = null;
    if (refund.status === "REQUESTED") {
      const app = await tx.application.findFirst({ where: { receiptId: receipt.id, kind: "WRITE_OFF", reasonCode: REFUND_REASON_CODE, amountMinor: refund.amountMinor, reversedAt: null }, orderBy: { appliedAt: "desc" } });
      if (app) {
        await tx.application.update({ where: { id: app.id }, data: { reversedAt: new Date(), reversedById: ctx.actor.id, reversalReason: `refund cancelled${body.note ? `: ${body.note}` : ""}` } });
        const unappliedAfter = receipt.unappliedMinor + app.amountMinor;
        await tx.receipt.update({ where: { id: receipt.id }, data: { unappliedMinor: unappliedAfter, version: { increment: 1 } } });
        const payload = { refundId, amount: money, unappliedAfter: fromMinor(unappliedAfter, receipt.currency) };
        if (APPLIED_STATES.includes(receipt.state)) {
          await transitionReceipt(tx, { receiptId: receipt.id, from: receipt.state, to: "IDENTIFIED", eventType: "application.reversed", correlationId, actor: { type: "user", id: ctx.actor.id }, payload });
        }
        if ((await tx.journalEntry.count({ where: { receiptId: receipt.id } })) > 0) journalEntryId = await requestErpPosting(tx, { receiptId: receipt.id, correlationId });
      }
    }
    await tx.refundRequest.update({ where: { id: refundId }, data: { status: "CANCELLED", decidedById: ctx.actor.id, decidedAt: new Date(), note: body.note ?? undefined } });
    await recordEvent(tx, { type: "refund.cancelled", receiptId: receipt.id, entityId: receipt.entityId, sourceId: refundId, correlationId, actorId: ctx.actor.id, exceptionCode: activeCase?.code, payload: { refundId, amount: money, wasBooked: refund.status === "REQUESTED", note: body.note ?? null } });
    if (activeCase) await tx.exceptionNote.create({ data: { caseId: activeCase.id, authorId: ctx.actor.id, body: `Refund of ${money} cancelled${body.note ? `: ${body.note}` : ""}; the cash is unapplied again` } });
    await audit(ctx, tx, { action: "refund.cancelled", targetType: "Receipt", targetId: receipt.id, details: { refundId, amountMinor: String(refund.amountMinor), currency: refund.currency, wasBooked: refund.status === "REQUESTED", journalEntryId, correlationId } });
    return actionResult(tx, { receiptId: receipt.id, caseId: activeCase?.id ?? null, outcome: "refund_cancelled", journalEntryId, message: `Refund of ${money} cancelled; the cash is unapplied again.` });
  });
}
