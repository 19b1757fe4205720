// Runs one fetched job through the base: validates the envelope and payload, logs with the correlation id,
// and sorts failures: permanent ones go to the dead-letter queue at once (no pointless retries), retryable
// ones are rethrown for pg-boss to retry with backoff (and dead-letter after the limit).
import type { PgBoss } from "pg-boss";
import { logger } from "../log/logger.ts";
import { deadLetterQueue, envelopeSchema, type AnyJobDefinition } from "./define-job.ts";
import { isPermanent } from "./errors.ts";

export type FetchedJob = { id: string; data: unknown; retryCount?: number };

export async function runJob(boss: PgBoss, job: AnyJobDefinition, fetched: FetchedJob): Promise<unknown> {
  const env = envelopeSchema.safeParse(fetched.data);
  const cid = env.success ? env.data.cid : `cid_unknown_${fetched.id}`;
  const log = logger.child({ job: job.name, jobId: fetched.id, cid });
  const payload = env.success ? job.schema.safeParse(env.data.data) : null;
  if (!payload?.success) {
    const message = payload ? payload.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") : "job envelope malformed";
    log.error("job.invalid_payload", { error: message });
    await boss.send(deadLetterQueue(job.name), { cid, data: fetched.data, error: `invalid payload: ${message}`, jobId: fetched.id });
    return { deadLettered: true };
  }
  const started = Date.now();
  try {
    const result = await job.handler(payload.data, {
      jobId: fetched.id,
      correlationId: cid,
      attempt: (fetched.retryCount ?? 0) + 1,
      log: (msg, fields) => log.info(msg, fields),
    });
    log.debug("job.done", { ms: Date.now() - started });
    return result;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (isPermanent(err)) {
      log.error("job.failed_permanently", { error: message });
      await boss.send(deadLetterQueue(job.name), { cid, data: payload.data, error: message, jobId: fetched.id });
      return { deadLettered: true, error: message };
    }
    log.warn("job.failed_will_retry", { error: message, attempt: (fetched.retryCount ?? 0) + 1 });
    throw err;
  }
}
