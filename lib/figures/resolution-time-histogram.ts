// Exception resolution time percentiles (resolvedAt − createdAt of RESOLVED cases, seconds) per day resolved, per
// exception code, per analyst and overall, exact, without sorting the window: cases per day resolved, breakdown
// and duration bucket are kept on write (triggers of migration 20261206070000 append to ResolutionTimeMovement; the
// worker folds into ResolutionTimeHistogram), and only the rows of the buckets that hold each percentile are read
// back (duration-percentiles.ts) through "ExceptionCase_resolution_bucket_idx". The histogram counts each case once
// by code and once by analyst; days and the overall figure are sums of the code rows.
import { db, Prisma } from "../db/client.ts";
import { GroupedHistograms } from "./duration-percentiles.ts";
import { foldMovements, rebuildRollup, type MovementRollup } from "./movement-rollup.ts";
import { fromHistogramOrSorted, readBucketRows, type BucketSource, type RowFilter, type Tx } from "./read-bucket-rows.ts";

export const RESOLUTION_TIME_HISTOGRAM: MovementRollup = {
  movements: "ResolutionTimeMovement", rollup: "ResolutionTimeHistogram", keys: ["day", "dimension", "key", "bucket"], measures: ["count"], lockId: 7_420_073,
};

/**
 * One row per grouping set of `group by grouping sets ((day), (code), (resolvedById), ())`: `set` is grouping()'s
 * bits (0b011 by day, 0b101 by code, 0b110 by analyst, 0b111 overall) and `key` the code or the analyst.
 */
export type ResolutionPercentileRow = { day: Date | null; key: string | null; set: number; n: bigint; p: (number | null)[] | null };

const DAY_MS = 86_400_000;
const CASE_BUCKETS: BucketSource = {
  table: `"ExceptionCase" c`, value: `cashline_resolution_seconds(c."createdAt", c."resolvedAt")`,
  bucket: `cashline_duration_bucket(cashline_resolution_seconds(c."createdAt", c."resolvedAt"))`, time: `c."resolvedAt"`,
  where: `c.status = 'RESOLVED' and c."resolvedAt" is not null`, filterColumns: [`c.code::text`, `c."resolvedById"`],
};

/**
 * percentile_cont(ps) of the resolution time of the cases resolved since `from` (UTC midnight), by day, code,
 * analyst and overall, from one snapshot (repeatable read). A bucket it reads that holds other rows than the histogram
 * counts (a write with triggers off) makes it log and sort instead; `cashline figures check` finds any drift.
 */
export async function getResolutionTimePercentiles(from: Date, ps: readonly number[]): Promise<ResolutionPercentileRow[]> {
  return fromHistogramOrSorted("resolution-time", (tx) => percentilesFromHistogram(tx, from, ps), () => getResolutionTimePercentilesBySorting(from, ps));
}

async function percentilesFromHistogram(tx: Tx, from: Date, ps: readonly number[]): Promise<ResolutionPercentileRow[]> {
  // Summed in SQL to what the groups need (the window's days from the code rows; each code and analyst over the
  // window): ~4,000 rows instead of the ~34,000 (day, breakdown, key, bucket) rows of a 30-day window at 10M receipts.
  const bins = await tx.$queryRaw<{ day: Date | null; dimension: "code" | "analyst"; key: string | null; bucket: number; n: bigint }[]>`
    select day, dimension, key, bucket, sum(count)::bigint as n
      from (select day, dimension, key, bucket, count from "ResolutionTimeHistogram" where day >= ${from}::date
            union all
            select day, dimension, key, bucket, count from "ResolutionTimeMovement" where day >= ${from}::date) u
     group by grouping sets ((dimension, key, bucket), (dimension, day, bucket))
    having sum(count) <> 0 and (grouping(day) = 1 or dimension = 'code')`;
  const h = new GroupedHistograms<RowFilter>();
  h.group("all|", { from, to: null, equals: [null, null] });
  for (const b of bins) {
    const n = Number(b.n);
    if (b.day === null) {
      h.add(`${b.dimension}|${b.key}`, { from, to: null, equals: b.dimension === "code" ? [b.key, null] : [null, b.key] }, b.bucket, n);
      if (b.dimension === "code") h.add("all|", { from, to: null, equals: [null, null] }, b.bucket, n);
    } else if (b.dimension === "code") {
      h.add(`day|${b.day.toISOString().slice(0, 10)}`, { from: b.day, to: new Date(b.day.getTime() + DAY_MS), equals: [null, null] }, b.bucket, n);
    }
  }
  const SET = { day: 0b011, code: 0b101, analyst: 0b110, all: 0b111 } as const;
  const out = await h.percentiles(ps, (reads) => readBucketRows(tx, CASE_BUCKETS, reads));
  return [...out].map(([k, r]) => {
    const [kind, key] = k.split("|") as [keyof typeof SET, string];
    return {
      day: kind === "day" ? new Date(`${key}T00:00:00Z`) : null, key: kind === "code" || kind === "analyst" ? key : null, set: SET[kind],
      n: BigInt(r.count), p: r.count === 0 ? null : r.p,
    };
  });
}

