// Exception resolution time (createdAt → resolvedAt of RESOLVED cases) per day resolved, per exception code
// and per analyst (resolvedById), with what is still open, so an AR lead sees throughput and where it stalls.
import { z } from "zod";
import { db } from "../db/client.ts";
import { addDays, dateRange, isoDate, startOfUtcDay } from "./time.ts";
import { EXCEPTION_DONE_SQL, roundPercentiles } from "./sql.ts";

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
  const [byDay, created, byCode, openByCode, byAnalyst, openByAssignee, users] = await Promise.all([
    db.$queryRaw<(StatRow & { day: Date | null })[]>`
      select "resolvedAt"::date as day, count(*)::bigint as n,
             percentile_cont(array[0.5, 0.9]) within group (order by extract(epoch from ("resolvedAt" - "createdAt"))) as p
        from "ExceptionCase" where "resolvedAt" >= ${firstDay} and status = 'RESOLVED'
       group by grouping sets (("resolvedAt"::date), ())`,
    db.$queryRaw<{ day: Date; n: bigint }[]>`
      select "createdAt"::date as day, count(*)::bigint as n from "ExceptionCase" where "createdAt" >= ${firstDay} group by 1`,
    db.$queryRaw<StatRow[]>`
      select code::text as key, count(*)::bigint as n,
             percentile_cont(array[0.5, 0.9]) within group (order by extract(epoch from ("resolvedAt" - "createdAt"))) as p
        from "ExceptionCase" where "resolvedAt" >= ${firstDay} and status = 'RESOLVED' group by 1`,
    db.$queryRaw<{ key: string; n: bigint }[]>`
      select code::text as key, count(*)::bigint as n from "ExceptionCase" where status not in (${EXCEPTION_DONE_SQL}) group by 1`,
    db.$queryRaw<StatRow[]>`
      select "resolvedById" as key, count(*)::bigint as n,
             percentile_cont(array[0.5, 0.9]) within group (order by extract(epoch from ("resolvedAt" - "createdAt"))) as p
        from "ExceptionCase" where "resolvedAt" >= ${firstDay} and status = 'RESOLVED' and "resolvedById" is not null group by 1`,
    db.$queryRaw<{ key: string; n: bigint }[]>`
      select "assigneeId" as key, count(*)::bigint as n from "ExceptionCase"
       where status not in (${EXCEPTION_DONE_SQL}) and "assigneeId" is not null group by 1`,
    db.user.findMany({ select: { id: true, name: true } }),
  ]);

  const toStats = (r: StatRow | undefined) => {
    const [p50, p90] = roundPercentiles(r?.p);
    return { resolved: Number(r?.n ?? 0), p50Seconds: p50 ?? null, p90Seconds: p90 ?? null };
  };
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  const openCode = new Map(openByCode.map((r) => [r.key, Number(r.n)]));
  const openAssignee = new Map(openByAssignee.map((r) => [r.key, Number(r.n)]));
  const createdBy = new Map(created.map((r) => [isoDate(r.day), Number(r.n)]));
  const resolvedBy = new Map(byDay.filter((r) => r.day !== null).map((r) => [isoDate(r.day!), r]));
  const codes = new Set([...byCode.map((r) => r.key!), ...openCode.keys()]);
  const analysts = new Set([...byAnalyst.map((r) => r.key!), ...openAssignee.keys()]);
  return {
    asOf: now.toISOString(),
    from: isoDate(firstDay),
    to: isoDate(today),
    overall: {
      ...toStats(byDay.find((r) => r.day === null)),
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
