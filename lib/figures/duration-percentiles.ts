// Exact percentiles from a histogram plus a few reads (pure core; the reads are done by the callers in
// lib/figures/posting-latency-histogram.ts and resolution-time-histogram.ts). PostgreSQL's percentile_cont sorts every
// row of a group; here the histogram (count per duration bucket, kept on write) says which bucket holds the rows at
// each percentile's ranks, and only those rows are read back, in value order, at the right offset. The result is what
// percentile_cont returns, to the last bit: same ranks, same interpolation (float8_lerp), in float8 arithmetic.

/** Rows of one group in one bucket. Buckets order values: every value of a lower bucket is lower. */
export type Bin = { bucket: number; count: number };

/**
 * Values at positions offset … offset + limit − 1 of one bucket's rows of the group, in ascending order. `rows` is
 * how many rows the histogram counts in that bucket; the reader returns how many it found, so a disagreement shows.
 */
export type BucketRead = { bucket: number; rows: number; offset: number; limit: number };

/** What a reader returns for one BucketRead. */
export type BucketValues = { values: readonly number[]; rows: number };

type At = { read: number; index: number };

export type PercentilePlan = {
  /** Rows in the group (0: every percentile is null and nothing is read). */
  count: number;
  reads: BucketRead[];
  picks: { lo: At; hi: At; fraction: number }[];
};

/** The reads that give percentile_cont(ps) of the group whose histogram is `bins`. */
export function planPercentiles(bins: readonly Bin[], ps: readonly number[]): PercentilePlan {
  const sorted = bins.filter((b) => b.count > 0).sort((a, b) => a.bucket - b.bucket);
  const count = sorted.reduce((s, b) => s + b.count, 0);
  if (count === 0) return { count: 0, reads: [], picks: [] };
  const locate = (rank: number) => {
    let below = 0;
    for (const b of sorted) {
      if (rank < below + b.count) return { bucket: b.bucket, rows: b.count, offset: rank - below };
      below += b.count;
    }
    throw new Error(`rank ${rank} beyond the ${count} rows of the histogram`);
  };
  const reads: BucketRead[] = [];
  const readIndex = new Map<string, number>();
  const read = (r: BucketRead) => {
    const key = `${r.bucket}:${r.offset}:${r.limit}`;
    let i = readIndex.get(key);
    if (i === undefined) readIndex.set(key, (i = reads.push(r) - 1));
    return i;
  };
  const picks = ps.map((p) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile ${p} is not between 0 and 1`);
    // percentile_cont: 0-based ranks floor and ceil of p·(n − 1), then lo + fraction · (hi − lo).
    const pos = p * (count - 1);
    const loRank = Math.floor(pos);
    const hiRank = Math.ceil(pos);
    const lo = locate(loRank);
    const hi = locate(hiRank);
    const fraction = pos - loRank;
    if (lo.bucket === hi.bucket) {
      const r = read({ ...lo, limit: hiRank - loRank + 1 });
      return { lo: { read: r, index: 0 }, hi: { read: r, index: hiRank - loRank }, fraction };
    }
    return { lo: { read: read({ ...lo, limit: 1 }), index: 0 }, hi: { read: read({ ...hi, limit: 1 }), index: 0 }, fraction };
  });
  return { count, reads, picks };
}

/** Thrown when a read returns fewer rows than the histogram promised: the histogram and its source disagree. */
export class HistogramDriftError extends Error {}

/** The percentiles from what each read returned (got[i] for plan.reads[i]); null for an empty group. */
export function pickPercentiles(plan: PercentilePlan, got: readonly BucketValues[], ps: readonly number[]): (number | null)[] {
  if (plan.count === 0) return ps.map(() => null);
  plan.reads.forEach((r, i) => {
    const found = got[i]?.rows ?? 0;
    if (found !== r.rows) throw new HistogramDriftError(`bucket ${r.bucket}: the histogram counts ${r.rows} rows in the group, the source has ${found}`);
  });
  return plan.picks.map(({ lo, hi, fraction }) => {
    const a = got[lo.read]!.values[lo.index];
    const b = got[hi.read]!.values[hi.index];
    if (a === undefined || b === undefined) throw new HistogramDriftError(`bucket ${plan.reads[a === undefined ? lo.read : hi.read]!.bucket}: a read came back short`);
    // PostgreSQL's float8_lerp, operand for operand, so the float8 result is the same.
    return fraction === 0 ? a : a + fraction * (b - a);
  });
}

/** Histograms of several groups (a dashboard's breakdowns) and what the reader needs to find a group's rows. */
export class GroupedHistograms<F> {
  readonly groups = new Map<string, { filter: F; bins: Map<number, number> }>();

  /** A group, empty until rows are added (an overall figure exists even with no rows: count 0, percentiles null). */
  group(key: string, filter: F) {
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = { filter, bins: new Map<number, number>() }));
    return g;
  }

  add(key: string, filter: F, bucket: number, count: number): void {
    const g = this.group(key, filter);
    g.bins.set(bucket, (g.bins.get(bucket) ?? 0) + count);
  }

  /**
   * Every group's count and percentiles: one call of `readBuckets` with the reads of all groups (one SQL statement
   * in the callers), then the picks. Throws HistogramDriftError when the source disagrees with the histogram.
   */
  async percentiles(ps: readonly number[], readBuckets: (reads: { filter: F; read: BucketRead }[]) => Promise<BucketValues[]>) {
    const plans = [...this.groups].map(([key, g]) => ({ key, filter: g.filter, plan: planPercentiles([...g.bins].map(([bucket, count]) => ({ bucket, count })), ps) }));
    const reads = plans.flatMap((x) => x.plan.reads.map((read) => ({ filter: x.filter, read })));
    const got = reads.length ? await readBuckets(reads) : [];
    const out = new Map<string, { count: number; p: (number | null)[] }>();
    let at = 0;
    for (const x of plans) {
      const mine = got.slice(at, (at += x.plan.reads.length));
      out.set(x.key, { count: x.plan.count, p: pickPercentiles(x.plan, mine, ps) });
    }
    return out;
  }
}

/** percentile_cont over plain values, for tests and small groups: sort, then the same ranks and interpolation. */
export function percentileCont(values: readonly number[], ps: readonly number[]): (number | null)[] {
  if (values.length === 0) return ps.map(() => null);
  const s = [...values].sort((a, b) => a - b);
  return ps.map((p) => {
    const pos = p * (s.length - 1);
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return hi === lo ? s[lo]! : s[lo]! + (pos - lo) * (s[hi]! - s[lo]!);
  });
}
