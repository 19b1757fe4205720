// Attaching an advice to its receipt, in the caller's transaction: the link (rule, confidence) on the advice, a
// `remittance.linked` step on the payment's timeline, and — when the receipt sits in an exception the engine may
// re-decide (nobody is working on its case) — a re-decision through the cash-application job (reason "remittance"),
// recorded as `remittance.redecision_requested`. A receipt not decided yet (RECEIVED) is decided with its advice
// by the job already queued for it; one applied already keeps its decision (the advice is kept for the record).
import type { Prisma } from "../db/generated/client.ts";
import { enqueue } from "../jobs/enqueue.ts";
import { applyReceiptsJob } from "../cash-application/apply-receipts-job-spec.ts";
import { fromMinor } from "../money/money.ts";
import type { LinkFinding } from "./link-advice-to-receipt.ts";

/** Exception states the engine re-decides when an advice arrives (ENGINE_STATES.remittance). */
export const REDECIDE_STATES = ["UNIDENTIFIED", "NEEDS_REVIEW", "SHORT_PAY", "OVERPAYMENT"] as const;
const BUSY_CASE = ["IN_PROGRESS", "ESCALATED", "PENDING_APPROVAL"] as const;

type Actor = { type: "user" | "api_key" | "system" | "engine"; id: string | null };

export async function attachAdvice(tx: Prisma.TransactionClient, input: {
  advice: { id: string; paymentReference: string; currency: string; amountMinor: bigint };
  receiptId: string; finding: LinkFinding | { rule: "manual"; confidence: number }; correlationId: string; actor: Actor;
  /** The engine is deciding this receipt right now (linked on its arrival): no separate re-decision. */
  decidingNow?: boolean;
}): Promise<{ redecide: boolean }> {
  const { advice } = input;
  const receipt = await tx.receipt.findUniqueOrThrow({ where: { id: input.receiptId }, select: { id: true, entityId: true, state: true, customerId: true } });
  await tx.remittanceAdvice.update({
    where: { id: advice.id },
    data: { receiptId: receipt.id, entityId: receipt.entityId, linkRule: input.finding.rule, linkConfidence: input.finding.confidence, linkedAt: new Date(), status: "LINKED" },
  });
  const now = new Date();
  const event = (type: string, payload: Record<string, unknown>) => tx.workflowEvent.createMany({
    data: [{
      type, receiptId: receipt.id, entityId: receipt.entityId, sourceSystem: "cashline", sourceId: advice.id, correlationId: input.correlationId,
      actorType: input.actor.type, actorId: input.actor.id, payload: payload as Prisma.InputJsonValue, occurredAt: now, recordedAt: now,
      businessKeys: { adviceId: advice.id, paymentReference: advice.paymentReference } as Prisma.InputJsonValue,
    }],
    skipDuplicates: true,
  });
  await event("remittance.linked", {
    adviceId: advice.id, paymentReference: advice.paymentReference, amount: fromMinor(advice.amountMinor, advice.currency), currency: advice.currency,
    rule: input.finding.rule, confidence: input.finding.confidence,
  });
  const busy = await tx.exceptionCase.count({ where: { receiptId: receipt.id, status: { in: [...BUSY_CASE] } } });
  const redecide = !input.decidingNow && (REDECIDE_STATES as readonly string[]).includes(receipt.state) && busy === 0;
  if (redecide) {
    await enqueue(applyReceiptsJob, { receiptIds: [receipt.id], reason: "remittance" }, { correlationId: input.correlationId, tx, priority: 10 });
    await event("remittance.redecision_requested", { adviceId: advice.id, fromState: receipt.state, why: "a remittance advice arrived for a payment in exception" });
  }
  return { redecide };
}
