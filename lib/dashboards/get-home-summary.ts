// The home page's headline figures. Each comes from the one function that defines it (lib/figures/), the same one
// the dashboards, the cash position and close readiness call, so the home page never disagrees with them.
import { z } from "zod";
import { db } from "../db/client.ts";
import { fromMinor } from "../money/money.ts";
import { moneySchema } from "../http/pagination.ts";
import { getUnappliedCash, unappliedByCurrency, UNAPPLIED_CASH_EXCLUSIONS } from "../figures/unapplied-cash.ts";
import { getReceiptsToday, receiptsTodayByCurrency, RECEIPTS_TODAY_EXCLUSIONS } from "../figures/receipts-today.ts";
import { startOfUtcDay } from "./time.ts";
import { EXCEPTION_DONE_SQL } from "./sql.ts";

export const homeSummarySchema = z.object({
  asOf: z.string(),
  receiptsToday: z.number().int(),
  receiptsTodayByCurrency: z.array(moneySchema.extend({ count: z.number().int() })),
  receiptsTodayDefinition: z.string(),
  unappliedByCurrency: z.array(moneySchema.extend({ count: z.number().int() })),
  unappliedDefinition: z.string(),
  openExceptions: z.number().int(),
  overdueExceptions: z.number().int(),
  postedToday: z.number().int(),
  /** Receipts with an open STALLED case (waiting past their state's allowed time). */
  stalledReceipts: z.number().int(),
});
export type HomeSummary = z.infer<typeof homeSummarySchema>;

export async function getHomeSummary(now = new Date()): Promise<HomeSummary> {
  const startOfDay = startOfUtcDay(now);
  const [today, unapplied, [cases], postedToday] = await Promise.all([
    getReceiptsToday(now),
    getUnappliedCash(),
    // One pass over the open cases (an index-only scan of the partial ExceptionCase_active_code_sla_idx) for all
    // three counts. Three ORM counts took ~0.8–1 s each at 300,000 open cases (bench:dashboards, 10,000,000
    // receipts): their bound parameters kept the planner off the partial indexes.
    db.$queryRaw<{ open: number; overdue: number; stalled: number }[]>`
      select count(*)::int as open, (count(*) filter (where "slaDueAt" < ${now}))::int as overdue,
             (count(*) filter (where code = 'STALLED'))::int as stalled
        from "ExceptionCase" where status not in (${EXCEPTION_DONE_SQL})`,
    db.receipt.count({ where: { postedAt: { gte: startOfDay } } }),
  ]);
  const { open: openExceptions, overdue: overdueExceptions, stalled: stalledReceipts } = cases!;
  const money = (rows: { currency: string; amountMinor: bigint; count: number }[]) =>
    rows.map((r) => ({ currency: r.currency, amount: fromMinor(r.amountMinor, r.currency), count: r.count }));
  const todayByCurrency = receiptsTodayByCurrency(today);
  return {
    asOf: now.toISOString(),
    receiptsToday: todayByCurrency.reduce((s, r) => s + r.count, 0),
    receiptsTodayByCurrency: money(todayByCurrency),
    receiptsTodayDefinition: RECEIPTS_TODAY_EXCLUSIONS,
    unappliedByCurrency: money(unappliedByCurrency(unapplied)),
    unappliedDefinition: UNAPPLIED_CASH_EXCLUSIONS,
    openExceptions,
    overdueExceptions,
    postedToday,
    stalledReceipts,
  };
}
