// Writes end-of-day unapplied cash per entity and currency for every closed day not snapshotted yet (at most
// MAX_BACKFILL_DAYS back on the first run), so the aging trend reads a handful of rows instead of re-deriving the
// window from receipts and applications on every refresh. Idempotent (primary key + skipDuplicates) and
// serialised across workers by an advisory lock. Run by the worker's schedule (jobs/schedules.ts).
import { db } from "../db/client.ts";
import { deriveUnappliedTrend } from "./derive-unapplied-trend.ts";
import { addDays, isoDate, startOfUtcDay } from "./time.ts";

const LOCK_ID = 7_420_067;
export const MAX_BACKFILL_DAYS = 90;

export async function snapshotUnappliedCash(now = new Date()): Promise<{ from: string | null; through: string; rows: number }> {
  const today = startOfUtcDay(now);
  const yesterday = isoDate(addDays(today, -1));
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`select pg_advisory_xact_lock(${LOCK_ID})`;
    const [last] = await tx.$queryRaw<{ day: Date | null }[]>`select max(day) as day from "UnappliedCashSnapshot"`;
    const from = last?.day ? addDays(last.day, 1) : addDays(today, -MAX_BACKFILL_DAYS);
    if (isoDate(from) > yesterday) return { from: null, through: yesterday, rows: 0 };
    // Derived as of now, right after the days closed: what was known at the end of each day.
    const points = (await deriveUnappliedTrend(from, today)).filter((p) => p.day <= yesterday);
    const { count } = await tx.unappliedCashSnapshot.createMany({
      data: points.map((p) => ({ day: new Date(`${p.day}T00:00:00Z`), entityId: p.entityId, currency: p.currency, amountMinor: p.amountMinor })),
      skipDuplicates: true,
    });
    return { from: isoDate(from), through: yesterday, rows: count };
  }, { timeout: 10 * 60_000 });
}
