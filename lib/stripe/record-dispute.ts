// charge.dispute.created / charge.dispute.closed. A dispute is a chargeback: the receipt moves to CHARGEBACK
// (when its state allows) and a high-priority CHARGEBACK case opens, due before the evidence deadline. When
// the dispute closes: won → the receipt goes back to where it was (or to a person when that move is not
// legal); lost → the money is gone, the receipt is RETURNED and the case records it.
import type { Prisma } from "../db/generated/client.ts";
import { canTransition, type ReceiptState } from "../workflow/receipt-states.ts";
import { transitionReceipt } from "../workflow/transition-receipt.ts";
import { openExceptionCase } from "../exceptions/open-exception-case.ts";
import { fromMinor } from "../money/money.ts";
import { unixDate, type StripeDispute } from "./stripe-objects.ts";
import { cardNaturalKey, waitingForCharge, writeStripeEvent, type StripeContext, type StripeOutcome } from "./stripe-context.ts";

const DAY = 86_400_000;
const SUBJECT = "StripeDispute";

/** Due two days before Stripe's evidence deadline (never less than a day from now); three days without one. */
export function chargebackDueAt(evidenceDueBy: Date | null, now: Date): Date {
  if (!evidenceDueBy) return new Date(now.getTime() + 3 * DAY);
  return new Date(Math.max(evidenceDueBy.getTime() - 2 * DAY, now.getTime() + DAY));
}

async function findCase(tx: Prisma.TransactionClient, disputeId: string) {
  return tx.exceptionCase.findFirst({ where: { code: "CHARGEBACK", subjectType: SUBJECT, subjectId: disputeId }, orderBy: { createdAt: "desc" } });
}

export async function recordDisputeCreated(ctx: StripeContext, d: StripeDispute): Promise<StripeOutcome> {
  const { tx } = ctx;
  const chargeId = d.charge!;
  const r = await tx.receipt.findUnique({ where: { naturalKey: cardNaturalKey(chargeId) } });
  if (!r) return { status: "PENDING", waitingFor: waitingForCharge(chargeId), result: { waitingFor: chargeId } };
  const existing = await findCase(tx, d.id);
  if (existing) return { status: "PROCESSED", result: { receiptId: r.id, caseId: existing.id, note: "dispute already recorded" } };

  const previous = r.state as ReceiptState;
  const moved = canTransition(previous, "CHARGEBACK");
  if (moved) {
    await transitionReceipt(tx, {
      receiptId: r.id, from: previous, to: "CHARGEBACK", eventType: "payment.chargeback", exceptionCode: "CHARGEBACK", correlationId: ctx.correlationId,
      payload: { disputeId: d.id, reason: d.reason, amountMinor: String(d.amount), stripeEventId: ctx.eventId }, occurredAt: ctx.occurredAt,
    });
  }
  const amount = `${fromMinor(BigInt(d.amount), d.currency)} ${d.currency}`;
  const { caseId } = await openExceptionCase(tx, {
    code: "CHARGEBACK", entityId: r.entityId, receiptId: r.id, subjectType: SUBJECT, subjectId: d.id, priority: "HIGH",
    slaDueAt: chargebackDueAt(d.evidence_details?.due_by ? unixDate(d.evidence_details.due_by) : null, new Date()),
    amountMinor: BigInt(d.amount), currency: d.currency, correlationId: ctx.correlationId,
    reasons: [
      `card payment disputed by the cardholder (${d.reason ?? "no reason given"}): ${amount} on charge ${chargeId}`,
      ...(moved ? [] : [`the receipt stayed ${previous}: a receipt in that state cannot move to CHARGEBACK`]),
    ],
    suggestion: { previousState: previous, disputeId: d.id, chargeId, movedToChargeback: moved },
  });
  await writeStripeEvent(ctx, {
    type: "payment.disputed", receiptId: r.id, entityId: r.entityId, exceptionCode: "CHARGEBACK",
    businessKeys: { chargeId, disputeId: d.id }, payload: { reason: d.reason, amountMinor: String(d.amount), caseId },
  });
  return { status: "PROCESSED", result: { receiptId: r.id, caseId, state: moved ? "CHARGEBACK" : previous } };
}

