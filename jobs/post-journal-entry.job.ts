// Worker side of the ERP posting job (spec in lib/posting/erp-posting-job-spec.ts).
import { defineJob } from "../lib/jobs/define-job.ts";
import { enqueue } from "../lib/jobs/enqueue.ts";
import { erpPostingJob } from "../lib/posting/erp-posting-job-spec.ts";
import { erpConnection } from "../lib/posting/erp-connection.ts";
import { postJournalEntry } from "../lib/posting/post-journal-entry.ts";

export const postJournalEntryJob = defineJob({
  ...erpPostingJob,
  handler: async (data, ctx) => {
    const conn = erpConnection();
    const finalAttempt = ctx.attempt >= erpPostingJob.queue.retryLimit + 1;
    const outcome = await postJournalEntry(data.journalEntryId, { correlationId: ctx.correlationId, finalAttempt, erp: conn.erp, ensureCustomer: conn.ensureCustomer });
    if (outcome.status === "deferred") {
      // The breaker is open: come back when it lets a probe through, without spending one of the job's retries.
      const seconds = Math.max(1, Math.ceil(((outcome.retryAt ?? Date.now()) - Date.now()) / 1000));
      await enqueue(erpPostingJob, data, { correlationId: ctx.correlationId, startAfterSeconds: seconds });
      ctx.log("erp.deferred_circuit_open", { journalEntryId: data.journalEntryId, seconds });
    }
    return outcome;
  },
});
