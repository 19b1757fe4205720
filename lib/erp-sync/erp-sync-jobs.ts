// The two ERP book-of-record jobs as senders see them (handlers in jobs/erp-*.job.ts).
//   erp.sync-entity      master data in for one legal entity; `stately` + the entity as key: at most one queued and
//                        one running per entity, however often the schedule and people ask
//   erp.publish-invoice  one billing invoice out to its entity's ERP; keyed by the invoice, enqueued in the
//                        transaction that created the invoice (exactly once: the ERP call carries an idempotency key)
import { z } from "zod";
import { defineJobSpec } from "../jobs/define-job.ts";
import { ErpPermanentError, ErpRetryableError } from "../erp/errors.ts";
import { PermanentJobError, RetryableJobError } from "../jobs/errors.ts";

export const erpSyncJob = defineJobSpec({
  name: "erp.sync-entity",
  schema: z.object({ entityId: z.string().min(1) }),
  queue: { retryLimit: 5, retryDelay: 30, retryBackoff: true, retryDelayMax: 600, expireInSeconds: 1800, heartbeatSeconds: 30, policy: "stately" },
  dedupeKey: (d) => d.entityId,
});

export const erpPublishInvoiceJob = defineJobSpec({
  name: "erp.publish-invoice",
  schema: z.object({ invoiceId: z.string().min(1) }),
  queue: { retryLimit: 50, retryDelay: 2, retryBackoff: true, retryDelayMax: 300, expireInSeconds: 120, heartbeatSeconds: 10, policy: "stately" },
  dedupeKey: (d) => d.invoiceId,
});

/** An ERP failure as the job error it is: the ERP may answer later (retry), or it refused for good (dead letter). */
export function asJobError(e: unknown): Error {
  if (e instanceof ErpRetryableError) return new RetryableJobError(e.message, e.retryAfterMs);
  if (e instanceof ErpPermanentError) return new PermanentJobError(e.message);
  return e instanceof Error ? e : new Error(String(e));
}