export async function recordDisputeClosed(ctx: StripeContext, d: StripeDispute): Promise<StripeOutcome> {
  const { tx } = ctx;
  // Closed before created reached us (out of order): record the dispute first from the same object.
  const opened = await recordDisputeCreated(ctx, d);
  if (opened.status !== "PROCESSED") return opened;
  // A receipt has one active case: when it already had one (say SHORT_PAY), the dispute was added to that case
  // instead of a CHARGEBACK case of its own. Then the close is noted on that case, which stays someone else's work.
  const own = await findCase(tx, d.id);
  const sharedId = own ? null : (opened.result as { caseId?: string } | undefined)?.caseId;
  const c = own ?? (sharedId ? await tx.exceptionCase.findUnique({ where: { id: sharedId } }) : null);
  if (!c?.receiptId) return { status: "PROCESSED", result: { note: "dispute closed; no case carries it" } };
  if (own && (c.status === "RESOLVED" || c.status === "CANCELLED")) return { status: "PROCESSED", result: { caseId: c.id, note: "dispute already closed" } };
  const r = await tx.receipt.findUniqueOrThrow({ where: { id: c.receiptId } });
  const state = r.state as ReceiptState;
  const previous = own ? (((c.suggestion ?? {}) as { previousState?: ReceiptState }).previousState ?? null) : null;
  const won = d.status === "won" || d.status === "warning_closed";
  const common = { correlationId: ctx.correlationId, occurredAt: ctx.occurredAt, payload: { disputeId: d.id, status: d.status, stripeEventId: ctx.eventId } };

  let caseUpdate: Prisma.ExceptionCaseUpdateInput;
  let outcomeState: ReceiptState = state;
  if (won) {
    // Back to the main-line state it left; a published receipt comes back as posted (the nearest legal state).
    const target = previous && canTransition("CHARGEBACK", previous) ? previous : previous === "PUBLISHED" ? "POSTED" : null;
    if (state === "CHARGEBACK" && target) {
      await transitionReceipt(tx, { receiptId: r.id, from: state, to: target, eventType: "payment.dispute_won", ...common });
      outcomeState = target;
      caseUpdate = { status: "RESOLVED", resolution: `dispute won: receipt back to ${target}`, resolvedAt: new Date() };
    } else if (state === "CHARGEBACK") {
      await transitionReceipt(tx, { receiptId: r.id, from: state, to: "ESCALATED", eventType: "payment.dispute_won", ...common });
      outcomeState = "ESCALATED";
      caseUpdate = { status: "ESCALATED", priority: "NORMAL", reasons: { push: `dispute won; the receipt was ${previous ?? "unknown"} before it and cannot move back by itself: return it to the main line` } };
    } else {
      caseUpdate = { status: "RESOLVED", resolution: `dispute won; the receipt stayed ${state}`, resolvedAt: new Date() };
    }
  } else {
    if (canTransition(state, "RETURNED")) {
      await transitionReceipt(tx, { receiptId: r.id, from: state, to: "RETURNED", eventType: "payment.dispute_lost", exceptionCode: "CHARGEBACK", ...common });
      outcomeState = "RETURNED";
    }
    const live = await tx.application.count({ where: { receiptId: r.id, reversedAt: null } });
    const resolution = `dispute lost: ${fromMinor(BigInt(d.amount), d.currency)} ${d.currency} returned to the cardholder`;
    caseUpdate = live === 0 && outcomeState === "RETURNED"
      ? { status: "RESOLVED", resolution, resolvedAt: new Date() }
      : { resolution, reasons: { push: live > 0 ? `dispute lost: reverse the ${live} application(s) of this receipt in the ERP` : `dispute lost; the receipt stayed ${state}` } };
  }
  if (!own) caseUpdate = { reasons: { push: `dispute ${d.id} ${won ? "won" : `lost: ${fromMinor(BigInt(d.amount), d.currency)} ${d.currency} returned to the cardholder`}; the receipt is ${outcomeState}` } };
  await tx.exceptionCase.update({ where: { id: c.id }, data: { ...caseUpdate, version: { increment: 1 } } });
  await writeStripeEvent(ctx, {
    type: won ? "payment.dispute_won" : "payment.dispute_lost", receiptId: r.id, entityId: r.entityId, exceptionCode: "CHARGEBACK",
    businessKeys: { chargeId: d.charge, disputeId: d.id }, payload: { status: d.status, caseId: c.id, receiptState: outcomeState },
  });
  return { status: "PROCESSED", result: { receiptId: r.id, caseId: c.id, outcome: won ? "won" : "lost", state: outcomeState } };
}
