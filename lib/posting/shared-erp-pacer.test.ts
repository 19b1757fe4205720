// Two pacers on one key stand for two worker processes on one ERP tenant: together they never exceed the limit.
import { describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { createSharedPacer } from "./shared-erp-pacer.ts";

useFreshDatabase();

async function fire(pacers: ReturnType<typeof createSharedPacer>[], n: number): Promise<number[]> {
  const at: number[] = [];
  await Promise.all(Array.from({ length: n }, (_, i) => pacers[i % pacers.length]!.run(async () => { at.push(performance.now()); })));
  return at.sort((a, b) => a - b);
}

describe("shared ERP pacer", () => {
  it("two processes' pacers on one ERP take turns from one clock: never more than the limit in any second", async () => {
    const limit = { requestsPerSecond: 20 }; // slots 1/(0.9 × 20) s = 55.6 ms apart
    const at = await fire([createSharedPacer("sap:http://tenant-a", limit), createSharedPacer("sap:http://tenant-a", limit)], 30);
    // (single gaps vary: a late timer shortens the next gap, never the rate)
    expect(at.at(-1)! - at[0]!).toBeGreaterThan(29 * 55.6 - 120);
    for (const t of at) expect(at.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(20);
  });

  it("another ERP endpoint has its own clock", async () => {
    const busy = createSharedPacer("bc:http://tenant-b", { requestsPerSecond: 5 });
    const other = createSharedPacer("bc:http://tenant-c", { requestsPerSecond: 5 });
    await busy.run(async () => {});
    const started = performance.now();
    await Promise.all([busy.run(async () => {}), other.run(async () => {})].slice(1));
    expect(performance.now() - started).toBeLessThan(150);
  });

  it("without the database the process paces on its own clock", async () => {
    const pacer = createSharedPacer("sap:http://tenant-d", { requestsPerSecond: 20 }, async () => { throw new Error("database down"); });
    const at = await fire([pacer], 10);
    for (const t of at) expect(at.filter((u) => u >= t && u < t + 500).length).toBeLessThanOrEqual(10);
    expect(at.at(-1)! - at[0]!).toBeGreaterThan(9 * 55.6 - 120);
  });
});
