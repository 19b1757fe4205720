// The breaker's pure transitions and the in-memory wrapper, on a fake clock.
import { describe, expect, it } from "vitest";
import { canAttempt, CircuitBreaker, initialBreakerState, onFailure, onSuccess, type BreakerConfig } from "./circuit-breaker.ts";
import { ErpCircuitOpenError, ErpPermanentError, ErpRetryableError } from "./errors.ts";

const config: BreakerConfig = { failureThreshold: 3, failureRatio: 0.5, coolDownMs: 1000, probeTimeoutMs: 5000 };

describe("breaker transitions", () => {
  it("opens after N consecutive retryable failures, not before", () => {
    let s = initialBreakerState();
    s = onFailure(s, 0, undefined, config);
    s = onFailure(s, 1, undefined, config);
    expect(s.status).toBe("closed");
    expect(canAttempt(s, 2, config).allowed).toBe(true);
    s = onFailure(s, 2, undefined, config);
    expect(s).toMatchObject({ status: "open", openedAt: 2, retryAt: 1002, consecutiveFailures: 3 });
    expect(canAttempt(s, 500, config)).toMatchObject({ allowed: false, retryAt: 1002 });
  });

  it("stays closed for an ERP that fails one call in five, even when failures happen to come in a row", () => {
    let s = initialBreakerState();
    // 16 answered calls, then 4 failures in a row: 4 of the last 20 failed (20%), below the 50% ratio.
    for (let t = 0; t < 16; t++) s = t % 5 === 4 ? onFailure(s, t, undefined, config) : onSuccess(s, t);
    for (let t = 16; t < 20; t++) s = onFailure(s, t, undefined, config);
    expect(s).toMatchObject({ status: "closed", consecutiveFailures: 4 });
    // An ERP that really went down: failures keep coming until half the window failed, then it opens.
    let t = 20;
    while (s.status === "closed" && t < 60) s = onFailure(s, t++, undefined, config);
    expect(s.status).toBe("open");
    expect(t).toBeLessThan(40);
  });

  it("a success resets the count", () => {
    let s = onFailure(onFailure(initialBreakerState(), 0, undefined, config), 1, undefined, config);
    s = onSuccess(s, 2);
    s = onFailure(s, 3, undefined, config);
    expect(s).toMatchObject({ status: "closed", consecutiveFailures: 1 });
  });

  it("waits at least the Retry-After before probing", () => {
    let s = initialBreakerState();
    for (let t = 0; t < 3; t++) s = onFailure(s, t, 30_000, config);
    expect(s.retryAt).toBe(2 + 30_000);
  });

  it("half-open lets exactly one probe through; success closes, failure re-opens", () => {
    let s = initialBreakerState();
    for (let t = 0; t < 3; t++) s = onFailure(s, t, undefined, config);
    const probe = canAttempt(s, 1002, config);
    expect(probe).toMatchObject({ allowed: true, probe: true, state: { status: "half_open", probeStartedAt: 1002 } });
    const other = canAttempt(probe.state, 1003, config);
    expect(other).toMatchObject({ allowed: false, retryAt: 2003 });
    expect(onSuccess(probe.state, 1100)).toEqual(initialBreakerState());
    expect(onFailure(probe.state, 1100, 2000, config)).toMatchObject({ status: "open", retryAt: 3100 });
  });

  it("a probe that never reports back frees the slot after probeTimeoutMs", () => {
    let s = initialBreakerState();
    for (let t = 0; t < 3; t++) s = onFailure(s, t, undefined, config);
    s = canAttempt(s, 2000, config).state;
    expect(canAttempt(s, 6999, config).allowed).toBe(false);
    expect(canAttempt(s, 7000, config)).toMatchObject({ allowed: true, probe: true, state: { probeStartedAt: 7000 } });
  });

  it("state is plain JSON (shareable through a database row)", () => {
    let s = initialBreakerState();
    for (let t = 0; t < 3; t++) s = onFailure(s, t, 1500, config);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});

describe("CircuitBreaker (in-memory)", () => {
  it("fails fast while open without calling, then probes and closes", async () => {
    let now = 0;
    const breaker = new CircuitBreaker(config, () => now);
    let calls = 0;
    const failing = () => { calls++; return Promise.reject(new ErpRetryableError("http", "503", { status: 503, retryAfterMs: 2000 })); };
    for (let i = 0; i < 3; i++) await expect(breaker.run(failing)).rejects.toBeInstanceOf(ErpRetryableError);
    expect(breaker.state.status).toBe("open");
    now = 1500;
    const open = await breaker.run(failing).catch((e: unknown) => e);
    expect(open).toBeInstanceOf(ErpCircuitOpenError);
    expect(open).toMatchObject({ retryable: true, retryAt: 2000, retryAfterMs: 500 });
    expect(calls).toBe(3);
    now = 2000;
    expect(await breaker.run(async () => { calls++; return "ok"; })).toBe("ok");
    expect(breaker.state.status).toBe("closed");
  });

  it("counts a permanent error (the ERP answered) as a sign of health", async () => {
    const breaker = new CircuitBreaker(config, () => 0);
    await breaker.run(() => Promise.reject(new ErpRetryableError("timeout", "t"))).catch(() => {});
    await breaker.run(() => Promise.reject(new ErpPermanentError("http", "422"))).catch(() => {});
    expect(breaker.state.consecutiveFailures).toBe(0);
  });
});
