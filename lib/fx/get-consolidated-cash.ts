// The consolidated cash position in the reporting currency (treasury, issue 17): the one cash position, converted.
import { z } from "zod";
import { getCashPosition } from "../dashboards/get-cash-position.ts";
import { getReportingCurrency } from "./reporting-currency.ts";
import { loadRateTable } from "./load-rate-table.ts";
import { consolidateCashPosition, type ConsolidatedCash } from "./consolidate-cash-position.ts";

const totals = z.object({ closing: z.string(), inTransit: z.string(), projected: z.string(), expected: z.string() });
export const consolidatedCashResponse = z.object({
  reportingCurrency: z.string(), rateDate: z.string(),
  rates: z.array(z.object({ currency: z.string(), rate: z.string().describe("1 currency = rate reporting currency"), day: z.string(), how: z.string() })),
  missingRates: z.array(z.string()).describe("currencies with no rate on or before the rate date: left out of the totals"),
  accounts: z.array(z.object({ id: z.string(), entity: z.string(), name: z.string(), currency: z.string(), closing: z.string(), inTransit: z.string(), projected: z.string() })),
  entities: z.array(totals.extend({ entity: z.string() })),
  total: totals,
});

export async function getConsolidatedCash(now = new Date()): Promise<ConsolidatedCash> {
  const [pos, reporting] = await Promise.all([getCashPosition({ historyDays: 7 }, now), getReportingCurrency()]);
  const currencies = [...new Set([...pos.accounts.map((a) => a.currency), ...pos.invoicesDue.map((d) => d.currency), reporting])];
  const rates = await loadRateTable(currencies, pos.today, pos.today);
  return consolidateCashPosition(pos, reporting, rates);
}
