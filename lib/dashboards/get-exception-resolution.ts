// Exception resolution time (createdAt → resolvedAt of RESOLVED cases) per day resolved, per exception code
// and per analyst (resolvedById), with what is still open, so an AR lead sees throughput and where it stalls.
import { z } from "zod";
import { db } from "../db/client.ts";
import { addDays, dateRange, isoDate, startOfUtcDay } from "./time.ts";
import { getExceptionCaseCounts } from "../figures/exception-case-counts.ts";
import { getResolutionTimePercentiles } from "../figures/resolution-time-histogram.ts";
import { roundPercentiles } from "./sql.ts";

export const exceptionResolutionQuery = z.object({
  days: z.coerce.number().int().min(1).max(90).default(30).describe("days to cover, today included"),
});

const stats = z.object({ resolved: z.number().int(), p50Seconds: z.number().int().nullable(), p90Seconds: z.number().int().nullable() });
export const exceptionResolutionResponse = z.object({
  asOf: z.string(),
  from: z.string(),
  to: z.string(),
  overall: stats.extend({ created: z.number().int(), open: z.number().int() }),
  daily: z.array(stats.extend({ date: z.string(), created: z.number().int() })),
  byCode: z.array(stats.extend({ code: z.string(), open: z.number().int() })),
  byAnalyst: z.array(stats.extend({ userId: z.string(), name: z.string(), openAssigned: z.number().int() })),
});
export type ExceptionResolution = z.infer<typeof exceptionResolutionResponse>;

type StatRow = { key: string | null; n: bigint; p: (number | null)[] | null };

export async function getExceptionResolution(q: z.infer<typeof exceptionResolutionQuery>, now = new Date()): Promise<ExceptionResolution> {
  const today = startOfUtcDay(now);
  const firstDay = addDays(today, -(q.days - 1));
  // Resolution-time percentiles for every breakdown from the histogram kept on write (exact: percentile_cont's, see
  // lib/figures/resolution-time-histogram.ts); cases created per day and open per code and assignee kept on write too
  // (lib/figures/exception-case-counts.ts).
  const [resolved, counts, users] = await Promise.all([
    getResolutionTimePercentiles(firstDay, [0.5, 0.9]),
    getExceptionCaseCounts(isoDate(firstDay)),
    db.user.findMany({ select: { id: true, name: true } }),
  ]);
  // grouping() bits, leftmost argument highest: 0b011 = by day, 0b101 = by code, 0b110 = by analyst, 0b111 = all.
  const byDay = resolved.filter((r) => r.set === 0b011 || r.set === 0b111);
  const byCode = resolved.filter((r) => r.set === 0b101);
  const byAnalyst = resolved.filter((r) => r.set === 0b110 && r.key !== null);

  const toStats = (r: StatRow | undefined) => {
    const [p50, p90] = roundPercentiles(r?.p);
    return { resolved: Number(r?.n ?? 0), p50Seconds: p50 ?? null, p90Seconds: p90 ?? null };
  };
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  const countsOf = (kind: string) => new Map(counts.filter((r) => r.kind === kind && r.key !== "").map((r) => [r.key, r.count]));
  const openCode = countsOf("open_code");
  const openAssignee = countsOf("open_assignee"); // unassigned ("") left out
  const createdBy = countsOf("created");
  const resolvedBy = new Map(byDay.filter((r) => r.set === 0b011).map((r) => [isoDate(r.day!), r]));
  const codes = new Set([...byCode.map((r) => r.key!), ...openCode.keys()]);
  const analysts = new Set([...byAnalyst.map((r) => r.key!), ...openAssignee.keys()]);
  return {
    asOf: now.toISOString(),
    from: isoDate(firstDay),
    to: isoDate(today),
    overall: {
      ...toStats(byDay.find((r) => r.set === 0b111)),
      created: [...createdBy.values()].reduce((s, n) => s + n, 0),
      open: [...openCode.values()].reduce((s, n) => s + n, 0),
    },
    daily: dateRange(firstDay, today).map((date) => ({ date, created: createdBy.get(date) ?? 0, ...toStats(resolvedBy.get(date)) })),
    byCode: [...codes].sort().map((code) => ({ code, open: openCode.get(code) ?? 0, ...toStats(byCode.find((r) => r.key === code)) })),
    byAnalyst: [...analysts]
      .map((userId) => ({ userId, name: nameOf.get(userId) ?? userId, openAssigned: openAssignee.get(userId) ?? 0, ...toStats(byAnalyst.find((r) => r.key === userId)) }))
      .sort((a, b) => b.resolved - a.resolved || a.name.localeCompare(b.name)),
  };
}
