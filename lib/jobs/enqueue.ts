// Sending a job: validate the payload against the job's schema (a bad payload is a bug at the sender, so it
// throws here, not later in a worker), attach the correlation id, dedupe by the job's natural key. Pass `tx` to
// enqueue inside a Prisma transaction: the job then commits or rolls back with the rows that caused it.
import { fromPrisma, type Db, type PrismaTransactionLike } from "pg-boss";
import type { z } from "zod";
import { getBoss } from "./boss.ts";
import { newCorrelationId, type JobSpec } from "./define-job.ts";
import { ensureQueue } from "./queues.ts";
import { traceparentFor } from "../tracing/tracing.ts";

/** The envelope: payload, correlation id, and the trace the job continues (absent when tracing is off). */
function envelope(cid: string, data: object) {
  const tp = traceparentFor(cid);
  return tp ? { cid, data, tp } : { cid, data };
}

export async function enqueue<S extends z.ZodType>(
  job: JobSpec<S>,
  data: z.input<S>,
  opts: {
    correlationId?: string; tx?: PrismaTransactionLike; startAfterSeconds?: number; priority?: number;
    /** A transaction held outside Prisma (node-postgres): the job commits or rolls back with it. */
    db?: Db;
  } = {},
): Promise<string | null> {
  const parsed = job.schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`job ${job.name}: invalid payload at ${issue?.path.join(".") || "(root)"}: ${issue?.message}`);
  }
  const boss = await getBoss();
  await ensureQueue(boss, job);
  // pg-boss validates option keys by presence, so absent options must be absent, not undefined.
  return boss.send(job.name, envelope(opts.correlationId ?? newCorrelationId(), parsed.data as object), {
    singletonKey: job.dedupeKey(parsed.data),
    ...(opts.startAfterSeconds !== undefined ? { startAfter: opts.startAfterSeconds } : {}),
    ...(opts.priority !== undefined ? { priority: opts.priority } : {}),
    ...(opts.tx ? { db: fromPrisma(opts.tx) } : opts.db ? { db: opts.db } : {}),
  });
}

/**
 * Sends many jobs of one kind in ONE statement (pg-boss insert: the queue's retry settings, dedupe by the
 * job's natural key). For the pipeline's batches, where a send per job would cost a round trip each.
 */
export async function enqueueMany<S extends z.ZodType>(
  job: JobSpec<S>,
  items: { data: z.input<S>; priority?: number; correlationId?: string }[],
  opts: { correlationId?: string; tx?: PrismaTransactionLike } = {},
): Promise<void> {
  if (items.length === 0) return;
  const cid = opts.correlationId ?? newCorrelationId();
  const rows = items.map((item) => {
    const parsed = job.schema.safeParse(item.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`job ${job.name}: invalid payload at ${issue?.path.join(".") || "(root)"}: ${issue?.message}`);
    }
    return { data: envelope(item.correlationId ?? cid, parsed.data as object), singletonKey: job.dedupeKey(parsed.data), ...(item.priority ? { priority: item.priority } : {}) };
  });
  const boss = await getBoss();
  await ensureQueue(boss, job);
  await boss.insert(job.name, rows, opts.tx ? { db: fromPrisma(opts.tx) } : {});
}
