// Payment-to-posting latency: how long money takes from becoming known to Cashline (receivedAt) to being
// acknowledged by the ERP (postedAt), as Receipt.postingLatencyMs. Percentiles per posting day and channel are exact
// (percentile_cont's) and come from a histogram kept on write plus the few rows at each percentile's rank
// (lib/figures/posting-latency-histogram.ts); the receipts waiting longest come from a partial index on the
// not-yet-posted subset.
import { z } from "zod";
import { db, Prisma } from "../db/client.ts";
import { fromMinor } from "../money/money.ts";
import { nextOwner, type ReceiptState } from "../workflow/receipt-states.ts";
import { dashboardDays } from "./period.ts";
import { addDays, dateRange, isoDate, startOfUtcDay } from "./time.ts";
import { getPostingLatencyPercentiles, type LatencyPercentileRow } from "../figures/posting-latency-histogram.ts";
import { EXCEPTION_DONE_SQL, notCashStatesSql, roundPercentiles } from "./sql.ts";

export const CHANNELS = ["ACH", "WIRE", "CHECK", "CARD", "SEPA", "OTHER"] as const;

export const postingLatencyQuery = z.object({
  days: dashboardDays.describe("posting days to cover, today included (the dashboards' shared period)"),
  channel: z.enum(CHANNELS).optional(),
});

const pct = z.object({ count: z.number().int(), p50Ms: z.number().int().nullable(), p95Ms: z.number().int().nullable(), p99Ms: z.number().int().nullable() });
export const postingLatencyResponse = z.object({
  asOf: z.string(),
  from: z.string(),
  to: z.string(),
  overall: pct,
  byChannel: z.array(pct.extend({ channel: z.string() })),
  daily: z.array(pct.extend({ date: z.string() })),
  dailyByChannel: z.array(pct.extend({ date: z.string(), channel: z.string() })),
  waiting: z.object({
    total: z.number().int(),
    oldest: z.array(z.object({
      id: z.string(), entity: z.string(), currency: z.string(), amount: z.string(), channel: z.string(), state: z.string(),
      owner: z.string(), waitingFor: z.string(), receivedAt: z.string(), waitingMinutes: z.number().int(),
      payerName: z.string().nullable(), bankReference: z.string().nullable(),
    })),
  }),
});
export type PostingLatency = z.infer<typeof postingLatencyResponse>;

export async function getPostingLatency(q: z.infer<typeof postingLatencyQuery>, now = new Date(), waitingLimit = 15): Promise<PostingLatency> {
  const today = startOfUtcDay(now);
  const firstDay = addDays(today, -(q.days - 1));
  const channelFilterR = q.channel ? Prisma.sql`and r.channel = ${q.channel}::"Channel"` : Prisma.empty;
  const [rows, waitingTotal, oldest] = await Promise.all([
    getPostingLatencyPercentiles(firstDay, [0.5, 0.95, 0.99], q.channel),
    db.$queryRaw<{ n: bigint }[]>`
      select count(*)::bigint as n from "Receipt" r where r."postedAt" is null and r.state not in (${notCashStatesSql}) ${channelFilterR}`,
    db.$queryRaw<{ id: string; entity: string; currency: string; amountMinor: bigint; channel: string; state: ReceiptState; receivedAt: Date; payerName: string | null; bankReference: string | null; assignee: string | null }[]>`
      select r.id, e.code as entity, r.currency, r."amountMinor", r.channel::text as channel, r.state, r."receivedAt", r."payerName", r."bankReference", owner.name as assignee
        from "Receipt" r
        join "LegalEntity" e on e.id = r."entityId"
        left join lateral (
          select u.name from "ExceptionCase" c join "User" u on u.id = c."assigneeId"
           where c."receiptId" = r.id and c.status not in (${EXCEPTION_DONE_SQL})
           order by c."createdAt" desc limit 1) owner on true
       where r."postedAt" is null and r.state not in (${notCashStatesSql}) ${channelFilterR}
       order by r."receivedAt" asc, r.id asc
       limit ${waitingLimit}`,
  ]);

  const toPct = (r: LatencyPercentileRow | undefined) => {
    const [p50, p95, p99] = roundPercentiles(r?.p);
    return { count: Number(r?.n ?? 0), p50Ms: p50 ?? null, p95Ms: p95 ?? null, p99Ms: p99 ?? null };
  };
  const overall = rows.find((r) => r.day === null && r.channel === null);
  const dailyRows = new Map(rows.filter((r) => r.day !== null && r.channel === null).map((r) => [isoDate(r.day!), r]));
  return {
    asOf: now.toISOString(),
    from: isoDate(firstDay),
    to: isoDate(today),
    overall: toPct(overall),
    byChannel: rows.filter((r) => r.day === null && r.channel !== null).sort((a, b) => a.channel!.localeCompare(b.channel!)).map((r) => ({ channel: r.channel!, ...toPct(r) })),
    // Every day of the window, so a day without postings shows as a gap rather than disappearing.
    daily: dateRange(firstDay, today).map((date) => ({ date, ...toPct(dailyRows.get(date)) })),
    dailyByChannel: rows
      .filter((r) => r.day !== null && r.channel !== null)
      .map((r) => ({ date: isoDate(r.day!), channel: r.channel!, ...toPct(r) }))
      .sort((a, b) => a.date.localeCompare(b.date) || a.channel.localeCompare(b.channel)),
    waiting: {
      total: Number(waitingTotal[0]?.n ?? 0),
      oldest: oldest.map((r) => {
        const next = nextOwner(r.state);
        return {
          id: r.id, entity: r.entity, currency: r.currency, amount: fromMinor(r.amountMinor, r.currency), channel: r.channel, state: r.state,
          owner: r.assignee ?? next.owner, waitingFor: next.waitingFor, receivedAt: r.receivedAt.toISOString(),
          waitingMinutes: Math.max(0, Math.floor((now.getTime() - r.receivedAt.getTime()) / 60_000)),
          payerName: r.payerName, bankReference: r.bankReference,
        };
      }),
    },
  };
}
