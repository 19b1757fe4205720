// Registers handlers for the given jobs on this process's pg-boss. Several processes (on several machines) may
// do this against one PostgreSQL: pg-boss hands each job to exactly one of them (SKIP LOCKED).
import { getBoss } from "./boss.ts";
import type { AnyJobDefinition } from "./define-job.ts";
import { ensureQueue } from "./queues.ts";
import { runJobs } from "./run-job.ts";

// NOTIFY wakes workers for new jobs at once; the poll still matters for retries and delayed jobs, which send no NOTIFY.
export async function startWorkers(jobs: AnyJobDefinition[], opts: { pollingIntervalSeconds?: number } = {}): Promise<void> {
  const boss = await getBoss();
  for (const job of jobs) {
    await ensureQueue(boss, job);
    const options = {
      batchSize: job.batchSize ?? 1, localConcurrency: job.localConcurrency ?? 2, includeMetadata: true as const, perJobResults: true as const,
      pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 0.5, notifyPollingIntervalSeconds: Math.max(opts.pollingIntervalSeconds ?? 0.5, 1),
      // While fetches come back full there is a backlog: fetch again at once instead of waiting for the poll.
      burstWhenBatchFull: (job.batchSize ?? 1) > 1,
    };
    // Each job of a batch is settled on its own: one job's failure never retries the others.
    const handler = (batch: { id: string; data: unknown; retryCount: number }[]) => runJobs(boss, job, batch);
    await boss.work(job.name, options, handler);
    if (job.expressPriority !== undefined) await boss.work(job.name, { ...options, localConcurrency: 2, minPriority: job.expressPriority }, handler);
  }
}
