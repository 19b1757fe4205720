// Automatic retry of postings that failed for a passing reason (the ERP down, rate-limited, in maintenance) once the
// ERP connector is healthy again: the circuit breaker is not open and a read through it answers. Refusals of the
// posting itself (an unknown customer account, a closed period) are left to a person ("Correct and repost").
// Runs on the worker's schedule; the entries keep their idempotency keys, so racing a person's retry is harmless.
import { db } from "../db/client.ts";
import type { ErpClient } from "../erp/index.ts";
import type { BreakerState } from "../erp/circuit-breaker.ts";
import { newCorrelationId } from "../jobs/define-job.ts";
import { requeueFailedPosting } from "./requeue-failed-posting.ts";

/** A failure the ERP's own state explains (nothing wrong with the posting): worth retrying automatically. */
export const TRANSIENT_ERP_ERROR = /\b(5\d\d|429|timed? ?out|ECONNREFUSED|ECONNRESET|socket hang up|maintenance|unavailable|rate limit|circuit)\b/i;

export async function retryFailedPostings(conn: { erp: Pick<ErpClient, "findReceipts">; breaker: { sharedState: () => Promise<BreakerState> } }, limit = 50): Promise<{ retried: string[]; healthy: boolean }> {
  const candidates = await db.$queryRaw<{ receiptId: string; lastError: string | null; permanent: boolean | null }[]>`
    select r.id as "receiptId", j."lastError",
           (select (e.payload->>'permanent')::boolean from "WorkflowEvent" e
             where e."receiptId" = r.id and e.type = 'receipt.posting_failed' order by e.id desc limit 1) as permanent
      from "Receipt" r join "JournalEntry" j on j."receiptId" = r.id and j.status = 'FAILED'
     where r.state = 'POSTING_FAILED'
     order by r."stateChangedAt" limit ${limit}`;
  const transient = candidates.filter((c) => c.permanent !== true && TRANSIENT_ERP_ERROR.test(c.lastError ?? ""));
  // The circuit every worker shares (lib/erp/shared-circuit-breaker.ts): open on any worker means down for all.
  const circuit = await conn.breaker.sharedState();
  if (transient.length === 0) return { retried: [], healthy: circuit.status === "closed" };
  if (circuit.status === "open") return { retried: [], healthy: false };
  try {
    await conn.erp.findReceipts({ receiptNumber: "CL-health-probe" });
  } catch {
    return { retried: [], healthy: false };
  }
  const retried: string[] = [];
  for (const receiptId of [...new Set(transient.map((c) => c.receiptId))]) {
    const done = await db.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ state: string }[]>`select state::text as state from "Receipt" where id = ${receiptId} for update`;
      if (row?.state !== "POSTING_FAILED") return false; // someone retried or corrected it meanwhile
      const entries = await requeueFailedPosting(tx, { receiptId, correlationId: newCorrelationId(), actor: { type: "system", id: "erp-auto-retry" }, eventType: "posting.auto_retried", payload: { why: "the ERP connector is healthy again" } });
      await tx.auditLog.create({ data: { actorType: "system", actorLabel: "erp-auto-retry", action: "posting.auto_retried", targetType: "Receipt", targetId: receiptId, details: { journalEntryIds: entries } } });
      return entries.length > 0;
    });
    if (done) retried.push(receiptId);
  }
  return { retried, healthy: true };
}
