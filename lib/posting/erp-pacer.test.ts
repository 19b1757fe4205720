import { describe, expect, it } from "vitest";
import { createPacer } from "./erp-pacer.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("ERP pacer", () => {
  it("never has more than concurrentRequests calls in flight", async () => {
    const pacer = createPacer({ concurrentRequests: 3 });
    let inFlight = 0;
    let peak = 0;
    await Promise.all(Array.from({ length: 20 }, () => pacer.run(async () => {
      peak = Math.max(peak, ++inFlight);
      await sleep(5);
      inFlight--;
    })));
    expect(peak).toBe(3);
  });

  it("spaces calls to 90% of requestsPerSecond: never more than the limit in any one second", async () => {
    const pacer = createPacer({ requestsPerSecond: 20 });
    const at: number[] = [];
    const t0 = Date.now();
    await Promise.all(Array.from({ length: 25 }, () => pacer.run(async () => { at.push(Date.now() - t0); })));
    // 18/s → 25 calls take at least 24 intervals of ~55.6 ms.
    expect(at.at(-1)!).toBeGreaterThanOrEqual(1300);
    for (let s = 0; s * 1000 <= at.at(-1)!; s++) expect(at.filter((t) => t >= s * 1000 && t < (s + 1) * 1000).length).toBeLessThanOrEqual(20);
  });

  it("costs nothing without a declared limit", async () => {
    const pacer = createPacer({});
    const t0 = Date.now();
    await Promise.all(Array.from({ length: 100 }, () => pacer.run(async () => 1)));
    expect(Date.now() - t0).toBeLessThan(100);
  });
});
