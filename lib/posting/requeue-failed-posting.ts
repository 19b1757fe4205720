// Puts a receipt's FAILED journal entries back in the posting queue with their SAME idempotency keys: the ERP
// keeps no record of a refused write, and a write it did book under the key is answered from its idempotency
// store, so a retry can never book the receipt twice. The receipt goes back to APPLIED (the ERP connector owns
// it again); its POSTING_FAILED case is resolved when the ERP acknowledges (record-erp-acks.ts).
import type { Prisma } from "../db/generated/client.ts";
import { enqueueMany } from "../jobs/enqueue.ts";
import { transitionReceipt } from "../workflow/transition-receipt.ts";
import { erpPostingJob } from "./erp-posting-job-spec.ts";

export async function requeueFailedPosting(tx: Prisma.TransactionClient, input: {
  receiptId: string; correlationId: string; actor: { type: "user" | "system"; id: string }; eventType: string; payload?: Record<string, unknown>;
  /** A STALLED receipt's entry may be PENDING with its job lost: send that one again too. */
  includePending?: boolean;
}): Promise<string[]> {
  const failed = await tx.journalEntry.findMany({ where: { receiptId: input.receiptId, status: { in: input.includePending ? ["FAILED", "PENDING"] : ["FAILED"] } }, orderBy: { createdAt: "asc" }, select: { id: true, idempotencyKey: true, lastError: true } });
  if (failed.length === 0) return [];
  // The posting date is chosen again from the ERP's periods (a correction may have changed the value date; the ERP
  // kept nothing of a refused write).
  await tx.journalEntry.updateMany({ where: { id: { in: failed.map((f) => f.id) } }, data: { status: "PENDING", erpPostingDate: null } });
  const r = await tx.receipt.findUniqueOrThrow({ where: { id: input.receiptId }, select: { state: true } });
  const payload = { journalEntryIds: failed.map((f) => f.id), idempotencyKeys: failed.map((f) => f.idempotencyKey), lastError: failed.at(-1)?.lastError ?? null, ...input.payload };
  if (r.state === "POSTING_FAILED") {
    await transitionReceipt(tx, { receiptId: input.receiptId, from: "POSTING_FAILED", to: "APPLIED", eventType: input.eventType, correlationId: input.correlationId, actor: input.actor, postingStatus: "retrying", exceptionCode: "POSTING_FAILED", payload });
  } else {
    const now = new Date();
    await tx.workflowEvent.create({ data: { type: input.eventType, receiptId: input.receiptId, sourceSystem: "cashline", sourceId: `${input.receiptId}:retry:${now.getTime()}`, correlationId: input.correlationId, actorType: input.actor.type, actorId: input.actor.id, postingStatus: "retrying", exceptionCode: "POSTING_FAILED", payload: payload as Prisma.InputJsonValue, occurredAt: now, recordedAt: now } });
  }
  await enqueueMany(erpPostingJob, failed.map((f) => ({ data: { journalEntryId: f.id }, priority: 10, correlationId: input.correlationId })), { tx });
  return failed.map((f) => f.id);
}
