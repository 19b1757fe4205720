// Day and period arithmetic shared by the dashboards and close readiness. Every boundary is a UTC day: the
// database stores UTC timestamps and value dates are plain dates, so one clock for every entity keeps figures
// comparable across pages (per-entity local days are a later refinement, see README "Dashboards").
import { z } from "zod";

const DAY_MS = 86_400_000;

export function startOfUtcDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * DAY_MS);
}

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Every UTC date from `from` to `to` inclusive, as YYYY-MM-DD. */
export function dateRange(from: Date, to: Date): string[] {
  const out: string[] = [];
  for (let d = startOfUtcDay(from); d <= to; d = addDays(d, 1)) out.push(isoDate(d));
  return out;
}

export const periodSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "period is YYYY-MM");

export type Period = { period: string; start: Date; end: Date; lastDay: string };

/** A calendar month "YYYY-MM" as the half-open UTC range [start, end). */
export function parsePeriod(period: string): Period {
  const [y, m] = periodSchema.parse(period).split("-").map(Number) as [number, number];
  const start = new Date(Date.UTC(y, m - 1, 1));
  const end = new Date(Date.UTC(y, m, 1));
  return { period, start, end, lastDay: isoDate(addDays(end, -1)) };
}

export function currentPeriod(now: Date): string {
  return now.toISOString().slice(0, 7);
}

/** Unapplied-cash age buckets, in whole days since the value date (inclusive bounds; last is open-ended). */
export const AGE_BUCKETS = [
  { key: "0-2", label: "0–2 days", minDays: 0, maxDays: 2 },
  { key: "3-7", label: "3–7 days", minDays: 3, maxDays: 7 },
  { key: "8-30", label: "8–30 days", minDays: 8, maxDays: 30 },
  { key: "31-60", label: "31–60 days", minDays: 31, maxDays: 60 },
  { key: "61+", label: "Over 60 days", minDays: 61, maxDays: null },
] as const;
export type AgeBucketKey = (typeof AGE_BUCKETS)[number]["key"];

/** Index of the bucket for an age in days (a value date in the future counts as age 0). */
export function ageBucketIndex(ageDays: number): number {
  const i = AGE_BUCKETS.findIndex((b) => b.maxDays === null || Math.max(0, ageDays) <= b.maxDays);
  return i === -1 ? AGE_BUCKETS.length - 1 : i;
}

/** The value-date range (inclusive, YYYY-MM-DD) a bucket covers on `today`: for drill-down links. */
export function bucketValueDates(bucket: { minDays: number; maxDays: number | null }, today: Date): { valueFrom?: string; valueTo: string } {
  return {
    valueFrom: bucket.maxDays === null ? undefined : isoDate(addDays(today, -bucket.maxDays)),
    valueTo: isoDate(addDays(today, -bucket.minDays)),
  };
}
