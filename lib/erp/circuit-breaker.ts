// Circuit breaker for ERP calls. The state is a plain serialisable object and the transitions are pure functions
// of (state, now), so the same logic can later run against a row shared by every worker process; the class at
// the bottom is the in-memory wrapper for a single process.
//   closed ──N consecutive retryable failures, and at least half of the last 20 calls failed──► open
//   open ──cool-down (≥ Retry-After)──► half_open (one probe)
//   half_open ──probe succeeds──► closed;  half_open ──probe fails──► open again
import { ErpCircuitOpenError, ErpPermanentError } from "./errors.ts";

export type BreakerConfig = {
  failureThreshold: number; // consecutive retryable failures that open the circuit…
  /** …provided at least this share of the last WINDOW calls failed: an ERP that drops one call in five is up (its
   *  blips are retried), and with many calls in flight five failures in a row happen by chance. */
  failureRatio: number;
  coolDownMs: number; // minimum time open before a probe (extended to the ERP's Retry-After)
  probeTimeoutMs: number; // a probe that never reports back (crashed worker) frees the slot after this
};
export const DEFAULT_BREAKER_CONFIG: BreakerConfig = { failureThreshold: 5, failureRatio: 0.5, coolDownMs: 10_000, probeTimeoutMs: 30_000 };
const WINDOW = 20;

export type BreakerState = {
  status: "closed" | "open" | "half_open";
  consecutiveFailures: number;
  openedAt: number | null; // epoch ms
  retryAt: number | null; // open: earliest probe
  probeStartedAt: number | null; // half_open: the probe in flight
  /** Outcomes of the last calls, oldest first: "1" failed, "0" answered. */
  recent?: string;
};

const remember = (state: BreakerState, outcome: "0" | "1") => ((state.recent ?? "") + outcome).slice(-WINDOW);

export type AttemptDecision =
  | { allowed: true; probe: boolean; state: BreakerState }
  | { allowed: false; retryAt: number; state: BreakerState };

export function initialBreakerState(): BreakerState {
  return { status: "closed", consecutiveFailures: 0, openedAt: null, retryAt: null, probeStartedAt: null };
}

/** May a call go out now? Taking the half-open probe slot is a state change, hence the returned state. */
export function canAttempt(state: BreakerState, now: number, config: BreakerConfig = DEFAULT_BREAKER_CONFIG): AttemptDecision {
  if (state.status === "closed") return { allowed: true, probe: false, state };
  if (state.status === "open") {
    if (now < (state.retryAt ?? 0)) return { allowed: false, retryAt: state.retryAt ?? now, state };
    return { allowed: true, probe: true, state: { ...state, status: "half_open", probeStartedAt: now } };
  }
  const probeLeaseEnds = (state.probeStartedAt ?? -Infinity) + config.probeTimeoutMs;
  if (now >= probeLeaseEnds) return { allowed: true, probe: true, state: { ...state, probeStartedAt: now } };
  // Someone else is probing: look again after a cool-down or when that probe's lease ends, whichever is first.
  return { allowed: false, retryAt: Math.min(probeLeaseEnds, now + config.coolDownMs), state };
}

/** The ERP answered (with success, or with a permanent error: it is up either way). */
export function onSuccess(state: BreakerState, _now: number): BreakerState {
  return state.status === "closed" ? { ...initialBreakerState(), recent: remember(state, "0") } : initialBreakerState();
}

/** A retryable failure (network, timeout, 429, 5xx), with the ERP's Retry-After if it sent one. */
export function onFailure(state: BreakerState, now: number, retryAfterMs?: number, config: BreakerConfig = DEFAULT_BREAKER_CONFIG): BreakerState {
  const failures = state.consecutiveFailures + 1;
  const recent = remember(state, "1");
  const failedShare = recent.split("").filter((c) => c === "1").length / recent.length;
  const reopenAt = now + Math.max(config.coolDownMs, retryAfterMs ?? 0);
  if (state.status === "half_open" || (state.status === "closed" && failures >= config.failureThreshold && failedShare >= config.failureRatio)) {
    return { status: "open", consecutiveFailures: failures, openedAt: now, retryAt: reopenAt, probeStartedAt: null, recent };
  }
  if (state.status === "open") {
    // A call that started before the circuit opened and failed late: stay open, honour its Retry-After.
    return { ...state, consecutiveFailures: failures, retryAt: Math.max(state.retryAt ?? now, now + (retryAfterMs ?? 0)) };
  }
  return { ...state, consecutiveFailures: failures, recent };
}

/** Anything that can guard ERP calls: this in-memory breaker, later a database-backed one. */
export type ErpCallGate = { run<T>(call: () => Promise<T>): Promise<T> };

export class CircuitBreaker implements ErpCallGate {
  readonly config: BreakerConfig;
  private current: BreakerState;

  constructor(config: Partial<BreakerConfig> = {}, private readonly clock: () => number = Date.now, initial: BreakerState = initialBreakerState()) {
    this.config = { ...DEFAULT_BREAKER_CONFIG, ...config };
    this.current = initial;
  }

  get state(): BreakerState {
    return this.current;
  }

  async run<T>(call: () => Promise<T>): Promise<T> {
    const decision = canAttempt(this.current, this.clock(), this.config);
    this.current = decision.state;
    if (!decision.allowed) throw new ErpCircuitOpenError(decision.retryAt, this.clock());
    try {
      const result = await call();
      this.current = onSuccess(this.current, this.clock());
      return result;
    } catch (e) {
      if (e instanceof ErpPermanentError) this.current = onSuccess(this.current, this.clock());
      else this.current = onFailure(this.current, this.clock(), (e as { retryAfterMs?: number }).retryAfterMs, this.config);
      throw e;
    }
  }
}
