// Exactly-once intake of an outside system's event: the first delivery inserts the (sourceSystem, eventId) row
// and processes the event in the same transaction; a redelivery (even a concurrent one, which waits on the
// unique index until the first commits) finds the row and gets the first answer back.
import type { Prisma } from "../db/generated/client.ts";
import { newId } from "../db/new-id.ts";
import { utcFromEpochMs } from "../db/pg-array.ts";

type Tx = Pick<Prisma.TransactionClient, "inboundEvent" | "$queryRawUnsafe" | "$executeRawUnsafe">;

export type InboundOutcome = {
  status: "PROCESSED" | "PENDING" | "HELD" | "IGNORED";
  waitingFor?: string | null;
  result: Record<string, unknown>;
};

export async function claimInboundEvent(
  tx: Tx,
  input: { sourceSystem: string; eventId: string; type: string; documentId: string; occurredAt: Date; correlationId: string },
): Promise<{ claimed: true; id: string } | { claimed: false; status: string; result: Record<string, unknown> }> {
  // One statement: claim it, or read the earlier delivery's status and result.
  const [row] = await tx.$queryRawUnsafe<{ id: string; status: string; result: Record<string, unknown> | null; claimed: boolean }[]>(`
    with ins as (
      insert into "InboundEvent" (id, "sourceSystem", "eventId", type, status, "documentId", "occurredAt", "correlationId", "receivedAt")
      values ($1, $2, $3, $4, 'PENDING', $5, ${utcFromEpochMs("$6")}, $7, (now() at time zone 'UTC'))
      on conflict ("sourceSystem", "eventId") do nothing
      returning id, status::text as status, result, true as claimed)
    select * from ins
    union all
    select id, status::text, result, false from "InboundEvent" where "sourceSystem" = $2 and "eventId" = $3 and not exists (select 1 from ins)`,
    newId(), input.sourceSystem, input.eventId, input.type, input.documentId, String(input.occurredAt.getTime()), input.correlationId);
  // A concurrent delivery claimed it after this statement's snapshot: read its row now.
  const other = row ?? (await tx.$queryRawUnsafe<NonNullable<typeof row>[]>(
    `select id, status::text as status, result, false as claimed from "InboundEvent" where "sourceSystem" = $1 and "eventId" = $2`, input.sourceSystem, input.eventId))[0]!;
  if (other.claimed) return { claimed: true, id: other.id };
  return { claimed: false, status: other.status, result: other.result ?? {} };
}

export async function settleInboundEvent(tx: Tx, id: string, outcome: InboundOutcome): Promise<void> {
  const done = outcome.status === "PROCESSED" || outcome.status === "IGNORED";
  await tx.$executeRawUnsafe(
    `update "InboundEvent" set status = $2::"InboundEventStatus", "waitingFor" = $3, result = $4::jsonb, "processedAt" = case when $5 then (now() at time zone 'UTC') else null end where id = $1`,
    id, outcome.status, done ? null : (outcome.waitingFor ?? null), JSON.stringify(outcome.result), done);
}

/** Events parked until `waitingFor` arrives, oldest first, with their raw payloads. */
export async function findWaitingEvents(tx: Pick<Prisma.TransactionClient, "inboundEvent" | "$queryRawUnsafe">, sourceSystem: string, waitingFor: string, status: "PENDING" | "HELD") {
  // Asked on every event that others might wait for: one cheap query (index status, waitingFor), nothing when none wait.
  const ids = await tx.$queryRawUnsafe<{ id: string }[]>(`select id from "InboundEvent" where "sourceSystem" = $1 and "waitingFor" = $2 and status = $3::"InboundEventStatus"`, sourceSystem, waitingFor, status);
  if (ids.length === 0) return [];
  return tx.inboundEvent.findMany({
    where: { id: { in: ids.map((r) => r.id) } },
    orderBy: [{ occurredAt: "asc" }, { receivedAt: "asc" }],
    include: { document: { select: { content: true } } },
  });
}
