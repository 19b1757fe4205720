// Jobs waiting in dead-letter queues (`<queue>.dead`, see lib/jobs/define-job.ts) for a person to replay. They
// arrive two ways and both are read here: pg-boss moves a job whose retries ran out (data = the original
// envelope, source_* columns = where it came from and its last error), and run-job.ts sends permanent failures
// itself (data = { cid, data, error, jobId }). Read straight from pgboss.job; no pg-boss instance needed.
import { z } from "zod";
import { db } from "../db/client.ts";
import { pageQuery } from "../http/pagination.ts";

export const listDeadLettersQuery = pageQuery.extend({
  queue: z.string().trim().max(120).optional().describe("original queue name, e.g. erp.post-journal"),
});

export const deadLetterSchema = z.object({
  id: z.string().describe("the dead-letter job's id: pass with deadQueue to POST /api/v1/replays"),
  deadQueue: z.string(),
  queue: z.string(),
  originalJobId: z.string().nullable(),
  correlationId: z.string().nullable(),
  deadAt: z.string(),
  retryCount: z.number().int().nullable(),
  payloadSummary: z.string(),
  error: z.string().nullable(),
});
export const listDeadLettersResponse = z.object({
  available: z.boolean().describe("false when the job store (schema pgboss) does not exist yet"),
  total: z.number().int(),
  byQueue: z.array(z.object({ queue: z.string(), count: z.number().int() })),
  items: z.array(deadLetterSchema),
});
export type DeadLetter = z.infer<typeof deadLetterSchema>;

const SUMMARY_MAX = 160;

/** Pure: a one-line payload summary ("journalEntryId=je_1, attempt=3"), truncated. */
export function summarisePayload(data: unknown): string {
  if (data === null || data === undefined) return "—";
  if (typeof data !== "object") return String(data).slice(0, SUMMARY_MAX);
  const parts = Object.entries(data as Record<string, unknown>).map(([k, v]) => `${k}=${typeof v === "object" && v !== null ? JSON.stringify(v) : String(v)}`);
  const line = parts.join(", ");
  return line.length > SUMMARY_MAX ? `${line.slice(0, SUMMARY_MAX - 1)}…` : line || "{}";
}

/** Pure: the error text of either kind of dead letter. */
export function deadLetterError(data: unknown, sourceOutput: unknown): string | null {
  const own = (data as { error?: unknown } | null)?.error;
  if (typeof own === "string") return own;
  if (sourceOutput && typeof sourceOutput === "object") {
    const o = sourceOutput as { message?: unknown; value?: unknown };
    if (typeof o.message === "string") return o.message;
    if (typeof o.value === "string") return o.value;
    return JSON.stringify(sourceOutput).slice(0, 300);
  }
  return typeof sourceOutput === "string" ? sourceOutput : null;
}

export async function listDeadLetters(q: z.infer<typeof listDeadLettersQuery>) {
  const [exists] = await db.$queryRaw<{ ok: boolean }[]>`select to_regclass('pgboss.job') is not null as ok`;
  if (!exists?.ok) return { available: false, total: 0, byQueue: [], items: [] };
  const deadName = q.queue ? `${q.queue}.dead` : null;
  const [counts, rows] = await Promise.all([
    db.$queryRaw<{ name: string; n: bigint }[]>`
      select name, count(*)::bigint as n from pgboss.job
       where name like '%.dead' and state::text in ('created', 'retry', 'active', 'failed')
       group by name order by name`,
    db.$queryRaw<{ id: string; name: string; data: unknown; created_on: Date; source_name: string | null; source_id: string | null; source_retry_count: number | null; source_output: unknown }[]>`
      select id::text, name, data, created_on, source_name, source_id::text, source_retry_count, source_output
        from pgboss.job
       where name like '%.dead' and state::text in ('created', 'retry', 'active', 'failed')
         and (${deadName}::text is null or name = ${deadName}::text)
       order by created_on desc, id
       limit ${q.limit} offset ${q.offset}`,
  ]);
  const byQueue = counts.map((c) => ({ queue: c.name.replace(/\.dead$/, ""), count: Number(c.n) }));
  return {
    available: true,
    total: deadName ? (byQueue.find((b) => `${b.queue}.dead` === deadName)?.count ?? 0) : byQueue.reduce((s, b) => s + b.count, 0),
    byQueue,
    items: rows.map((r) => {
      const env = (r.data ?? {}) as { cid?: unknown; data?: unknown; jobId?: unknown };
      return {
        id: r.id,
        deadQueue: r.name,
        queue: r.source_name ?? r.name.replace(/\.dead$/, ""),
        originalJobId: typeof env.jobId === "string" ? env.jobId : r.source_id,
        correlationId: typeof env.cid === "string" ? env.cid : null,
        deadAt: r.created_on.toISOString(),
        retryCount: r.source_retry_count,
        payloadSummary: summarisePayload("data" in env ? env.data : r.data),
        error: deadLetterError(r.data, r.source_output),
      };
    }),
  };
}
