// Auto-match rate per day: of the receipts that arrived that day (receivedAt), how many the engine applied on
// its own, how many people applied, how many sit in an exception, how many are still on their way.
// "Applied" is the receipt's workflow position (APPLIED, POSTED, PUBLISHED, or POSTING_FAILED: applied, the ERP
// refused it); it was applied by people when any live application on it was made by someone other than the engine
// (a person had to decide), by the engine otherwise. Rate = engine ÷ received; returned payments and duplicates are
// left out of both. Reading the position from the receipt keeps this to one index-only scan of the window plus
// the (small) set of applications people made.
import { z } from "zod";
import { db } from "../db/client.ts";
import { EXCEPTION_STATES } from "../workflow/receipt-states.ts";
import { Prisma } from "../db/client.ts";
import { dashboardDays } from "./period.ts";
import { addDays, dateRange, isoDate, startOfUtcDay } from "./time.ts";
import { NOT_CASH_STATES, notCashStatesSql } from "./sql.ts";

export const autoMatchRateQuery = z.object({
  days: dashboardDays.describe("arrival days to cover, today included (the dashboards' shared period)"),
});

const counts = z.object({
  received: z.number().int(), engine: z.number().int(), manual: z.number().int(), exception: z.number().int(), pending: z.number().int(),
  autoMatchRate: z.number().min(0).max(1).nullable().describe("engine ÷ received"),
});
export const autoMatchRateResponse = z.object({
  asOf: z.string(),
  from: z.string(),
  to: z.string(),
  total: counts,
  daily: z.array(counts.extend({ date: z.string() })),
});
export type AutoMatchRate = z.infer<typeof autoMatchRateResponse>;

const APPLIED_STATES = ["APPLIED", "POSTED", "PUBLISHED", "POSTING_FAILED"];
const appliedStatesSql = Prisma.raw(APPLIED_STATES.map((s) => `'${s}'`).join(", "));
const exceptionStatesSql = Prisma.raw(
  EXCEPTION_STATES.filter((s) => !(NOT_CASH_STATES as readonly string[]).includes(s) && !APPLIED_STATES.includes(s)).map((s) => `'${s}'`).join(", "),
);

export async function getAutoMatchRate(q: z.infer<typeof autoMatchRateQuery>, now = new Date()): Promise<AutoMatchRate> {
  const today = startOfUtcDay(now);
  const firstDay = addDays(today, -(q.days - 1));
  const rows = await db.$queryRaw<{ day: Date; received: bigint; engine: bigint; manual: bigint; exception: bigint }[]>`
    select r."receivedAt"::date as day, count(*)::bigint as received,
           count(*) filter (where r.state in (${appliedStatesSql}) and not r.manual)::bigint as engine,
           count(*) filter (where r.state in (${appliedStatesSql}) and r.manual)::bigint as manual,
           count(*) filter (where r.state in (${exceptionStatesSql}))::bigint as exception
      from (select "receivedAt", state, id in (
                   select "receiptId" from "Application"
                    where "appliedAt" >= ${firstDay} and "reversedAt" is null and "appliedByType" <> 'engine') as manual
              from "Receipt"
             where "receivedAt" >= ${firstDay} and state not in (${notCashStatesSql}) offset 0) r -- offset 0: "manual" once per row
     group by 1`;
  const byDay = new Map(rows.map((r) => [isoDate(r.day), r]));
  const make = (received: number, engine: number, manual: number, exception: number) => ({
    received, engine, manual, exception, pending: received - engine - manual - exception,
    autoMatchRate: received ? engine / received : null,
  });
  const daily = dateRange(firstDay, today).map((date) => {
    const r = byDay.get(date);
    return { date, ...make(Number(r?.received ?? 0), Number(r?.engine ?? 0), Number(r?.manual ?? 0), Number(r?.exception ?? 0)) };
  });
  const sum = (k: "received" | "engine" | "manual" | "exception") => daily.reduce((s, d) => s + d[k], 0);
  return {
    asOf: now.toISOString(),
    from: isoDate(firstDay),
    to: isoDate(today),
    total: make(sum("received"), sum("engine"), sum("manual"), sum("exception")),
    daily,
  };
}
