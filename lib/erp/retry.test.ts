import { describe, expect, it } from "vitest";
import { withErpRetries } from "./retry.ts";
import { ErpCircuitOpenError, ErpPermanentError, ErpRetryableError } from "./errors.ts";

describe("withErpRetries", () => {
  const sleeps: number[] = [];
  const sleep = async (ms: number) => { sleeps.push(ms); };

  it("retries retryable errors with backoff, honouring Retry-After, until success", async () => {
    sleeps.length = 0;
    const errors = [new ErpRetryableError("network", "reset"), new ErpRetryableError("http", "429", { status: 429, retryAfterMs: 3000 })];
    const result = await withErpRetries(async () => { const e = errors.shift(); if (e) throw e; return "booked"; }, { sleep, baseDelayMs: 100, random: () => 0 });
    expect(result).toBe("booked");
    expect(sleeps).toEqual([50, 3000]);
  });

  it("stops at once on a permanent error and after maxAttempts otherwise", async () => {
    let calls = 0;
    await expect(withErpRetries(async () => { calls++; throw new ErpPermanentError("http", "422"); }, { sleep })).rejects.toBeInstanceOf(ErpPermanentError);
    expect(calls).toBe(1);
    calls = 0;
    await expect(withErpRetries(async () => { calls++; throw new ErpRetryableError("timeout", "t"); }, { sleep, maxAttempts: 3 })).rejects.toBeInstanceOf(ErpRetryableError);
    expect(calls).toBe(3);
  });

  it("waits out an open breaker without spending attempts", async () => {
    sleeps.length = 0;
    let calls = 0;
    const result = await withErpRetries(async () => {
      calls++;
      if (calls <= 4) throw new ErpCircuitOpenError(1000 + calls, 1000);
      return "ok";
    }, { sleep, maxAttempts: 1 });
    expect(result).toBe("ok");
    expect(sleeps).toEqual([1, 2, 3, 4]);
  });
});
