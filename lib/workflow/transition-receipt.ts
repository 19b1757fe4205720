// The only way a receipt changes state. Checks the move against receipt-states.ts, applies it with optimistic
// concurrency (the state the caller saw must still be the state in the database), and writes the
// WorkflowEvent that puts the move on the payment's timeline, in the caller's transaction.
import type { Prisma } from "../db/generated/client.ts";
import { canTransition, type ReceiptState } from "./receipt-states.ts";
import { problem } from "../http/problem.ts";

export class IllegalTransitionError extends Error {
  constructor(readonly from: ReceiptState, readonly to: ReceiptState) {
    super(`a receipt cannot move from ${from} to ${to}`);
  }
}

export type TransitionInput = {
  receiptId: string;
  from: ReceiptState;
  to: ReceiptState;
  eventType: string;
  correlationId?: string | null;
  actor?: { type: "system" | "user" | "engine" | "api_key"; id?: string | null };
  exceptionCode?: string | null;
  postingStatus?: string | null;
  payload?: Record<string, unknown>;
  occurredAt?: Date;
  extra?: Prisma.ReceiptUncheckedUpdateManyInput;
};

type Tx = Pick<Prisma.TransactionClient, "receipt" | "workflowEvent">;

/** Returns the id of the WorkflowEvent written for the move. */
export async function transitionReceipt(tx: Tx, input: TransitionInput): Promise<bigint> {
  if (!canTransition(input.from, input.to)) throw new IllegalTransitionError(input.from, input.to);
  const now = new Date();
  const updated = await tx.receipt.updateMany({
    where: { id: input.receiptId, state: input.from },
    data: { ...input.extra, state: input.to, stateChangedAt: now, version: { increment: 1 } },
  });
  if (updated.count !== 1) {
    throw problem(409, `receipt ${input.receiptId} is no longer ${input.from}: someone else acted on it first; reload and try again`);
  }
  const receipt = await tx.receipt.findUniqueOrThrow({ where: { id: input.receiptId }, select: { version: true, entityId: true } });
  const event = await tx.workflowEvent.create({
    select: { id: true },
    data: {
      type: input.eventType,
      receiptId: input.receiptId,
      entityId: receipt.entityId,
      sourceSystem: "cashline",
      sourceId: `${input.receiptId}:v${receipt.version}`,
      correlationId: input.correlationId ?? null,
      actorType: input.actor?.type ?? "system",
      actorId: input.actor?.id ?? null,
      fromState: input.from,
      toState: input.to,
      exceptionCode: input.exceptionCode ?? null,
      postingStatus: input.postingStatus ?? null,
      payload: (input.payload ?? {}) as Prisma.InputJsonValue,
      occurredAt: input.occurredAt ?? now,
      recordedAt: now,
    },
  });
  return event.id;
}
