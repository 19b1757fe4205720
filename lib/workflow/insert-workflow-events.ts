// Many WorkflowEvents in one INSERT (bulk-insert.ts): a batch of hundreds of timeline steps costs one round trip.
// Idempotent on the event's natural key.
import type { Prisma } from "../db/generated/client.ts";
import { bulkInsert } from "../db/bulk-insert.ts";

export type WorkflowEventRow = {
  type: string; receiptId: string | null; entityId: string | null; sourceSystem: string; sourceId: string; correlationId: string | null;
  actorType: string; actorId: string | null; fromState: string | null; toState: string | null; exceptionCode: string | null; postingStatus: string | null;
  payload: unknown; occurredAt: Date; recordedAt: Date; businessKeys?: unknown;
};

/** Returns the new rows' ids with their receipt and source id (an event already recorded is skipped). */
export function insertWorkflowEvents(tx: Pick<Prisma.TransactionClient, "$queryRawUnsafe">, rows: WorkflowEventRow[]) {
  return bulkInsert<WorkflowEventRow, { id: bigint; receiptId: string | null; sourceId: string }>(tx, "WorkflowEvent", rows, [
    ["type", "text", (r) => r.type], ["receiptId", "text", (r) => r.receiptId], ["entityId", "text", (r) => r.entityId],
    ["sourceSystem", "text", (r) => r.sourceSystem], ["sourceId", "text", (r) => r.sourceId], ["correlationId", "text", (r) => r.correlationId],
    ["actorType", "text", (r) => r.actorType], ["actorId", "text", (r) => r.actorId], ["fromState", "text", (r) => r.fromState], ["toState", "text", (r) => r.toState],
    ["exceptionCode", "text", (r) => r.exceptionCode], ["postingStatus", "text", (r) => r.postingStatus], ["payload", "jsonb", (r) => JSON.stringify(r.payload ?? {})], ["businessKeys", "jsonb", (r) => JSON.stringify(r.businessKeys ?? {})],
    ["occurredAt", "timestamp", (r) => r.occurredAt], ["recordedAt", "timestamp", (r) => r.recordedAt],
  ], { onConflict: `("sourceSystem", "sourceId", type) do nothing`, returning: `id, "receiptId", "sourceId"` });
}
