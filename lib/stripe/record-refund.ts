// charge.refunded: Stripe sends the charge with its cumulative amount_refunded, so the refund to record is the
// increase over what Cashline already knows (a late, older event adds nothing). Cash not yet applied is reduced;
// a refund that reaches applied cash opens an exception (the application must be reversed in the ERP); a full
// refund returns the receipt.
import { canTransition, type ReceiptState } from "../workflow/receipt-states.ts";
import { transitionReceipt } from "../workflow/transition-receipt.ts";
import { openExceptionCase } from "../exceptions/open-exception-case.ts";
import { fromMinor } from "../money/money.ts";
import type { StripeCharge } from "./stripe-objects.ts";
import { writeStripeEvent, type StripeContext, type StripeOutcome } from "./stripe-context.ts";
import { cardPaymentFromCharge, recordCardPayment } from "./record-card-payment.ts";

const APPLIED_STATES: readonly ReceiptState[] = ["MATCHED", "APPLIED", "POSTED", "PUBLISHED", "POSTING_FAILED"];

export async function recordRefund(ctx: StripeContext, charge: StripeCharge): Promise<StripeOutcome> {
  const { tx } = ctx;
  // The charge object is complete: a refund delivered before its charge.succeeded still finds (or makes) its receipt.
  const { receiptId } = await recordCardPayment(ctx, cardPaymentFromCharge(charge));
  const r = await tx.receipt.findUniqueOrThrow({ where: { id: receiptId } });
  const total = BigInt(charge.amount_refunded);
  const delta = total - r.refundedMinor;
  if (delta <= 0n) return { status: "PROCESSED", result: { receiptId, refundedMinor: r.refundedMinor.toString(), note: "no new refund" }, chargeSeen: charge.id };

  const state = r.state as ReceiptState;
  const touchesApplied = APPLIED_STATES.includes(state) || delta > r.unappliedMinor;
  const unapplied = touchesApplied ? r.unappliedMinor : r.unappliedMinor - delta;
  const updated = await tx.receipt.updateMany({ where: { id: r.id, version: r.version }, data: { refundedMinor: total, unappliedMinor: unapplied, version: { increment: 1 } } });
  if (updated.count !== 1) throw new Error(`receipt ${r.id} changed while recording a refund; the delivery will be retried`);

  const full = total >= r.amountMinor;
  const amount = `${fromMinor(delta, r.currency)} ${r.currency}`;
  await writeStripeEvent(ctx, {
    type: "payment.refunded", receiptId: r.id, entityId: r.entityId,
    businessKeys: { chargeId: charge.id, paymentIntentId: charge.payment_intent },
    payload: { refundMinor: delta.toString(), refundedTotalMinor: total.toString(), full, touchesApplied },
  });
  let caseId: string | null = null;
  if (touchesApplied) {
    caseId = (await openExceptionCase(tx, {
      code: "RETURNED", entityId: r.entityId, receiptId: r.id, priority: "HIGH", slaHours: 24, amountMinor: delta, currency: r.currency,
      reasons: [`card refund of ${amount} on charge ${charge.id} after the payment was ${state === "MATCHED" ? "matched" : "applied"}: reverse or reduce the application in the ERP`],
      suggestion: { action: "reverse_application", chargeId: charge.id, refundMinor: delta.toString() }, correlationId: ctx.correlationId,
    })).caseId;
  }
  if (full && canTransition(state, "RETURNED")) {
    await transitionReceipt(tx, {
      receiptId: r.id, from: state, to: "RETURNED", eventType: "payment.returned", correlationId: ctx.correlationId,
      payload: { reason: "card payment refunded in full", chargeId: charge.id, stripeEventId: ctx.eventId }, occurredAt: ctx.occurredAt,
    });
  }
  return { status: "PROCESSED", result: { receiptId, refundMinor: delta.toString(), full, caseId }, chargeSeen: charge.id };
}
