// Exactly-once intake of an outside system's event: the first delivery inserts the (sourceSystem, eventId) row
// and processes the event in the same transaction; a redelivery (even a concurrent one, which waits on the
// unique index until the first commits) finds the row and gets the first answer back.
import type { Prisma } from "../db/generated/client.ts";

type Tx = Pick<Prisma.TransactionClient, "inboundEvent">;

export type InboundOutcome = {
  status: "PROCESSED" | "PENDING" | "HELD" | "IGNORED";
  waitingFor?: string | null;
  result: Record<string, unknown>;
};

export async function claimInboundEvent(
  tx: Tx,
  input: { sourceSystem: string; eventId: string; type: string; documentId: string; occurredAt: Date; correlationId: string },
): Promise<{ claimed: true; id: string } | { claimed: false; status: string; result: Record<string, unknown> }> {
  const inserted = await tx.inboundEvent.createMany({ data: [{ ...input, status: "PENDING" }], skipDuplicates: true });
  const row = await tx.inboundEvent.findUniqueOrThrow({ where: { sourceSystem_eventId: { sourceSystem: input.sourceSystem, eventId: input.eventId } } });
  if (inserted.count === 1) return { claimed: true, id: row.id };
  return { claimed: false, status: row.status, result: (row.result ?? {}) as Record<string, unknown> };
}

export async function settleInboundEvent(tx: Tx, id: string, outcome: InboundOutcome): Promise<void> {
  const done = outcome.status === "PROCESSED" || outcome.status === "IGNORED";
  await tx.inboundEvent.update({
    where: { id },
    data: {
      status: outcome.status, waitingFor: done ? null : (outcome.waitingFor ?? null),
      result: outcome.result as Prisma.InputJsonValue, processedAt: done ? new Date() : null,
    },
  });
}

/** Events parked until `waitingFor` arrives, oldest first, with their raw payloads. */
export async function findWaitingEvents(tx: Pick<Prisma.TransactionClient, "inboundEvent">, sourceSystem: string, waitingFor: string, status: "PENDING" | "HELD") {
  return tx.inboundEvent.findMany({
    where: { sourceSystem, waitingFor, status },
    orderBy: [{ occurredAt: "asc" }, { receivedAt: "asc" }],
    include: { document: { select: { content: true } } },
  });
}
