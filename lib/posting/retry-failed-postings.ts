// Automatic retry of postings that failed for a passing reason (the ERP down, rate-limited, in maintenance) once the
// entity's ERP connection is healthy again: its circuit breaker is not open and a read through it answers. Refusals of the
// posting itself (an unknown customer account, a closed period) are left to a person ("Correct and repost").
// Runs on the worker's schedule; the entries keep their idempotency keys, so racing a person's retry is harmless.
import { db } from "../db/client.ts";
import type { ErpAdapter } from "../erp/adapter.ts";
import type { BreakerState } from "../erp/circuit-breaker.ts";
import { newCorrelationId } from "../jobs/define-job.ts";
import { requeueFailedPosting } from "./requeue-failed-posting.ts";

/** A failure the ERP's own state explains (nothing wrong with the posting): worth retrying automatically. */
export const TRANSIENT_ERP_ERROR = /\b(5\d\d|429|timed? ?out|ECONNREFUSED|ECONNRESET|socket hang up|maintenance|unavailable|rate limit|circuit)\b/i;

type Probe = { adapter: Pick<ErpAdapter, "lookupReceipt">; breaker: { sharedState: () => Promise<BreakerState> } };

export async function retryFailedPostings(conns: { forEntity(e: { id: string; code: string }): Promise<Probe> }, limit = 50): Promise<{ retried: string[]; healthy: boolean }> {
  const candidates = await db.$queryRaw<{ receiptId: string; entityId: string; entityCode: string; lastError: string | null; permanent: boolean | null }[]>`
    select r.id as "receiptId", r."entityId", e.code as "entityCode", j."lastError",
           (select (w.payload->>'permanent')::boolean from "WorkflowEvent" w
             where w."receiptId" = r.id and w.type = 'receipt.posting_failed' order by w.id desc limit 1) as permanent
      from "Receipt" r join "JournalEntry" j on j."receiptId" = r.id and j.status = 'FAILED' join "LegalEntity" e on e.id = r."entityId"
     where r.state = 'POSTING_FAILED'
     order by r."stateChangedAt" limit ${limit}`;
  const transient = candidates.filter((c) => c.permanent !== true && TRANSIENT_ERP_ERROR.test(c.lastError ?? ""));
  if (transient.length === 0) return { retried: [], healthy: true };
  // Per entity's connection: the circuit every worker shares for it (open on any worker means down for all), then a
  // read through it. `healthy` is false when any entity's ERP is still down.
  const up = new Set<string>();
  for (const [entityId, entityCode] of new Map(transient.map((c) => [c.entityId, c.entityCode]))) {
    try {
      const erp = await conns.forEntity({ id: entityId, code: entityCode });
      if ((await erp.breaker.sharedState()).status === "open") continue;
      await erp.adapter.lookupReceipt("CL-health-probe", entityCode);
      up.add(entityId);
    } catch { /* still down */ }
  }
  const healthy = up.size === new Set(transient.map((c) => c.entityId)).size;
  const ready = transient.filter((c) => up.has(c.entityId));
  const retried: string[] = [];
  for (const receiptId of [...new Set(ready.map((c) => c.receiptId))]) {
    const done = await db.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ state: string }[]>`select state::text as state from "Receipt" where id = ${receiptId} for update`;
      if (row?.state !== "POSTING_FAILED") return false; // someone retried or corrected it meanwhile
      const entries = await requeueFailedPosting(tx, { receiptId, correlationId: newCorrelationId(), actor: { type: "system", id: "erp-auto-retry" }, eventType: "posting.auto_retried", payload: { why: "the ERP connector is healthy again" } });
      await tx.auditLog.create({ data: { actorType: "system", actorLabel: "erp-auto-retry", action: "posting.auto_retried", targetType: "Receipt", targetId: receiptId, details: { journalEntryIds: entries } } });
      return entries.length > 0;
    });
    if (done) retried.push(receiptId);
  }
  return { retried, healthy };
}
