// Books a refund to the payer on a locked receipt: a WRITE_OFF application with reason "refund" (the journal
// credits refunds payable 2450 instead of the customer's receivable; the ERP gets its refund activity), the
// receipt settles to APPLIED when nothing is left unapplied (the posting is requested in the same transaction),
// and an outbound refund.requested event asks the payments system to pay it (the event log is the outbox).
import { fromMinor } from "../money/money.ts";
import { REFUND_REASON_CODE } from "../posting/build-receipt-journal.ts";
import { requestErpPosting } from "../posting/request-erp-posting.ts";
import { transitionReceipt } from "../workflow/transition-receipt.ts";
import type { ReceiptState } from "../workflow/receipt-states.ts";
import { recordEvent, type LockedReceipt, type Tx } from "./action-context.ts";
import { executePlan } from "./execute-plan.ts";

const DONE: readonly string[] = ["APPLIED", "POSTED", "PUBLISHED"];

export async function bookRefund(tx: Tx, input: {
  receipt: LockedReceipt; refund: { id: string; amountMinor: bigint; reason: string; caseId: string | null }; actorId: string; correlationId: string; exceptionCode?: string | null;
}): Promise<{ journalEntryId: string | null; applicationId: string }> {
  const { receipt, refund } = input;
  const out = await executePlan(tx, {
    receipt, lines: [{ kind: "WRITE_OFF", amountMinor: refund.amountMinor, reasonCode: REFUND_REASON_CODE }], appliedById: input.actorId,
    eventType: "cash.refund_booked", correlationId: input.correlationId, exceptionCode: input.exceptionCode, payload: { refundId: refund.id, reason: refund.reason },
  });
  let journalEntryId: string | null = null;
  if (out.unappliedAfterMinor === 0n) {
    let state = receipt.state as ReceiptState;
    const actor = { type: "user" as const, id: input.actorId };
    if (state === "RECEIVED") {
      await transitionReceipt(tx, { receiptId: receipt.id, from: state, to: "IDENTIFIED", eventType: "customer.identified", correlationId: input.correlationId, actor });
      state = "IDENTIFIED";
    }
    if (!DONE.includes(state)) {
      await transitionReceipt(tx, { receiptId: receipt.id, from: state, to: "APPLIED", eventType: "receipt.applied", correlationId: input.correlationId, actor, payload: { refundId: refund.id } });
    }
    await tx.bankTransaction.updateMany({ where: { receiptId: receipt.id, amountMinor: { gt: 0n } }, data: { reconciled: true } });
  }
  if (out.unappliedAfterMinor === 0n || (await tx.journalEntry.count({ where: { receiptId: receipt.id } })) > 0) {
    journalEntryId = await requestErpPosting(tx, { receiptId: receipt.id, correlationId: input.correlationId });
  }
  await recordEvent(tx, {
    type: "refund.requested", receiptId: receipt.id, entityId: receipt.entityId, sourceId: refund.id, correlationId: input.correlationId, actorId: input.actorId,
    exceptionCode: input.exceptionCode,
    payload: {
      refundId: refund.id, amount: fromMinor(refund.amountMinor, receipt.currency), currency: receipt.currency, reason: refund.reason,
      payee: { name: receipt.payerName, account: receipt.payerAccount }, caseId: refund.caseId,
    },
  });
  return { journalEntryId, applicationId: out.applicationIds[0]! };
}
