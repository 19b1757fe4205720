// Closing a RETURNED case: the bank took the money back, so everything the receipt paid is undone — its live
// applications are reversed and the invoices re-open with the return reason on them, the ERP gets a revision that
// unapplies them, the cash that never stayed is booked out (Dr unapplied cash / Cr bank), the owner of collections
// is told (collections.follow_up_requested per customer), and the case closes with the analyst's note.
import type { z } from "zod";
import { problem } from "../http/problem.ts";
import { newCorrelationId } from "../jobs/define-job.ts";
import { GL } from "../posting/gl-accounts.ts";
import { actionResult, audit, lockReceipt, runAction, type ActionContext, type Tx } from "./action-context.ts";
import { findCaseReceipt, lockOpenCase, resolveCase } from "./case-lock.ts";
import { askCollectionsToFollowUp, bookCashOut, reopenPaidInvoices } from "./reopen-paid-invoices.ts";
import type { closeReturnedBody } from "./resolution-schemas.ts";

export function closeReturnedPayment(ctx: ActionContext, caseId: string, body: z.infer<typeof closeReturnedBody>) {
  return runAction(async (tx) => {
    const { receiptId } = await findCaseReceipt(tx, caseId);
    if (!receiptId) throw problem(409, "this returned item has no receipt: find the payment it returns first");
    const receipt = await lockReceipt(tx, receiptId, body.receiptVersion);
    if (receipt.state !== "RETURNED") throw problem(409, `the receipt is ${receipt.state}, not RETURNED`);
    const kase = await lockOpenCase(tx, caseId, ["RETURNED"]);
    const correlationId = newCorrelationId();
    const reason = `payment returned: ${(await returnReasonOf(tx, receiptId)) ?? "returned by the bank"}`;
    const common = { receipt, actorId: ctx.actor.id, reason, correlationId, caseId, code: kase.code };
    const { reversedApplicationIds, reopened, revisionId, hadJournal } = await reopenPaidInvoices(tx, common);
    const returnEntryId = hadJournal ? await bookCashOut(tx, { receipt, kind: "payment_returned", debitAccount: GL.unappliedCash, memo: `Receipt ${receiptId} ${reason}`, key: `returned:${receiptId}` }) : null;
    await tx.receipt.update({ where: { id: receiptId }, data: { unappliedMinor: 0n, version: { increment: 1 } } });
    const customers = await askCollectionsToFollowUp(tx, { ...common, reopened, note: body.note });
    const resolution = `Returned payment closed by ${ctx.actor.name}: ${reopened.length} invoice(s) re-opened${customers.length ? ", collections asked to follow up" : ""}. ${body.note}`;
    await resolveCase(tx, { kase, actor: ctx.actor, resolution, correlationId, payload: { reopened: reopened.map((r) => r.number), reason } });
    await audit(ctx, tx, {
      action: "returned_payment.closed", targetType: "ExceptionCase", targetId: caseId,
      details: { receiptId, reversedApplicationIds, reopened, revisionId, returnEntryId, customers, reason, note: body.note, correlationId },
    });
    return actionResult(tx, { receiptId, caseId, outcome: "closed", journalEntryId: revisionId ?? returnEntryId, message: `Closed: ${reopened.length} invoice(s) re-opened, collections told.` });
  });
}

async function returnReasonOf(tx: Tx, receiptId: string): Promise<string | null> {
  const e = await tx.workflowEvent.findFirst({ where: { receiptId, type: "payment.returned" }, orderBy: { id: "desc" }, select: { payload: true } });
  const p = (e?.payload ?? {}) as { reason?: string; reasonCode?: string };
  if (p.reason || p.reasonCode) return [p.reasonCode, p.reason].filter(Boolean).join(" ");
  const line = await tx.bankTransaction.findFirst({ where: { receiptId, amountMinor: { lt: 0n } }, select: { remittance: true, type: true } });
  return line ? (line.remittance ?? line.type) : null;
}
