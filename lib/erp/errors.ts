// What can go wrong talking to the ERP, split by what the caller should do about it: retry (the same request,
// with the same idempotency key, later) or stop and show a human the ERP's message.
export type ErpErrorKind =
  | "network" // connection refused/reset, socket closed before an answer (the ERP may have booked it)
  | "timeout" // no complete answer within timeoutMs (the ERP may have booked it)
  | "http" // the ERP answered with an error status
  | "circuit_open" // not attempted: the circuit breaker is open
  | "bad_response" // the ERP answered 2xx with something we cannot read
  | "conflict" // the ERP holds something that contradicts the posting (no-idempotency mode)
  | "not_supported" // the adapter or the ERP cannot do this operation
  | "invalid_posting"; // refused locally before any request

type Details = { status?: number; errorCode?: string; cause?: unknown };

export abstract class ErpError extends Error {
  abstract readonly retryable: boolean;
  readonly status?: number;
  readonly errorCode?: string;
  constructor(readonly kind: ErpErrorKind, message: string, details: Details = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.errorCode = details.errorCode;
  }
}

/** Try again later. `retryAfterMs` is the ERP's Retry-After (or the breaker's wait), when it gave one. */
export class ErpRetryableError extends ErpError {
  readonly retryable = true;
  readonly retryAfterMs?: number;
  constructor(kind: ErpErrorKind, message: string, details: Details & { retryAfterMs?: number } = {}) {
    super(kind, message, details);
    this.name = "ErpRetryableError";
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** Retrying the same request cannot succeed: the message is the ERP's (or ours) for a human to act on. */
export class ErpPermanentError extends ErpError {
  readonly retryable = false;
  constructor(kind: ErpErrorKind, message: string, details: Details = {}) {
    super(kind, message, details);
    this.name = "ErpPermanentError";
  }
}

/** Failed fast without touching the network; try again at `retryAt` (epoch ms). */
export class ErpCircuitOpenError extends ErpRetryableError {
  constructor(readonly retryAt: number, now: number) {
    super("circuit_open", `ERP circuit breaker is open; next attempt allowed at ${new Date(retryAt).toISOString()}`, { retryAfterMs: Math.max(0, retryAt - now) });
    this.name = "ErpCircuitOpenError";
  }
}

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

/** An HTTP error answer → the error to throw. 429/5xx (and 408) are retryable; other 4xx are permanent. */
export function errorForStatus(status: number, body: unknown, retryAfterHeader: string | null, now = Date.now()): ErpError {
  const { message, errorCode } = erpMessage(body);
  const text = `ERP answered ${status}${message ? `: ${message}` : ""}`;
  if (RETRYABLE_STATUS.has(status) || status >= 500) {
    return new ErpRetryableError("http", text, { status, errorCode, retryAfterMs: parseRetryAfter(retryAfterHeader, now) });
  }
  return new ErpPermanentError("http", text, { status, errorCode });
}

/** Retry-After as delta-seconds or an HTTP date → milliseconds from now. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

// Problem details (detail/title), Oracle REST (`o:errorDetails`/`title`), or a plain string body.
function erpMessage(body: unknown): { message?: string; errorCode?: string } {
  if (typeof body === "string") return { message: body.slice(0, 500) || undefined };
  if (!body || typeof body !== "object") return {};
  const b = body as Record<string, unknown>;
  const oracle = Array.isArray(b["o:errorDetails"]) ? (b["o:errorDetails"][0] as Record<string, unknown> | undefined) : undefined;
  const message = [b.detail, oracle?.detail, b.title, b.message].find((v) => typeof v === "string") as string | undefined;
  const code = [b.errorCode, oracle?.["o:errorCode"]].find((v) => typeof v === "string") as string | undefined;
  return { message, errorCode: code };
}
