// Retry an ERP call until it succeeds or fails permanently, honouring Retry-After and an open breaker's retryAt.
// Safe only because every ERP write is idempotent (keys, or check-before-post): a retry never books twice.
import { ErpCircuitOpenError, ErpRetryableError } from "./errors.ts";

export type RetryOptions = {
  maxAttempts?: number; // requests that reached the ERP (default 10); fast-fails of an open breaker do not count
  baseDelayMs?: number; // first backoff (default 200), doubling per attempt
  maxDelayMs?: number; // backoff cap (default 30 s); a longer Retry-After still wins
  sleep?: (ms: number) => Promise<void>;
  random?: () => number; // jitter source
  onRetry?: (error: ErpRetryableError, attempt: number, delayMs: number) => void;
};

export async function withErpRetries<T>(call: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { maxAttempts = 10, baseDelayMs = 200, maxDelayMs = 30_000, random = Math.random } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; ) {
    try {
      return await call();
    } catch (e) {
      if (!(e instanceof ErpRetryableError)) throw e;
      if (e instanceof ErpCircuitOpenError) {
        await sleep(e.retryAfterMs ?? baseDelayMs);
        continue;
      }
      if (attempt >= maxAttempts) throw e;
      const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      // Half fixed, half jitter, so many workers coming back from the same outage do not stampede together.
      const delay = Math.max(backoff / 2 + random() * (backoff / 2), e.retryAfterMs ?? 0);
      options.onRetry?.(e, attempt, delay);
      attempt++;
      await sleep(delay);
    }
  }
}
