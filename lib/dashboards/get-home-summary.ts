// The home page's headline figures. Each comes from the one function that defines it (lib/figures/), the same one
// the dashboards, the cash position and close readiness call, so the home page never disagrees with them.
import { z } from "zod";
import { db } from "../db/client.ts";
import { fromMinor } from "../money/money.ts";
import { moneySchema } from "../http/pagination.ts";
import { getUnappliedCash, unappliedByCurrency, UNAPPLIED_CASH_EXCLUSIONS } from "../figures/unapplied-cash.ts";
import { getReceiptsToday, receiptsTodayByCurrency, RECEIPTS_TODAY_EXCLUSIONS } from "../figures/receipts-today.ts";
import { startOfUtcDay } from "./time.ts";

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
  const [today, unapplied, openExceptions, overdueExceptions, postedToday, stalledReceipts] = await Promise.all([
    getReceiptsToday(now),
    getUnappliedCash(),
    db.exceptionCase.count({ where: { status: { notIn: ["RESOLVED", "CANCELLED"] } } }),
    db.exceptionCase.count({ where: { status: { notIn: ["RESOLVED", "CANCELLED"] }, slaDueAt: { lt: now } } }),
    db.receipt.count({ where: { postedAt: { gte: startOfDay } } }),
    db.exceptionCase.count({ where: { code: "STALLED", status: { notIn: ["RESOLVED", "CANCELLED"] } } }),
  ]);
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
