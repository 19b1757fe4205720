// After an action: if nothing is left unapplied, the receipt is done from the analyst's side: its open case is
// resolved, the receipt moves to APPLIED (through the state machine) and the journal entry + ERP posting job are
// written in the same transaction. Otherwise the case is marked as being worked on.
import { requestErpPosting } from "../posting/request-erp-posting.ts";
import { transitionReceipt } from "../workflow/transition-receipt.ts";
import type { ReceiptState } from "../workflow/receipt-states.ts";
import type { Actor, Tx } from "./action-context.ts";

const DONE: readonly string[] = ["APPLIED", "POSTED", "PUBLISHED"];

export async function settleReceipt(tx: Tx, input: { receiptId: string; actor: Actor; correlationId: string; resolution: string; eventPayload?: Record<string, unknown> }) {
  const r = await tx.receipt.findUniqueOrThrow({ where: { id: input.receiptId }, select: { unappliedMinor: true, state: true } });
  if (r.unappliedMinor > 0n) {
    await tx.exceptionCase.updateMany({ where: { receiptId: input.receiptId, status: "OPEN" }, data: { status: "IN_PROGRESS", version: { increment: 1 } } });
    return { settled: false as const, journalEntryId: null };
  }
  const now = new Date();
  await tx.exceptionCase.updateMany({
    where: { receiptId: input.receiptId, status: { in: ["OPEN", "IN_PROGRESS", "ESCALATED"] } },
    data: { status: "RESOLVED", resolution: input.resolution, resolvedAt: now, resolvedById: input.actor.id, version: { increment: 1 } },
  });
  let state = r.state as ReceiptState;
  const actor = { type: "user" as const, id: input.actor.id };
  if (state === "RECEIVED") {
    await transitionReceipt(tx, { receiptId: input.receiptId, from: state, to: "IDENTIFIED", eventType: "customer.identified", correlationId: input.correlationId, actor });
    state = "IDENTIFIED";
  }
  if (!DONE.includes(state)) {
    await transitionReceipt(tx, {
      receiptId: input.receiptId, from: state, to: "APPLIED", eventType: "receipt.applied", correlationId: input.correlationId, actor,
      payload: { resolution: input.resolution, ...input.eventPayload },
    });
  }
  await tx.bankTransaction.updateMany({ where: { receiptId: input.receiptId, amountMinor: { gt: 0n } }, data: { reconciled: true } });
  const journalEntryId = await requestErpPosting(tx, { receiptId: input.receiptId, correlationId: input.correlationId });
  return { settled: true as const, journalEntryId };
}
