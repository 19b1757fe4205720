// The home page's counts, straight from the database: receipts today, unapplied cash by currency, open exceptions.
import { z } from "zod";
import { db } from "../db/client.ts";
import { fromMinor } from "../money/money.ts";
import { moneySchema } from "../http/pagination.ts";

export const homeSummarySchema = z.object({
  receiptsToday: z.number().int(),
  receiptsTodayByCurrency: z.array(moneySchema.extend({ count: z.number().int() })),
  unappliedByCurrency: z.array(moneySchema.extend({ count: z.number().int() })),
  openExceptions: z.number().int(),
  overdueExceptions: z.number().int(),
  postedToday: z.number().int(),
  /** Issue 11: receipts with an open STALLED case (waiting past their state's allowed time). */
  stalledReceipts: z.number().int().optional(),
});
export type HomeSummary = z.infer<typeof homeSummarySchema>;

export async function getHomeSummary(now = new Date()): Promise<HomeSummary> {
  const startOfDay = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const [today, unapplied, openExceptions, overdueExceptions, postedToday, stalledReceipts] = await Promise.all([
    db.$queryRaw<{ currency: string; total: bigint; n: bigint }[]>`
      select currency, sum("amountMinor")::bigint as total, count(*)::bigint as n
      from "Receipt" where "receivedAt" >= ${startOfDay} group by currency order by currency`,
    db.$queryRaw<{ currency: string; total: bigint; n: bigint }[]>`
      select currency, sum("unappliedMinor")::bigint as total, count(*)::bigint as n
      from "Receipt" where "unappliedMinor" > 0 group by currency order by currency`,
    db.exceptionCase.count({ where: { status: { notIn: ["RESOLVED", "CANCELLED"] } } }),
    db.exceptionCase.count({ where: { status: { notIn: ["RESOLVED", "CANCELLED"] }, slaDueAt: { lt: now } } }),
    db.receipt.count({ where: { postedAt: { gte: startOfDay } } }),
    db.exceptionCase.count({ where: { code: "STALLED", status: { notIn: ["RESOLVED", "CANCELLED"] } } }),
  ]);
  const money = (rows: { currency: string; total: bigint; n: bigint }[]) =>
    rows.map((r) => ({ currency: r.currency, amount: fromMinor(r.total, r.currency), count: Number(r.n) }));
  return {
    receiptsToday: today.reduce((s, r) => s + Number(r.n), 0),
    receiptsTodayByCurrency: money(today),
    unappliedByCurrency: money(unapplied),
    openExceptions,
    overdueExceptions,
    postedToday,
    stalledReceipts,
  };
}
