// Asks for a master-data sync of one entity or of all (the schedule, the Connectors page's button, the API). A
// person's request is audited in the transaction that enqueues it.
import { db } from "../db/client.ts";
import { problem } from "../http/problem.ts";
import { enqueue } from "../jobs/enqueue.ts";
import { getBoss } from "../jobs/boss.ts";
import { newCorrelationId } from "../jobs/define-job.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { erpSyncJob } from "./erp-sync-jobs.ts";

export type SyncRequester = { type: "user" | "api_key"; id: string; label: string; requestId?: string | null } | { type: "system" };

export async function requestErpSync(input: { entity?: string }, by: SyncRequester = { type: "system" }) {
  const entities = await db.legalEntity.findMany({ where: input.entity ? { code: input.entity.toUpperCase() } : undefined, orderBy: { code: "asc" }, select: { id: true, code: true } });
  if (input.entity && entities.length === 0) throw problem(404, `entity: no legal entity "${input.entity}"`);
  await getBoss(); // started before the transaction, so no row lock waits on pg-boss's start
  const correlationId = newCorrelationId();
  return db.$transaction(async (tx) => {
    const requested: { entity: string; jobId: string | null }[] = [];
    for (const e of entities) requested.push({ entity: e.code, jobId: await enqueue(erpSyncJob, { entityId: e.id }, { tx, correlationId }) });
    if (by.type !== "system") {
      await writeAudit({
        actorType: by.type, actorId: by.id, actorLabel: by.label, requestId: by.requestId ?? null, action: "erp.sync_requested",
        targetType: "LegalEntity", targetId: input.entity ?? "*", details: { requested, correlationId },
      }, tx);
    }
    return { requested };
  });
}
