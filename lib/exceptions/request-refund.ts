// "Refund to payer" (a duplicate payment, an invoice already paid, an overpayment): a refund request with amount
// and reason. Within the requester's limit (the same per-user limit write-offs use) the refund is booked at once
// (refund-booking.ts); above it, it waits for a second person with a high enough limit (approve-refund.ts).
// The case stays open until the payments system confirms the refund or someone cancels it.
import type { z } from "zod";
import { problem } from "../http/problem.ts";
import { newCorrelationId } from "../jobs/define-job.ts";
import { formatMoney } from "../money/money.ts";
import { actionResult, assertCanMoveMoney, audit, lockActiveCase, lockReceipt, parseAmount, recordEvent, runAction, type ActionContext } from "./action-context.ts";
import { bookRefund } from "./refund-booking.ts";
import type { refundBody } from "./resolution-schemas.ts";

export function requestRefund(ctx: ActionContext, receiptId: string, body: z.infer<typeof refundBody>) {
  return runAction(async (tx) => {
    const receipt = await lockReceipt(tx, receiptId, body.receiptVersion);
    const activeCase = await lockActiveCase(tx, receiptId);
    assertCanMoveMoney(receipt, activeCase);
    const amountMinor = body.amount ? parseAmount(body.amount, receipt.currency) : receipt.unappliedMinor;
    if (amountMinor <= 0n) throw problem(409, "nothing left to refund: the receipt has no unapplied cash");
    if (amountMinor > receipt.unappliedMinor) throw problem(409, `amount: the receipt has ${formatMoney(receipt.unappliedMinor, receipt.currency)} unapplied; a refund of ${formatMoney(amountMinor, receipt.currency)} is more than that`);
    const open = await tx.refundRequest.findFirst({ where: { receiptId, status: { in: ["PENDING_APPROVAL", "REQUESTED"] } }, select: { id: true } });
    if (open) throw problem(409, `a refund on this receipt is already ${open.id}: confirm or cancel it first`);
    const needsApproval = amountMinor > ctx.actor.writeOffLimitMinor;
    const refund = await tx.refundRequest.create({
      data: {
        receiptId, caseId: activeCase?.id ?? null, entityId: receipt.entityId, amountMinor, currency: receipt.currency, reason: body.reason,
        status: needsApproval ? "PENDING_APPROVAL" : "REQUESTED", requestedById: ctx.actor.id, note: body.note ?? null,
      },
    });
    const correlationId = newCorrelationId();
    const money = formatMoney(amountMinor, receipt.currency);
    let journalEntryId: string | null = null;
    if (needsApproval) {
      await recordEvent(tx, { type: "refund.proposed", receiptId, entityId: receipt.entityId, sourceId: refund.id, correlationId, actorId: ctx.actor.id, exceptionCode: activeCase?.code, payload: { refundId: refund.id, amount: money, reason: body.reason } });
    } else {
      journalEntryId = (await bookRefund(tx, { receipt, refund: { id: refund.id, amountMinor, reason: body.reason, caseId: activeCase?.id ?? null }, actorId: ctx.actor.id, correlationId, exceptionCode: activeCase?.code })).journalEntryId;
    }
    if (activeCase) {
      await tx.exceptionCase.update({ where: { id: activeCase.id }, data: { status: activeCase.status === "OPEN" ? "IN_PROGRESS" : undefined, version: { increment: 1 } } });
      await tx.exceptionNote.create({ data: { caseId: activeCase.id, authorId: ctx.actor.id, body: `Refund of ${money} to the payer requested (${body.reason})${needsApproval ? ": above my limit, waiting for approval" : ""}${body.note ? `: ${body.note}` : ""}` } });
    }
    await audit(ctx, tx, { action: needsApproval ? "refund.proposed" : "refund.requested", targetType: "Receipt", targetId: receiptId, details: { refundId: refund.id, amountMinor: String(amountMinor), currency: receipt.currency, reason: body.reason, caseId: activeCase?.id ?? null, limitMinor: String(ctx.actor.writeOffLimitMinor), journalEntryId, correlationId } });
    return actionResult(tx, {
      receiptId, caseId: activeCase?.id ?? null, outcome: needsApproval ? "refund_pending_approval" : "refund_requested", journalEntryId,
      message: needsApproval ? `Refund of ${money} is above your limit: sent for approval.` : `Refund of ${money} requested from the payments system (booked to refunds payable). The case closes when it is confirmed or cancelled.`,
    });
  });
}
