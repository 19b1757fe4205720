// Creates a job's queue and its dead-letter queue once per process (pg-boss needs createQueue before send).
import type { PgBoss } from "pg-boss";
import { deadLetterQueue, type JobSpec } from "./define-job.ts";

/** A job's expiry when its spec names none. */
export const DEFAULT_EXPIRE_SECONDS = 300;

const created = new Set<string>();

export async function ensureQueue(boss: PgBoss, job: Pick<JobSpec, "name" | "queue">): Promise<void> {
  if (created.has(job.name)) return;
  const dead = deadLetterQueue(job.name);
  if (!(await boss.getQueue(dead))) await boss.createQueue(dead, { retentionSeconds: 30 * 86_400, deleteAfterSeconds: 30 * 86_400 });
  if (!(await boss.getQueue(job.name))) {
    await boss.createQueue(job.name, {
      policy: job.queue.policy ?? "standard",
      retryLimit: job.queue.retryLimit,
      retryDelay: job.queue.retryDelay,
      retryBackoff: job.queue.retryBackoff,
      ...(job.queue.heartbeatSeconds !== undefined ? { heartbeatSeconds: job.queue.heartbeatSeconds } : {}),
      ...(job.queue.retryDelayMax !== undefined ? { retryDelayMax: job.queue.retryDelayMax } : {}),
      expireInSeconds: job.queue.expireInSeconds ?? DEFAULT_EXPIRE_SECONDS,
      deadLetter: dead,
      notify: true,
    });
  }
  created.add(job.name);
}
