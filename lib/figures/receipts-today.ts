// THE definition of "receipts today", used by the home page and the cash position (and its totals), so both show
// the same count and amount.
//
// Receipts today = receipts whose receivedAt is at or after 00:00 UTC today (the one clock every figure uses),
// every channel (card payments included: they reach the bank later, inside a processor payout), EXCLUDING
// DUPLICATE receipts (the same money recorded twice). Returned payments still arrived today and count.
import { db } from "../db/client.ts";
import { startOfUtcDay } from "../dashboards/time.ts";
import { totalsByCurrency, type CurrencyTotal } from "./totals-by-currency.ts";

export const RECEIPTS_TODAY_EXCLUSIONS = "Since 00:00 UTC, every channel; duplicates left out.";

/** One row per currency and bank account (null: card payments, which arrive through the processor's payout). */
export type ReceiptsTodayRow = { currency: string; bankAccountId: string | null; count: number; amountMinor: bigint };

export async function getReceiptsToday(now = new Date()): Promise<ReceiptsTodayRow[]> {
  const rows = await db.$queryRaw<{ currency: string; bankAccountId: string | null; n: bigint; total: bigint }[]>`
    select currency::text as currency, "bankAccountId", count(*)::bigint as n, sum("amountMinor")::bigint as total
      from "Receipt"
     where "receivedAt" >= ${startOfUtcDay(now)} and state <> 'DUPLICATE'
     group by 1, 2 order by 1, 2 nulls last`;
  return rows.map((r) => ({ currency: r.currency, bankAccountId: r.bankAccountId, count: Number(r.n), amountMinor: r.total }));
}

export function receiptsTodayByCurrency(rows: ReceiptsTodayRow[]): CurrencyTotal[] {
  return totalsByCurrency(rows);
}
