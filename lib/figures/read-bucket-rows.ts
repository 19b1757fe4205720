// The reads of duration-percentiles.ts in one SQL statement: for each read, one bucket's rows of the group (a time
// range and equality filters), numbered in value order, with how many there are. Each read is one range scan of the
// bucket's index (bucket, time) and a sort of that bucket's rows of the range: a few hundred rows where
// percentile_cont sorted the whole window.
import { db, Prisma } from "../db/client.ts";
import { column } from "../db/pg-array.ts";
import { logger } from "../log/logger.ts";
import { HistogramDriftError, type BucketRead, type BucketValues } from "./duration-percentiles.ts";

export type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/** Rows of [from, to) (to null: no end), and of one value of each filter column where the filter is not null. */
export type RowFilter = { from: Date; to: Date | null; equals: readonly (string | null)[] };

export type BucketSource = {
  /** `from` clause with the alias the expressions use, e.g. `"Receipt" r`. */
  table: string;
  /** The measured value, float8 (what percentile_cont orders by). */
  value: string;
  /** The bucket of the value, written exactly as in the index (e.g. cashline_duration_bucket(…)). */
  bucket: string;
  /** Timestamp column the time range applies to; the index's second column. */
  time: string;
  /** Condition of the rows counted (the index's predicate). */
  where: string;
  /** Text expressions compared with RowFilter.equals, in order. */
  filterColumns: readonly string[];
};

const ts = (d: Date | null) => (d ? d.toISOString().slice(0, 23) : "infinity");

export async function readBucketRows(tx: Tx, s: BucketSource, reads: { filter: RowFilter; read: BucketRead }[]): Promise<BucketValues[]> {
  const filterParams = s.filterColumns.map((_, j) => `$${6 + j}::text[]`);
  const filterNames = s.filterColumns.map((_, j) => `f${j}`);
  const filterSql = s.filterColumns.map((col, j) => ` and (t.f${j} is null or ${col} = t.f${j})`).join("");
  const rows = await tx.$queryRawUnsafe<{ vals: number[]; rows: bigint }[]>(`
    select coalesce(v.vals, '{}') as vals, coalesce(v.rows, 0) as rows
      from unnest($1::int[], $2::int[], $3::int[], $4::timestamp[], $5::timestamp[]${filterParams.map((p) => `, ${p}`).join("")}) with ordinality
           as t(bucket, off, lim, lo, hi${filterNames.map((n) => `, ${n}`).join("")}, i)
      left join lateral (
        select array_agg(x order by x) filter (where k > t.off and k <= t.off + t.lim) as vals, max(c) as rows
          from (select ${s.value} as x, row_number() over (order by ${s.value}) as k, count(*) over () as c
                  from ${s.table}
                 where ${s.bucket} = t.bucket and ${s.where} and ${s.time} >= t.lo and ${s.time} < t.hi${filterSql}) q) v on true
     order by t.i`,
    column(reads, (r) => r.read.bucket), column(reads, (r) => r.read.offset), column(reads, (r) => r.read.limit),
    column(reads, (r) => ts(r.filter.from)), column(reads, (r) => ts(r.filter.to)),
    ...s.filterColumns.map((_, j) => column(reads, (r) => r.filter.equals[j])));
  return rows.map((r) => ({ values: r.vals, rows: Number(r.rows) }));
}

/**
 * `fromHistogram` in one repeatable-read snapshot (the histogram and the rows read back agree); when a bucket it
 * reads disagrees with the histogram (a write with triggers off), logs and answers with `bySorting` instead.
 */
export async function fromHistogramOrSorted<T>(what: string, fromHistogram: (tx: Tx) => Promise<T>, bySorting: () => Promise<T>): Promise<T> {
  try {
    return await db.$transaction(fromHistogram, { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead });
  } catch (e) {
    if (!(e instanceof HistogramDriftError)) throw e;
    logger.warn(`${what} histogram disagrees with its source: sorting instead; run \`cashline figures rebuild\``, { error: e.message });
    return bySorting();
  }
}
