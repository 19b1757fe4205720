// Auto-match rate per day: of the receipts that arrived that day (receivedAt), how many the engine applied on
// its own, how many people applied, how many sit in an exception, how many are still on their way.
// "Applied" is the receipt's workflow position (APPLIED, POSTED, PUBLISHED, or POSTING_FAILED: applied, the ERP
// refused it); it was applied by people when any live application on it was made by someone other than the engine
// (a person had to decide), by the engine otherwise. Rate = engine ÷ received; returned payments and duplicates are
// left out of both. The counts per day and category are kept on write (lib/figures/receipt-arrivals.ts), people's
// applications included: this reads a few hundred rows whatever the volume.
import { z } from "zod";
import { getReceiptArrivals } from "../figures/receipt-arrivals.ts";
import { dashboardDays } from "./period.ts";
import { addDays, dateRange, isoDate, startOfUtcDay } from "./time.ts";

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

export async function getAutoMatchRate(q: z.infer<typeof autoMatchRateQuery>, now = new Date()): Promise<AutoMatchRate> {
  const today = startOfUtcDay(now);
  const firstDay = addDays(today, -(q.days - 1));
  const arrivals = await getReceiptArrivals(isoDate(firstDay));
  type DayCounts = { received: number; engine: number; manual: number; exception: number };
  const byDay = new Map<string, DayCounts>();
  const at = (day: string) => byDay.get(day) ?? byDay.set(day, { received: 0, engine: 0, manual: 0, exception: 0 }).get(day)!;
  for (const a of arrivals) {
    if (a.category === "not_cash") continue; // returned payments and duplicates: left out of both
    const d = at(a.day);
    d.received += a.count;
    if (a.category === "applied") d.engine += a.count;
    if (a.category === "applied_by_person") d.manual += a.count;
    if (a.category === "exception") d.exception += a.count;
  }
  const make = (received: number, engine: number, manual: number, exception: number) => ({
    received, engine, manual, exception, pending: received - engine - manual - exception,
    autoMatchRate: received ? engine / received : null,
  });
  const daily = dateRange(firstDay, today).map((date) => {
    const r = byDay.get(date);
    return { date, ...make(r?.received ?? 0, r?.engine ?? 0, r?.manual ?? 0, r?.exception ?? 0) };
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
