// The payments system paid the refund: Dr refunds payable / Cr bank (booked locally; the bank line of the payout
// is its proof), an outbound refund.confirmed event, and the case closes when nothing is left unapplied.
import type { z } from "zod";
import { newCorrelationId } from "../jobs/define-job.ts";
import { formatMoney } from "../money/money.ts";
import { GL } from "../posting/gl-accounts.ts";
import { actionResult, audit, recordEvent, runAction, type ActionContext } from "./action-context.ts";
import { resolveCase } from "./case-lock.ts";
import { lockRefund } from "./refund-lock.ts";
import type { decideRefundBody } from "./resolution-schemas.ts";

export function confirmRefund(ctx: ActionContext, refundId: string, body: z.infer<typeof decideRefundBody>) {
  return runAction(async (tx) => {
    const { receipt, refund, activeCase } = await lockRefund(tx, refundId, ["REQUESTED"]);
    const money = formatMoney(refund.amountMinor, refund.currency);
    const correlationId = newCorrelationId();
    const bank = receipt.bankAccountId ? await tx.bankAccount.findUnique({ where: { id: receipt.bankAccountId }, select: { glAccount: true } }) : null;
    const entry = await tx.journalEntry.create({
      data: {
        entityId: receipt.entityId, currency: refund.currency, receiptId: null, kind: "refund_paid", status: "POSTED", postedAt: new Date(),
        memo: `Refund ${refundId} of receipt ${receipt.id} paid${body.paymentReference ? ` (${body.paymentReference})` : ""}`, idempotencyKey: `refund:${refundId}:paid`,
        lines: { create: [
          { account: GL.refundsPayable, debitMinor: refund.amountMinor, creditMinor: 0n, description: `Refund ${refundId} paid` },
          { account: bank?.glAccount ?? GL.processorClearing, debitMinor: 0n, creditMinor: refund.amountMinor, description: `Refund to payer (${refund.reason})` },
        ] },
      },
      select: { id: true },
    });
    await tx.refundRequest.update({ where: { id: refundId }, data: { status: "CONFIRMED", decidedById: ctx.actor.id, decidedAt: new Date(), paymentRef: body.paymentReference ?? null } });
    await tx.receipt.update({ where: { id: receipt.id }, data: { refundedMinor: { increment: refund.amountMinor }, version: { increment: 1 } } });
    await recordEvent(tx, { type: "refund.confirmed", receiptId: receipt.id, entityId: receipt.entityId, sourceId: refundId, correlationId, actorId: ctx.actor.id, exceptionCode: activeCase?.code, payload: { refundId, amount: money, paymentReference: body.paymentReference ?? null, journalEntryId: entry.id } });
    const closes = activeCase && receipt.unappliedMinor === 0n && activeCase.status !== "PENDING_APPROVAL";
    if (closes) {
      const kase = { id: activeCase.id, code: activeCase.code, status: activeCase.status, receiptId: receipt.id, entityId: receipt.entityId, version: activeCase.version, suggestion: null };
      await resolveCase(tx, { kase, actor: ctx.actor, resolution: `Refunded ${money} to the payer (${refund.reason})${body.note ? `: ${body.note}` : ""}`, correlationId, payload: { refundId } });
    }
    await audit(ctx, tx, { action: "refund.confirmed", targetType: "Receipt", targetId: receipt.id, details: { refundId, amountMinor: String(refund.amountMinor), currency: refund.currency, paymentReference: body.paymentReference ?? null, journalEntryId: entry.id, caseClosed: !!closes, correlationId } });
    return actionResult(tx, { receiptId: receipt.id, caseId: activeCase?.id ?? null, outcome: "refund_confirmed", journalEntryId: entry.id, message: `Refund of ${money} confirmed${closes ? "; case closed" : ""}.` });
  }, { needsQueue: false });
}
