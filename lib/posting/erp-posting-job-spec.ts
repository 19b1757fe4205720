// The ERP posting job as senders see it. One job per journal entry until it settles: a failure is retried by
// pg-boss (same job, backoff 2 s doubling to 30 s); an open circuit is waited on inside the job and then retried
// the same way. The entry itself counts the failures that reached the ERP (ERP_ATTEMPTS_BEFORE_FAILURE) and goes
// to POSTING_FAILED after them; the job's own limit is high so that waits on an outage (up to ~45 minutes) never
// exhaust it, and after it the job is dead-lettered for a person to replay.
import { z } from "zod";
import { defineJobSpec } from "../jobs/define-job.ts";

export const erpPostingJob = defineJobSpec({
  name: "erp.post-journal-entry",
  schema: z.object({ journalEntryId: z.string().min(1) }),
  queue: { retryLimit: 100, retryDelay: 2, retryBackoff: true, retryDelayMax: 30, expireInSeconds: 120, heartbeatSeconds: 10, policy: "stately" },
  // Fetched 50 at a time (their ERP calls go out together, their acknowledgements are recorded in one transaction).
  batchSize: 50,
  expressPriority: 10,
  localConcurrency: 2,
  dedupeKey: (d) => d.journalEntryId,
});
