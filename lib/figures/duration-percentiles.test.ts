import { describe, expect, it } from "vitest";
import { Rng } from "../synthetic/prng.ts";
import { GroupedHistograms, HistogramDriftError, percentileCont, pickPercentiles, planPercentiles, type Bin } from "./duration-percentiles.ts";

const PS = [0, 0.5, 0.9, 0.95, 0.99, 1];
const bucketOf = (v: number) => (v < 1 ? 0 : 1 + Math.floor(Math.log(v) / Math.log(1.05)));

/** What the SQL readers do: the rows of a bucket in value order, from offset, limit rows. */
function answer(values: number[], ps: readonly number[]) {
  const byBucket = new Map<number, number[]>();
  for (const v of values) byBucket.set(bucketOf(v), [...(byBucket.get(bucketOf(v)) ?? []), v]);
  const bins: Bin[] = [...byBucket].map(([bucket, vs]) => ({ bucket, count: vs.length }));
  const plan = planPercentiles(bins, ps);
  const reads = plan.reads.map((r) => {
    const rows = [...byBucket.get(r.bucket)!].sort((a, b) => a - b);
    return { values: rows.slice(r.offset, r.offset + r.limit), rows: rows.length };
  });
  return { plan, got: pickPercentiles(plan, reads, ps) };
}

const random = (seed: number) => {
  const rng = new Rng(seed);
  return () => rng.float();
};

describe("exact percentiles from a histogram", () => {
  it("equal percentile_cont on random groups of every size, ties and spreads included", () => {
    const rnd = random(42);
    for (let trial = 0; trial < 400; trial++) {
      const n = trial < 20 ? trial + 1 : Math.floor(rnd() * 3000) + 1;
      const kind = trial % 4;
      const values = Array.from({ length: n }, () =>
        kind === 0 ? Math.round(20_000 + -Math.log(1 - rnd()) * 1_800_000) // exponential latencies, ms
          : kind === 1 ? 3600 * (1 + Math.floor(rnd() * 72)) - 10 // whole hours: many ties
            : kind === 2 ? rnd() * 3 - 1 // around and below 1: bucket 0, negatives
              : 1234.5); // one value only
      const { got } = answer(values, PS);
      expect(got, `trial ${trial}, n ${n}`).toEqual(percentileCont(values, PS));
    }
  });

  it("reads a handful of rows at known offsets, never the whole group", () => {
    const values = Array.from({ length: 10_000 }, (_, i) => 1000 + i);
    const { plan } = answer(values, [0.5, 0.95, 0.99]);
    expect(plan.count).toBe(10_000);
    expect(plan.reads.length).toBeLessThanOrEqual(6);
    expect(plan.reads.every((r) => r.limit <= 2)).toBe(true);
  });

  it("shares a read between percentiles that land on the same rows", () => {
    const plan = planPercentiles([{ bucket: 5, count: 1 }], [0.5, 0.95, 0.99]);
    expect(plan.reads).toEqual([{ bucket: 5, rows: 1, offset: 0, limit: 1 }]);
  });

  it("gives nulls for an empty group and reads nothing", () => {
    const plan = planPercentiles([{ bucket: 3, count: 0 }], [0.5]);
    expect(plan).toEqual({ count: 0, reads: [], picks: [] });
    expect(pickPercentiles(plan, [], [0.5])).toEqual([null]);
  });

  it("says which bucket disagrees when the source has other rows than the histogram counts", () => {
    const plan = planPercentiles([{ bucket: 1, count: 2 }, { bucket: 7, count: 3 }], [0.9]);
    const short = plan.reads.map(() => ({ values: [5, 6], rows: 2 }));
    expect(() => pickPercentiles(plan, short, [0.9])).toThrow(HistogramDriftError);
    expect(() => pickPercentiles(plan, short, [0.9])).toThrow(/bucket 7: the histogram counts 3 rows in the group, the source has 2/);
  });

  it("plans and picks many groups through one reader call", async () => {
    const rnd = random(7);
    const h = new GroupedHistograms<{ g: number }>();
    const data = new Map<number, number[]>();
    for (let i = 0; i < 5000; i++) {
      const g = i % 7;
      const v = Math.round(-Math.log(1 - rnd()) * 100_000);
      data.set(g, [...(data.get(g) ?? []), v]);
      h.add(String(g), { g }, bucketOf(v), 1);
      h.add("all", { g: -1 }, bucketOf(v), 1);
    }
    let calls = 0;
    const out = await h.percentiles([0.5, 0.95], async (reads) => {
      calls++;
      return reads.map(({ filter, read }) => {
        const rows = (filter.g === -1 ? [...data.values()].flat() : data.get(filter.g)!).filter((v) => bucketOf(v) === read.bucket).sort((a, b) => a - b);
        return { values: rows.slice(read.offset, read.offset + read.limit), rows: rows.length };
      });
    });
    expect(calls).toBe(1);
    expect(out.get("all")).toEqual({ count: 5000, p: percentileCont([...data.values()].flat(), [0.5, 0.95]) });
    for (const [g, vs] of data) expect(out.get(String(g))).toEqual({ count: vs.length, p: percentileCont(vs, [0.5, 0.95]) });
  });

  it("rejects a percentile outside 0…1", () => {
    expect(() => planPercentiles([{ bucket: 1, count: 2 }], [1.5])).toThrow(/percentile 1.5/);
  });
});
