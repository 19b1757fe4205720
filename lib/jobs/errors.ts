// Job failures come in two kinds. Retryable: the world may be different next time (network, ERP down, lock
// timeout): pg-boss retries with backoff, then dead-letters. Permanent: retrying cannot help (bad payload, a
// business rule refused it): no retry; the job goes straight to its dead-letter queue for a person to replay.
export class RetryableJobError extends Error {
  constructor(message: string, readonly retryAfterMs?: number) {
    super(message);
  }
}

export class PermanentJobError extends Error {}

export function isPermanent(err: unknown): boolean {
  return err instanceof PermanentJobError;
}
