// Worker side of the ERP posting job (spec in lib/posting/erp-posting-job-spec.ts). A fetched batch posts together
// (concurrent ERP calls, one transaction for the acknowledgements); each job is still settled on its own. While
// the shared circuit is open the batch waits for it (no new jobs): up to DEFER_BUDGET_MS, well inside the job's
// expiry, then the waiting jobs fail retryably and pg-boss gives the same jobs back after its backoff.
import { defineJob, singleFromBatch, type JobContext } from "../lib/jobs/define-job.ts";
import { RetryableJobError } from "../lib/jobs/errors.ts";
import { erpPostingJob } from "../lib/posting/erp-posting-job-spec.ts";
import { erpConnections } from "../lib/posting/erp-connection.ts";
import { postJournalEntries, type PostResult } from "../lib/posting/post-journal-entries.ts";

type Item = { data: { journalEntryId: string }; ctx: JobContext };

export const DEFER_BUDGET_MS = Number(process.env.ERP_DEFER_BUDGET_MS ?? 60_000);

async function postBatch(items: Item[]): Promise<Map<string, unknown>> {
  const finalAttempt = (ctx: JobContext) => ctx.attempt >= erpPostingJob.queue.retryLimit + 1;
  const out = new Map<string, unknown>();
  const started = Date.now();
  let pending = items;
  while (pending.length > 0) {
    const results = await postJournalEntries(pending.map(({ data, ctx }) => ({ journalEntryId: data.journalEntryId, correlationId: ctx.correlationId, finalAttempt: finalAttempt(ctx), traceContext: ctx.traceContext })), erpConnections());
    const deferred: Item[] = [];
    let retryAt = Infinity;
    for (const item of pending) {
      const result: PostResult = results.get(item.data.journalEntryId)!;
      if (result.status === "deferred") {
        deferred.push(item);
        retryAt = Math.min(retryAt, result.retryAt ?? Date.now());
      } else {
        out.set(item.ctx.jobId, result.status === "error" ? result.error : result);
      }
    }
    if (deferred.length === 0) break;
    const wait = Math.max(250, retryAt - Date.now());
    if (Date.now() + wait - started > DEFER_BUDGET_MS) {
      for (const { data, ctx } of deferred) {
        ctx.log("erp.deferred_circuit_open", { journalEntryId: data.journalEntryId, waitedMs: Date.now() - started });
        out.set(ctx.jobId, new RetryableJobError("the ERP circuit is open: this posting waits for it (same job, retried)"));
      }
      break;
    }
    await new Promise((r) => setTimeout(r, wait));
    pending = deferred;
  }
  return out;
}

export const postJournalEntryJob = defineJob({
  ...erpPostingJob,
  handler: singleFromBatch(postBatch),
  handleBatch: postBatch,
});
