// One base for every job: a zod-validated payload, a queue with retry/backoff/dead-letter settings, a
// correlation id carried from the enqueuer into logs and WorkflowEvents, and retryable vs permanent errors.
import crypto from "node:crypto";
import { z } from "zod";

export type QueueSettings = {
  retryLimit: number;
  retryDelay: number;
  retryBackoff: boolean;
  retryDelayMax?: number;
  expireInSeconds?: number;
  /** pg-boss policy: 'stately' dedupes by singletonKey (one queued + one active per key). */
  policy?: "standard" | "stately" | "singleton" | "short" | "key_strict_fifo";
};

export type JobContext = {
  jobId: string;
  correlationId: string;
  attempt: number;
  log: (msg: string, fields?: Record<string, unknown>) => void;
};

export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  name: string;
  schema: S;
  queue: QueueSettings;
  /** Jobs fetched per poll, and handlers run at once per process. */
  batchSize?: number;
  localConcurrency?: number;
  /** A natural key used to dedupe queued jobs (and for FIFO per key). */
  dedupeKey: (data: z.infer<S>) => string;
  handler: (data: z.infer<S>, ctx: JobContext) => Promise<unknown>;
};

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}

/** Envelope stored in pg-boss: the validated payload plus the correlation id. */
export const envelopeSchema = z.object({ cid: z.string().min(1), data: z.unknown() });
export type Envelope = z.infer<typeof envelopeSchema>;

export function newCorrelationId(): string {
  return `cid_${crypto.randomUUID()}`;
}

export function deadLetterQueue(name: string): string {
  return `${name}.dead`;
}
