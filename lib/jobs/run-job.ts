// Runs fetched jobs through the base: validates each envelope and payload, logs with the correlation id, and
// sorts failures: permanent ones go to the dead-letter queue at once (no pointless retries), retryable ones are
// reported failed for pg-boss to retry with backoff (and dead-letter after the limit). Each job of a batch is
// settled on its own (pg-boss perJobResults).
import type { JobResult, PgBoss } from "pg-boss";
import { logger } from "../log/logger.ts";
import { watchHandler } from "./handler-watch.ts";
import { DEFAULT_EXPIRE_SECONDS } from "./queues.ts";
import { deadLetterQueue, envelopeSchema, type AnyJobDefinition, type JobContext } from "./define-job.ts";
import { isPermanent } from "./errors.ts";
import { jobDuration, jobsTotal } from "../metrics/process-metrics.ts";
import { context, startJobSpan } from "../tracing/tracing.ts";

export type FetchedJob = { id: string; data: unknown; retryCount?: number; priority?: number };

type Prepared = { fetched: FetchedJob; cid: string; log: ReturnType<typeof logger.child>; data: unknown; ctx: JobContext; started: number; endSpan: (error?: unknown) => void };

async function settle(boss: PgBoss, job: AnyJobDefinition, p: Prepared, outcome: { ok: true; result: unknown } | { ok: false; error: unknown }): Promise<JobResult> {
  const result = await settleOne(boss, job, p, outcome);
  p.endSpan(outcome.ok ? undefined : outcome.error);
  const deadLettered = (result.output as { deadLettered?: boolean } | undefined)?.deadLettered === true;
  jobsTotal.inc({ queue: job.name, outcome: result.status === "failed" ? "retry" : deadLettered ? "dead_letter" : "completed" });
  jobDuration.observe({ queue: job.name }, (Date.now() - p.started) / 1000);
  return result;
}

async function settleOne(boss: PgBoss, job: AnyJobDefinition, p: Prepared, outcome: { ok: true; result: unknown } | { ok: false; error: unknown }): Promise<JobResult> {
  if (outcome.ok) {
    p.log.debug("job.done", { ms: Date.now() - p.started });
    return { id: p.fetched.id, status: "completed", output: outcome.result ?? undefined };
  }
  const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
  if (isPermanent(outcome.error)) {
    p.log.error("job.failed_permanently", { error: message });
    await boss.send(deadLetterQueue(job.name), { cid: p.cid, data: p.data, error: message, jobId: p.fetched.id });
    return { id: p.fetched.id, status: "completed", output: { deadLettered: true, error: message } };
  }
  p.log.warn("job.failed_will_retry", { error: message, attempt: (p.fetched.retryCount ?? 0) + 1 });
  return { id: p.fetched.id, status: "failed", output: { message } };
}

export async function runJobs(boss: PgBoss, job: AnyJobDefinition, batch: FetchedJob[]): Promise<JobResult[]> {
  const done = watchHandler(job.name, job.queue.expireInSeconds ?? DEFAULT_EXPIRE_SECONDS);
  try {
    return await runWatched(boss, job, batch);
  } finally {
    done();
  }
}

async function runWatched(boss: PgBoss, job: AnyJobDefinition, batch: FetchedJob[]): Promise<JobResult[]> {
  const results: JobResult[] = [];
  const ready: Prepared[] = [];
  for (const fetched of batch) {
    const env = envelopeSchema.safeParse(fetched.data);
    const cid = env.success ? env.data.cid : `cid_unknown_${fetched.id}`;
    const log = logger.child({ job: job.name, jobId: fetched.id, cid });
    const payload = env.success ? job.schema.safeParse(env.data.data) : null;
    if (!payload?.success) {
      const message = payload ? payload.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") : "job envelope malformed";
      log.error("job.invalid_payload", { error: message });
      await boss.send(deadLetterQueue(job.name), { cid, data: fetched.data, error: `invalid payload: ${message}`, jobId: fetched.id });
      results.push({ id: fetched.id, status: "completed", output: { deadLettered: true } });
      jobsTotal.inc({ queue: job.name, outcome: "invalid" });
      continue;
    }
    const span = startJobSpan(job.name, fetched.id, cid, env.success ? env.data.tp : undefined);
    const ctx: JobContext = { jobId: fetched.id, correlationId: cid, attempt: (fetched.retryCount ?? 0) + 1, priority: fetched.priority ?? 0, log: (msg, fields) => log.info(msg, fields), traceContext: span.context };
    ready.push({ fetched, cid, log, data: payload.data, ctx, started: Date.now(), endSpan: span.end });
  }
  if (job.handleBatch && ready.length > 0) {
    const outcomes = await job.handleBatch(ready.map((p) => ({ data: p.data, ctx: p.ctx })));
    for (const p of ready) {
      const o = outcomes.get(p.fetched.id);
      results.push(await settle(boss, job, p, o instanceof Error ? { ok: false, error: o } : { ok: true, result: o }));
    }
    return results;
  }
  for (const p of ready) {
    const outcome = await context.with(p.ctx.traceContext!, () => job.handler(p.data, p.ctx)).then((result) => ({ ok: true as const, result }), (error: unknown) => ({ ok: false as const, error }));
    results.push(await settle(boss, job, p, outcome));
  }
  return results;
}
