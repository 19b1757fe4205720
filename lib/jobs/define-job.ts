// One base for every job: a zod-validated payload, a queue with retry/backoff/dead-letter settings, a
// correlation id carried from the enqueuer into logs and WorkflowEvents, and retryable vs permanent errors.
import crypto from "node:crypto";
import { z } from "zod";
import type { Context as TraceContext } from "@opentelemetry/api";

export type QueueSettings = {
  retryLimit: number;
  retryDelay: number;
  retryBackoff: boolean;
  retryDelayMax?: number;
  expireInSeconds?: number;
  /** Workers send a heartbeat this often; a job whose worker died (SIGKILL) is retried after it lapses. */
  heartbeatSeconds?: number;
  /** pg-boss policy: 'stately' dedupes by singletonKey (one queued + one active per key). */
  policy?: "standard" | "stately" | "singleton" | "short" | "key_strict_fifo";
};

export type JobContext = {
  jobId: string;
  correlationId: string;
  attempt: number;
  /** The job's queue priority (express jobs carry theirs on when they send follow-up work). */
  priority: number;
  /** The job's tracing context (its span): work a batch handler does for this job runs in it. */
  traceContext?: TraceContext;
  log: (msg: string, fields?: Record<string, unknown>) => void;
};

/** What a sender needs to know about a job (name, payload schema, queue settings, dedupe key). */
export type JobSpec<S extends z.ZodType = z.ZodType> = {
  name: string;
  schema: S;
  queue: QueueSettings;
  /** Jobs fetched per poll, and handlers run at once per process. */
  batchSize?: number;
  localConcurrency?: number;
  /**
   * Jobs sent with at least this priority also get a lane of their own (two more handlers per process that take
   * only them), so a single card payment never waits behind a statement's bulk that fills the other handlers.
   */
  expressPriority?: number;
  /** A natural key used to dedupe queued jobs (and for FIFO per key). */
  dedupeKey: (data: z.infer<S>) => string;
};

/** A job spec plus the handler the worker runs. Specs live in lib/ (senders import them without the handler). */
export type JobDefinition<S extends z.ZodType = z.ZodType> = JobSpec<S> & {
  handler: (data: z.infer<S>, ctx: JobContext) => Promise<unknown>;
  /**
   * Optional: handles all jobs of a fetched batch (batchSize) at once, for work that is cheaper together (one
   * transaction for many acknowledgements). Settles each job on its own: an Error in the returned map fails that
   * job alone (retryable or permanent, as for `handler`); anything else completes it.
   */
  handleBatch?: (items: { data: z.infer<S>; ctx: JobContext }[]) => Promise<Map<string, unknown>>;
};

/** Any job, for lists of heterogeneous jobs (the worker's registry). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJobDefinition = JobDefinition<z.ZodType<any>>;

export function defineJobSpec<S extends z.ZodType>(spec: JobSpec<S>): JobSpec<S> {
  return spec;
}

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}

/** The one-job handler of a job that works in batches: a batch of one, its failure thrown. */
export function singleFromBatch<T>(handleBatch: (items: { data: T; ctx: JobContext }[]) => Promise<Map<string, unknown>>) {
  return async (data: T, ctx: JobContext): Promise<unknown> => {
    const result = (await handleBatch([{ data, ctx }])).get(ctx.jobId);
    if (result instanceof Error) throw result;
    return result;
  };
}

/** Envelope stored in pg-boss: the validated payload, the correlation id and (when tracing) the W3C traceparent. */
export const envelopeSchema = z.object({ cid: z.string().min(1), data: z.unknown(), tp: z.string().max(128).optional() });
export type Envelope = z.infer<typeof envelopeSchema>;

export function newCorrelationId(): string {
  return `cid_${crypto.randomUUID()}`;
}

export function deadLetterQueue(name: string): string {
  return `${name}.dead`;
}