/** The same rows by sorting every case of the window (percentile_cont): the reference, and the fallback. */
export async function getResolutionTimePercentilesBySorting(from: Date, ps: readonly number[]): Promise<ResolutionPercentileRow[]> {
  return db.$queryRaw<ResolutionPercentileRow[]>`
    select "resolvedAt"::date as day, coalesce(code::text, "resolvedById") as key, count(*)::bigint as n,
           grouping("resolvedAt"::date, code, "resolvedById")::int as set,
           percentile_cont(array[${Prisma.raw(ps.map(Number).join(", "))}]::float8[]) within group (order by extract(epoch from ("resolvedAt" - "createdAt"))) as p
      from "ExceptionCase" where "resolvedAt" >= ${from} and status = 'RESOLVED'
     group by grouping sets (("resolvedAt"::date), (code), ("resolvedById"), ())`;
}

export type ResolutionBin = { day: string; dimension: string; key: string; bucket: number; count: number };
const toBins = (rows: { day: Date; dimension: string; key: string; bucket: number; n: bigint }[]): ResolutionBin[] =>
  rows.map((r) => ({ day: r.day.toISOString().slice(0, 10), dimension: r.dimension, key: r.key, bucket: r.bucket, count: Number(r.n) }));

/** The histogram (roll-up plus movements), for the drift check. */
export async function getResolutionTimeHistogram(): Promise<ResolutionBin[]> {
  return toBins(await db.$queryRaw`
    select day, dimension, key, bucket, sum(count)::bigint as n
      from (select day, dimension, key, bucket, count from "ResolutionTimeHistogram" union all
            select day, dimension, key, bucket, count from "ResolutionTimeMovement") u
     group by 1, 2, 3, 4 having sum(count) <> 0 order by 1, 2, 3, 4`);
}

const FROM_CASES = `
  select c."resolvedAt"::date as day, k.dimension, k.key, cashline_duration_bucket(cashline_resolution_seconds(c."createdAt", c."resolvedAt")) as bucket,
         count(*)::bigint as n
    from "ExceptionCase" c cross join lateral (values ('code', c.code::text), ('analyst', c."resolvedById")) k(dimension, key)
   where c.status = 'RESOLVED' and c."resolvedAt" is not null and k.key is not null group by 1, 2, 3, 4`;

/** The same histogram counted from the cases: what the roll-up must equal. */
export async function getResolutionTimeHistogramFromCases(): Promise<ResolutionBin[]> {
  return toBins(await db.$queryRawUnsafe(`${FROM_CASES} order by 1, 2, 3, 4`));
}

export function foldResolutionTimeHistogram() {
  return foldMovements(RESOLUTION_TIME_HISTOGRAM);
}

export function rebuildResolutionTimeHistogram() {
  return rebuildRollup(RESOLUTION_TIME_HISTOGRAM, "ExceptionCase", `select day, dimension, key, bucket, n from (${FROM_CASES}) s`);
}
