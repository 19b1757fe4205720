// The ERP posting job as senders see it. Retries with exponential backoff (2 s doubling to 30 s, 10 tries, so an
// ERP outage of a few minutes is ridden out) before the job is dead-lettered for a person to replay.
import { z } from "zod";
import { defineJobSpec } from "../jobs/define-job.ts";

export const erpPostingJob = defineJobSpec({
  name: "erp.post-journal-entry",
  schema: z.object({ journalEntryId: z.string().min(1) }),
  queue: { retryLimit: 10, retryDelay: 2, retryBackoff: true, retryDelayMax: 30, expireInSeconds: 120, heartbeatSeconds: 10, policy: "stately" },
  // Fetched 50 at a time (their ERP calls go out together, their acknowledgements are recorded in one transaction).
  batchSize: 50,
  expressPriority: 10,
  localConcurrency: 2,
  dedupeKey: (d) => d.journalEntryId,
});
