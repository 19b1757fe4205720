// Worker side of the ERP posting job (spec in lib/posting/erp-posting-job-spec.ts). A fetched batch posts together
// (concurrent ERP calls, one transaction for the acknowledgements); each job is still settled on its own.
import { defineJob, singleFromBatch, type JobContext } from "../lib/jobs/define-job.ts";
import { enqueue } from "../lib/jobs/enqueue.ts";
import { erpPostingJob } from "../lib/posting/erp-posting-job-spec.ts";
import { erpConnection } from "../lib/posting/erp-connection.ts";
import { postJournalEntries, type PostResult } from "../lib/posting/post-journal-entries.ts";

type Item = { data: { journalEntryId: string }; ctx: JobContext };

async function postBatch(items: Item[]): Promise<Map<string, unknown>> {
  const finalAttempt = (ctx: JobContext) => ctx.attempt >= erpPostingJob.queue.retryLimit + 1;
  const results = await postJournalEntries(items.map(({ data, ctx }) => ({ journalEntryId: data.journalEntryId, correlationId: ctx.correlationId, finalAttempt: finalAttempt(ctx) })), erpConnection());
  const out = new Map<string, unknown>();
  for (const { data, ctx } of items) {
    const result: PostResult = results.get(data.journalEntryId)!;
    if (result.status === "error") {
      out.set(ctx.jobId, result.error);
      continue;
    }
    if (result.status === "deferred") {
      // The breaker is open: come back when it lets a probe through, without spending one of the job's retries.
      const seconds = Math.max(1, Math.ceil(((result.retryAt ?? Date.now()) - Date.now()) / 1000));
      // Keeping its priority: a card payment's posting stays in the express lane after the outage.
      await enqueue(erpPostingJob, data, { correlationId: ctx.correlationId, startAfterSeconds: seconds, ...(ctx.priority ? { priority: ctx.priority } : {}) });
      ctx.log("erp.deferred_circuit_open", { journalEntryId: data.journalEntryId, seconds });
    }
    out.set(ctx.jobId, result);
  }
  return out;
}

export const postJournalEntryJob = defineJob({
  ...erpPostingJob,
  handler: singleFromBatch(postBatch),
  handleBatch: postBatch,
});
