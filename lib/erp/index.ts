// The ERP integration's public surface: the client, its errors, the circuit breaker and the retry helper.
export { createErpClient, ERP_API_PREFIX, type ErpClient, type ErpClientOptions, type ErpPostingResult, type ErpCustomerAccount } from "./client.ts";
export type { ErpPosting, ErpApplicationPosting, ErpApplicationFx, ErpApplicationType, ErpReceipt, ErpReceiptApplication } from "./posting.ts";
export { ErpError, ErpRetryableError, ErpPermanentError, ErpCircuitOpenError, parseRetryAfter, type ErpErrorKind } from "./errors.ts";
export {
  CircuitBreaker, canAttempt, onSuccess, onFailure, initialBreakerState, DEFAULT_BREAKER_CONFIG,
  type BreakerState, type BreakerConfig, type AttemptDecision, type ErpCallGate,
} from "./circuit-breaker.ts";
export { withErpRetries, type RetryOptions } from "./retry.ts";
