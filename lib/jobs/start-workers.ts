// Registers handlers for the given jobs on this process's pg-boss. Several processes (on several machines) may
// do this against one PostgreSQL: pg-boss hands each job to exactly one of them (SKIP LOCKED).
//
// Lanes: a job with an `expressPriority` has two. The express lane takes only jobs at or above that priority (a
// webhook's payment, a short statement), the bulk lane only those below it, so a statement of 10,000 payments
// never holds a card payment up inside one of its big batches. A process may run both lanes (`all`) or one.
import { getBoss } from "./boss.ts";
import type { AnyJobDefinition } from "./define-job.ts";
import { ensureQueue } from "./queues.ts";
import { runJobs } from "./run-job.ts";
import type { Env } from "../env.ts";

/** One definition of the lanes: the WORKER_LANES setting's. */
export type WorkerLanes = Env["WORKER_LANES"];

// NOTIFY wakes workers for new jobs at once; the poll still matters for retries and delayed jobs, which send no NOTIFY.
export async function startWorkers(jobs: AnyJobDefinition[], opts: { pollingIntervalSeconds?: number; lanes?: WorkerLanes } = {}): Promise<string[]> {
  const boss = await getBoss();
  const lanes = opts.lanes ?? "all";
  const started: string[] = [];
  for (const job of jobs) {
    const express = job.expressPriority;
    if (lanes === "express" && express === undefined) continue; // no small variant of this job: bulk workers run it
    await ensureQueue(boss, job);
    const options = {
      batchSize: job.batchSize ?? 1, localConcurrency: job.localConcurrency ?? 2, includeMetadata: true as const, perJobResults: true as const,
      pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 0.5, notifyPollingIntervalSeconds: Math.max(opts.pollingIntervalSeconds ?? 0.5, 1),
      // While fetches come back full there is a backlog: fetch again at once instead of waiting for the poll.
      burstWhenBatchFull: (job.batchSize ?? 1) > 1,
    };
    // Each job of a batch is settled on its own: one job's failure never retries the others.
    const handler = (batch: { id: string; data: unknown; retryCount: number }[]) => runJobs(boss, job, batch);
    if (lanes !== "express") {
      await boss.work(job.name, express === undefined ? options : { ...options, maxPriority: express - 1 }, handler);
      started.push(express === undefined ? job.name : `${job.name} (bulk)`);
    }
    if (lanes !== "bulk" && express !== undefined) {
      await boss.work(job.name, { ...options, localConcurrency: 2, minPriority: express }, handler);
      started.push(`${job.name} (express)`);
    }
  }
  return started;
}
