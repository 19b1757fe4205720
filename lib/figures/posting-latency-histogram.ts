// Payment-to-posting latency percentiles per posting day and channel, exact, without sorting the window: receipts
// per posting day, channel and duration bucket are kept on write (triggers of migration 20261206070000 append to
// PostingLatencyMovement; the worker folds into PostingLatencyHistogram; the pattern: movement-rollup.ts), and only
// the rows of the buckets that hold each percentile are read back (duration-percentiles.ts), through the index
// "Receipt_latency_bucket_idx". At 10,000,000 receipts percentile_cont sorted ~290,000 rows four times per read.
import { db, Prisma } from "../db/client.ts";
import { GroupedHistograms } from "./duration-percentiles.ts";
import { fromHistogramOrSorted, readBucketRows, type BucketSource, type RowFilter, type Tx } from "./read-bucket-rows.ts";
import { foldMovements, rebuildRollup, type MovementRollup } from "./movement-rollup.ts";

export const POSTING_LATENCY_HISTOGRAM: MovementRollup = {
  movements: "PostingLatencyMovement", rollup: "PostingLatencyHistogram", keys: ["day", "channel", "bucket"], measures: ["count"], lockId: 7_420_072,
};

/** One row per grouping set, as `group by grouping sets ((day, channel), (day), (channel), ())` gives them. */
export type LatencyPercentileRow = { day: Date | null; channel: string | null; n: bigint; p: (number | null)[] | null };

const DAY_MS = 86_400_000;

/**
 * percentile_cont(ps) of postingLatencyMs over the receipts posted since `from` (UTC midnight), by posting day and
 * channel, by day, by channel and overall; only `channel`'s receipts when given. One snapshot (repeatable read) for
 * the histogram and the rows read back. A bucket it reads that holds other rows than the histogram counts (a write
 * with triggers off) makes it log and sort instead; a drift in a bucket it does not read goes unseen here, as in
 * every figure kept on write: `cashline figures check` finds it and `cashline figures rebuild` repairs it.
 */
export async function getPostingLatencyPercentiles(from: Date, ps: readonly number[], channel?: string): Promise<LatencyPercentileRow[]> {
  return fromHistogramOrSorted("posting-latency", (tx) => percentilesFromHistogram(tx, from, ps, channel), () => getPostingLatencyPercentilesBySorting(from, ps, channel));
}

async function percentilesFromHistogram(tx: Tx, from: Date, ps: readonly number[], channel?: string): Promise<LatencyPercentileRow[]> {
  const channelOnly = channel ? Prisma.sql`and channel = ${channel}` : Prisma.empty;
  const bins = await tx.$queryRaw<{ day: Date; channel: string; bucket: number; n: bigint }[]>`
    select day, channel, bucket, sum(count)::bigint as n
      from (select day, channel, bucket, count from "PostingLatencyHistogram" where day >= ${from}::date ${channelOnly}
            union all
            select day, channel, bucket, count from "PostingLatencyMovement" where day >= ${from}::date ${channelOnly}) u
     group by 1, 2, 3 having sum(count) <> 0`;
  const h = new GroupedHistograms<RowFilter>();
  const only = channel ?? null;
  h.group("|", { from, to: null, equals: [only] });
  for (const b of bins) {
    const day = b.day.toISOString().slice(0, 10);
    const next = new Date(b.day.getTime() + DAY_MS);
    const n = Number(b.n);
    h.add(`${day}|${b.channel}`, { from: b.day, to: next, equals: [b.channel] }, b.bucket, n);
    h.add(`${day}|`, { from: b.day, to: next, equals: [only] }, b.bucket, n);
    h.add(`|${b.channel}`, { from, to: null, equals: [b.channel] }, b.bucket, n);
    h.add("|", { from, to: null, equals: [only] }, b.bucket, n);
  }
  const out = await h.percentiles(ps, (reads) => readBucketRows(tx, RECEIPT_BUCKETS, reads));
  return [...out].map(([key, r]) => {
    const [day, ch] = key.split("|");
    return { day: day ? new Date(`${day}T00:00:00Z`) : null, channel: ch || null, n: BigInt(r.count), p: r.count === 0 ? null : r.p };
  });
}

const RECEIPT_BUCKETS: BucketSource = {
  table: `"Receipt" r`, value: `r."postingLatencyMs"::float8`, bucket: `cashline_duration_bucket(r."postingLatencyMs")`, time: `r."postedAt"`,
  where: `r."postingLatencyMs" is not null`, filterColumns: [`r.channel::text`],
};

/** The same rows by sorting every receipt of the window (percentile_cont): the reference, and the fallback. */
export async function getPostingLatencyPercentilesBySorting(from: Date, ps: readonly number[], channel?: string): Promise<LatencyPercentileRow[]> {
  const channelFilter = channel ? Prisma.sql`and channel = ${channel}::"Channel"` : Prisma.empty;
  return db.$queryRaw<LatencyPercentileRow[]>`
    select "postedAt"::date as day, channel::text as channel, count(*)::bigint as n,
           percentile_cont(array[${Prisma.raw(ps.map(Number).join(", "))}]::float8[]) within group (order by "postingLatencyMs") as p
      from "Receipt"
     where "postedAt" >= ${from} and "postingLatencyMs" is not null ${channelFilter}
     group by grouping sets (("postedAt"::date, channel), ("postedAt"::date), (channel), ())`;
}

export type LatencyBin = { day: string; channel: string; bucket: number; count: number };
const toBins = (rows: { day: Date; channel: string; bucket: number; n: bigint }[]): LatencyBin[] =>
  rows.map((r) => ({ day: r.day.toISOString().slice(0, 10), channel: r.channel, bucket: r.bucket, count: Number(r.n) }));

/** The histogram (roll-up plus movements), for the drift check. */
export async function getPostingLatencyHistogram(): Promise<LatencyBin[]> {
  return toBins(await db.$queryRaw`
    select day, channel, bucket, sum(count)::bigint as n
      from (select day, channel, bucket, count from "PostingLatencyHistogram" union all
            select day, channel, bucket, count from "PostingLatencyMovement") u
     group by 1, 2, 3 having sum(count) <> 0 order by 1, 2, 3`);
}

const FROM_RECEIPTS = `
  select "postedAt"::date as day, channel::text as channel, cashline_duration_bucket("postingLatencyMs") as bucket, count(*)::bigint as n
    from "Receipt" where "postedAt" is not null and "postingLatencyMs" is not null group by 1, 2, 3`;

/** The same histogram counted from the receipts: what the roll-up must equal. */
export async function getPostingLatencyHistogramFromReceipts(): Promise<LatencyBin[]> {
  return toBins(await db.$queryRawUnsafe(`${FROM_RECEIPTS} order by 1, 2, 3`));
}

export function foldPostingLatencyHistogram() {
  return foldMovements(POSTING_LATENCY_HISTOGRAM);
}

export function rebuildPostingLatencyHistogram() {
  return rebuildRollup(POSTING_LATENCY_HISTOGRAM, "Receipt", `select day, channel, bucket, n from (${FROM_RECEIPTS}) s`);
}
