// A chargeback's dispute, step by step: open (evidence due date; the case falls due a day before it), evidence
// submitted, then won — nothing to do: the receipt goes back to where it stood (posted or applied) and the case
// closes — or lost: the processor keeps the money, so either the invoice re-opens (applications reversed, ERP
// revision, Dr unapplied cash / Cr processor clearing, collections told) or the loss is written off (Dr chargeback
// losses 6850 / Cr processor clearing, the invoice stays paid). A lost receipt ends RETURNED: its cash is gone.
import type { z } from "zod";
import { problem } from "../http/problem.ts";
import { newCorrelationId } from "../jobs/define-job.ts";
import { GL } from "../posting/gl-accounts.ts";
import { transitionReceipt } from "../workflow/transition-receipt.ts";
import { actionResult, audit, lockReceipt, recordEvent, runAction, type ActionContext } from "./action-context.ts";
import { findCaseReceipt, lockOpenCase, resolveCase } from "./case-lock.ts";
import { askCollectionsToFollowUp, bookCashOut, reopenPaidInvoices } from "./reopen-paid-invoices.ts";
import type { disputeBody } from "./resolution-schemas.ts";

const DAY = 86_400_000;

export function recordDisputeStep(ctx: ActionContext, caseId: string, body: z.infer<typeof disputeBody>) {
  return runAction(async (tx) => {
    const { receiptId } = await findCaseReceipt(tx, caseId);
    if (!receiptId) throw problem(409, "this chargeback case has no receipt");
    const receipt = await lockReceipt(tx, receiptId);
    const kase = await lockOpenCase(tx, caseId, ["CHARGEBACK"]);
    const dispute = await tx.chargebackDispute.findUnique({ where: { caseId } });
    const correlationId = newCorrelationId();
    const actor = { type: "user" as const, id: ctx.actor.id };
    const event = (type: string, payload: Record<string, unknown>) => recordEvent(tx, { type, receiptId, entityId: receipt.entityId, sourceId: `${caseId}:${type}`, correlationId, actorId: ctx.actor.id, exceptionCode: "CHARGEBACK", payload: { caseId, ...payload } });
    let message: string;
    let journalEntryId: string | null = null;
    const details: Record<string, unknown> = { step: body.step };

    if (body.step === "open") {
      if (dispute) throw problem(409, `the dispute is already ${dispute.status.toLowerCase()}`);
      const due = new Date(`${body.evidenceDueDate}T23:59:59Z`);
      if (Number.isNaN(due.getTime()) || due.getTime() < Date.now()) throw problem(422, "evidenceDueDate: must be a date from today on");
      await tx.chargebackDispute.create({ data: { caseId, receiptId, evidenceDueAt: due } });
      await tx.exceptionCase.update({ where: { id: caseId }, data: { status: "IN_PROGRESS", slaDueAt: new Date(Math.max(due.getTime() - DAY, Date.now())), assigneeId: ctx.actor.id, version: { increment: 1 } } });
      await event("dispute.opened", { evidenceDueDate: body.evidenceDueDate, note: body.note ?? null });
      message = `Dispute opened; evidence due ${body.evidenceDueDate}.`;
    } else if (body.step === "submit") {
      if (dispute?.status !== "OPEN") throw problem(409, dispute ? `the dispute is already ${dispute.status.toLowerCase()}` : "open the dispute first (evidence due date)");
      await tx.chargebackDispute.update({ where: { caseId }, data: { status: "SUBMITTED", submittedAt: new Date(), evidence: body.evidence } });
      await event("dispute.evidence_submitted", { excerpt: body.evidence.slice(0, 140) });
      message = "Evidence submitted; waiting for the card network's decision.";
    } else {
      if (!dispute || (dispute.status !== "OPEN" && dispute.status !== "SUBMITTED")) throw problem(409, dispute ? `the dispute is already ${dispute.status.toLowerCase()}` : "open the dispute first (evidence due date)");
      if (body.step === "won") {
        await tx.chargebackDispute.update({ where: { caseId }, data: { status: "WON", decidedAt: new Date() } });
        const posted = (await tx.journalEntry.count({ where: { receiptId, status: "POSTED" } })) > 0;
        if (receipt.unappliedMinor === 0n && receipt.state === "CHARGEBACK") {
          await transitionReceipt(tx, { receiptId, from: "CHARGEBACK", to: posted ? "POSTED" : "APPLIED", eventType: "payment.dispute_won", correlationId, actor, exceptionCode: "CHARGEBACK", payload: { caseId } });
        } else {
          await event("payment.dispute_won", {});
        }
        if (receipt.unappliedMinor === 0n) {
          await resolveCase(tx, { kase, actor: ctx.actor, resolution: `Dispute won: the payment stands, nothing to do${body.note ? `. ${body.note}` : ""}`, correlationId });
          message = "Dispute won: the payment stands; case closed.";
        } else {
          await tx.exceptionNote.create({ data: { caseId, authorId: ctx.actor.id, body: "Dispute won: the cash stays; apply it to close the case." } });
          message = "Dispute won: the cash stays; apply it to close the case.";
        }
      } else {
        await tx.chargebackDispute.update({ where: { caseId }, data: { status: "LOST", decidedAt: new Date(), lostAction: body.action } });
        const reason = "chargeback lost: the processor returned the money to the cardholder";
        const common = { receipt, actorId: ctx.actor.id, reason, correlationId, caseId, code: kase.code };
        if (body.action === "reopen_invoice") {
          const { reopened, revisionId, reversedApplicationIds } = await reopenPaidInvoices(tx, common);
          journalEntryId = await bookCashOut(tx, { receipt, kind: "chargeback_lost", debitAccount: GL.unappliedCash, memo: `Receipt ${receiptId} ${reason}`, key: `chargeback:${caseId}:lost` });
          const customers = await askCollectionsToFollowUp(tx, { ...common, reopened, note: body.note ?? null });
          Object.assign(details, { reopened, revisionId, reversedApplicationIds, customers });
          message = `Dispute lost: ${reopened.length} invoice(s) re-opened, collections told.`;
        } else {
          journalEntryId = await bookCashOut(tx, { receipt, kind: "chargeback_written_off", debitAccount: GL.chargebackLosses, memo: `Receipt ${receiptId} ${reason}, written off`, key: `chargeback:${caseId}:lost` });
          message = "Dispute lost: the loss is written off; the invoice stays paid.";
        }
        await tx.receipt.update({ where: { id: receiptId }, data: { unappliedMinor: 0n } });
        if (receipt.state === "CHARGEBACK") await transitionReceipt(tx, { receiptId, from: "CHARGEBACK", to: "RETURNED", eventType: "payment.dispute_lost", correlationId, actor, exceptionCode: "CHARGEBACK", payload: { caseId, action: body.action } });
        await resolveCase(tx, { kase, actor: ctx.actor, resolution: `${message}${body.note ? ` ${body.note}` : ""}`, correlationId, payload: { action: body.action } });
      }
    }
    await audit(ctx, tx, { action: `dispute.${body.step}`, targetType: "ExceptionCase", targetId: caseId, details: { ...details, receiptId, journalEntryId, correlationId } });
    return actionResult(tx, { receiptId, caseId, outcome: "dispute_updated", journalEntryId, message });
  });
}
