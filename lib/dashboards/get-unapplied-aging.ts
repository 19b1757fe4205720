// Unapplied-cash aging: what cash sits unapplied, by entity and currency, in age buckets counted from the VALUE
// DATE (the day the money was at the bank, which is what auditors and treasury age by; receivedAt can lag it
// by a statement cycle), plus the daily trend of the unapplied total.
//
// Trend: closed days come from UnappliedCashSnapshot (written by the worker after each day closes); days not
// snapshotted yet (normally none, or just yesterday) are derived from receipts and applications
// (derive-unapplied-trend.ts), and today is the live total. The derivation alone would do, but it reads every
// receipt and application of the window on each refresh; the snapshot makes the trend a few rows.
import { z } from "zod";
import { db, Prisma } from "../db/client.ts";
import { fromMinor } from "../money/money.ts";
import { AGE_BUCKETS, addDays, ageBucketIndex, bucketValueDates, dateRange, isoDate, startOfUtcDay } from "./time.ts";
import { getUnappliedCash } from "../figures/unapplied-cash.ts";
import { DASHBOARD_DAYS_DEFAULT } from "./period.ts";
import { deriveUnappliedTrend } from "./derive-unapplied-trend.ts";

export const unappliedAgingQuery = z.object({
  entity: z.string().trim().min(1).max(20).optional().describe("legal entity code"),
  currency: z.string().length(3).optional(),
  days: z.coerce.number().int().min(1).max(90).default(DASHBOARD_DAYS_DEFAULT).describe("days of trend (the dashboards' shared period)"),
});

const cell = z.object({ count: z.number().int(), amount: z.string() });
export const unappliedAgingResponse = z.object({
  asOf: z.string(),
  today: z.string(),
  ageBasis: z.literal("valueDate"),
  buckets: z.array(z.object({ key: z.string(), label: z.string(), minDays: z.number().int(), maxDays: z.number().int().nullable(), valueFrom: z.string().nullable(), valueTo: z.string() })),
  rows: z.array(z.object({ entity: z.string(), currency: z.string(), buckets: z.array(cell), total: cell })),
  totals: z.array(z.object({ currency: z.string(), buckets: z.array(cell), total: cell })),
  trend: z.array(z.object({ date: z.string(), currency: z.string(), amount: z.string() })),
});
export type UnappliedAging = z.infer<typeof unappliedAgingResponse>;

type Acc = { counts: number[]; totals: bigint[] };
const newAcc = (): Acc => ({ counts: AGE_BUCKETS.map(() => 0), totals: AGE_BUCKETS.map(() => 0n) });

export async function getUnappliedAging(q: z.infer<typeof unappliedAgingQuery>, now = new Date()): Promise<UnappliedAging> {
  const today = startOfUtcDay(now);
  const firstDay = addDays(today, -(q.days - 1));
  // The one definition of unapplied cash (lib/figures/unapplied-cash.ts), bucketed here by value-date age.
  const [cashRows, snapshots] = await Promise.all([
    getUnappliedCash({ entity: q.entity, currency: q.currency }),
    readSnapshots(firstDay, addDays(today, -1), q),
  ]);
  const bucketRows = cashRows.map((r) => ({
    entity: r.entity, currency: r.currency, n: r.count, total: r.amountMinor,
    bucket: ageBucketIndex(Math.round((today.getTime() - new Date(`${r.valueDate}T00:00:00Z`).getTime()) / 86_400_000)),
  }));

  const byRow = new Map<string, Acc & { entity: string; currency: string }>();
  const byCurrency = new Map<string, Acc>();
  for (const r of bucketRows) {
    const row = byRow.get(`${r.entity}|${r.currency}`) ?? byRow.set(`${r.entity}|${r.currency}`, { entity: r.entity, currency: r.currency, ...newAcc() }).get(`${r.entity}|${r.currency}`)!;
    const cur = byCurrency.get(r.currency) ?? byCurrency.set(r.currency, newAcc()).get(r.currency)!;
    for (const acc of [row, cur]) {
      acc.counts[r.bucket]! += Number(r.n);
      acc.totals[r.bucket]! += r.total;
    }
  }
  const cells = (acc: Acc, currency: string) => ({
    buckets: acc.counts.map((count, i) => ({ count, amount: fromMinor(acc.totals[i]!, currency) })),
    total: { count: acc.counts.reduce((s, n) => s + n, 0), amount: fromMinor(acc.totals.reduce((s, n) => s + n, 0n), currency) },
  });

  // Days after the last snapshot (or the whole window without one) are derived; today is always live.
  const days = dateRange(firstDay, today);
  const deriveFrom = snapshots.through ? addDays(new Date(`${snapshots.through}T00:00:00Z`), 1) : firstDay;
  const derived = await deriveUnappliedTrend(deriveFrom, today, q);
  const amountBy = new Map<string, bigint>();
  const currencies = new Set(byCurrency.keys());
  for (const p of [...snapshots.rows, ...derived.map((d) => ({ day: d.day, currency: d.currency, amountMinor: d.amountMinor }))]) {
    amountBy.set(`${p.currency}|${p.day}`, (amountBy.get(`${p.currency}|${p.day}`) ?? 0n) + p.amountMinor);
    currencies.add(p.currency);
  }
  const trend: UnappliedAging["trend"] = [];
  for (const currency of [...currencies].sort()) {
    for (const date of days) trend.push({ date, currency, amount: fromMinor(amountBy.get(`${currency}|${date}`) ?? 0n, currency) });
  }

  return {
    asOf: now.toISOString(),
    today: isoDate(today),
    ageBasis: "valueDate",
    buckets: AGE_BUCKETS.map((b) => {
      const range = bucketValueDates(b, today);
      return { key: b.key, label: b.label, minDays: b.minDays, maxDays: b.maxDays, valueFrom: range.valueFrom ?? null, valueTo: range.valueTo };
    }),
    rows: [...byRow.values()]
      .sort((a, b) => a.entity.localeCompare(b.entity) || a.currency.localeCompare(b.currency))
      .map((r) => ({ entity: r.entity, currency: r.currency, ...cells(r, r.currency) })),
    totals: [...byCurrency.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, acc]) => ({ currency, ...cells(acc, currency) })),
    trend,
  };
}

/** Snapshot rows of the window, if the snapshot covers it from its first day (it is written without gaps). */
async function readSnapshots(firstDay: Date, lastClosedDay: Date, q: { entity?: string; currency?: string }) {
  const [range] = await db.$queryRaw<{ first: Date | null; last: Date | null }[]>`
    select min(day) as first, max(day) as last from "UnappliedCashSnapshot" where day between ${isoDate(firstDay)}::date and ${isoDate(lastClosedDay)}::date`;
  if (!range?.first || !range.last || isoDate(range.first) !== isoDate(firstDay)) return { through: null, rows: [] };
  const rows = await db.$queryRaw<{ day: Date; currency: string; total: bigint }[]>`
    select day, currency::text as currency, sum("amountMinor")::bigint as total from "UnappliedCashSnapshot"
     where day between ${isoDate(firstDay)}::date and ${isoDate(range.last)}::date
       ${q.entity ? Prisma.sql`and "entityId" = (select id from "LegalEntity" where code = ${q.entity})` : Prisma.empty}
       ${q.currency ? Prisma.sql`and currency = ${q.currency}` : Prisma.empty}
     group by 1, 2`;
  return { through: isoDate(range.last), rows: rows.map((r) => ({ day: isoDate(r.day), currency: r.currency, amountMinor: r.total })) };
}
