// Express jobs (a webhook's payment) that nobody has taken for a while. With WORKER_LANES split, bulk workers never
// take them: if every express and `all` worker is gone, card payments would wait unseen. The worker's schedule
// asks this every 30 s and logs an error naming the queue, so the gap is noticed (and seen in any log alerting).
import { db } from "../db/client.ts";
import { textArray } from "../db/pg-array.ts";
import type { AnyJobDefinition } from "./define-job.ts";

export type WaitingExpress = { queue: string; waiting: number; oldestSeconds: number };

export async function findWaitingExpressJobs(jobs: AnyJobDefinition[], olderThanSeconds = 60): Promise<WaitingExpress[]> {
  const express = jobs.filter((j) => j.expressPriority !== undefined);
  if (express.length === 0) return [];
  // One priority threshold per queue: unnest the pairs rather than one query per queue.
  const rows = await db.$queryRawUnsafe<{ queue: string; waiting: number; oldestSeconds: number }[]>(`
    select j.name as queue, count(*)::int as waiting, extract(epoch from now() - min(j.start_after))::int as "oldestSeconds"
    from pgboss.job j join unnest($1::text[], $2::text[]) as q(name, min_priority) on j.name = q.name
    where j.state = 'created' and j.priority >= q.min_priority::int and j.start_after < now() - make_interval(secs => $3)
    group by j.name order by j.name`,
    textArray(express.map((j) => j.name)), textArray(express.map((j) => String(j.expressPriority))), olderThanSeconds);
  return rows;
}
