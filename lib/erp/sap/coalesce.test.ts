import { describe, expect, it } from "vitest";
import { coalesce, coalesceBy } from "./coalesce.ts";

describe("coalesce", () => {
  it("sends concurrent calls as one batch, answers each with its own result or error", async () => {
    const batches: number[][] = [];
    const double = coalesce<number, number>(async (keys) => { batches.push(keys); return keys.map((k) => (k === 3 ? new Error("three refused") : k * 2)); }, { maxBatch: 10 });
    const out = await Promise.allSettled([1, 2, 3, 4].map(double));
    expect(batches).toEqual([[1, 2, 3, 4]]);
    expect(out.map((o) => (o.status === "fulfilled" ? o.value : (o.reason as Error).message))).toEqual([2, 4, "three refused", 8]);
  });

  it("splits at maxBatch, and a failed request rejects every call of its batch only", async () => {
    const batches: number[][] = [];
    const call = coalesce<number, number>(async (keys) => { batches.push(keys); if (keys.includes(5)) throw new Error("503"); return keys; }, { maxBatch: 3 });
    const out = await Promise.allSettled([1, 2, 3, 4, 5].map(call));
    expect(batches).toEqual([[1, 2, 3], [4, 5]]);
    expect(out.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "rejected", "rejected"]);
    // A later call opens a new window.
    expect(await call(7)).toBe(7);
    expect(batches.at(-1)).toEqual([7]);
  });

  it("coalesceBy keeps groups apart", async () => {
    const batches: string[][] = [];
    const call = coalesceBy<string, string>((k) => k[0]!, () => coalesce(async (keys) => { batches.push(keys); return keys; }, { maxBatch: 10 }));
    await Promise.all(["a1", "b1", "a2", "b2"].map(call));
    expect(batches.map((b) => b.join(",")).sort()).toEqual(["a1,a2", "b1,b2"]);
  });

  it("with maxInFlight, calls arriving while a batch is out join the next one (batches grow when requests queue)", async () => {
    const batches: number[][] = [];
    const slow = coalesce<number, number>(async (keys) => { batches.push(keys); await new Promise((r) => setTimeout(r, 60)); return keys; }, { maxBatch: 100, maxInFlight: 1 });
    const first = slow(1);
    await new Promise((r) => setTimeout(r, 20)); // batch [1] is out now
    const later = [2, 3, 4].map((k, i) => new Promise<number>((r) => setTimeout(() => r(slow(k)), i * 10)));
    expect(await Promise.all([first, ...later])).toEqual([1, 2, 3, 4]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });
});
