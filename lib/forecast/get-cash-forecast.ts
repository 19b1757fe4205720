// GET /api/v1/forecast: the next 13 weeks of expected receipts for one entity and currency (forecast-receipts.ts
// on what is known now), as decimal strings.
import { db } from "../db/client.ts";
import { fromMinor } from "../money/money.ts";
import { dayOf, isoDay } from "./days.ts";
import { cached } from "./forecast-cache.ts";
import { forecastReceipts } from "./forecast-receipts.ts";
import type { ForecastQuery, ForecastView } from "./forecast-schemas.ts";
import { loadForecastFacts, resolveForecastScope } from "./load-forecast-facts.ts";
import { reconstructAsOf } from "./reconstruct-as-of.ts";

export async function listForecastOptions(): Promise<ForecastView["options"]> {
  const rows = await db.$queryRaw<{ entity: string; name: string; currency: string }[]>`
    select distinct e.code as entity, e.name, i.currency from "Invoice" i join "LegalEntity" e on e.id = i."entityId" order by 1, 3`;
  return rows;
}

export function getCashForecast(q: ForecastQuery, now = new Date()): Promise<ForecastView> {
  return cached(`forecast:${q.entity ?? ""}:${q.currency ?? ""}`, async () => {
    const { entityId, entity, currency } = await resolveForecastScope(q);
    const [facts, options] = await Promise.all([loadForecastFacts(entityId, currency), listForecastOptions()]);
    const f = forecastReceipts(reconstructAsOf(facts, dayOf(now), now.getTime()));
    const m = (v: bigint) => fromMinor(v, currency);
    const band = (b: { expected: bigint; p10: bigint; p50: bigint; p90: bigint }) => ({ expected: m(b.expected), p10: m(b.p10), p50: m(b.p50), p90: m(b.p90) });
    return {
      entity, currency, asOf: now.toISOString(), options,
      days: f.days.map((d) => ({ date: isoDay(d.day), ...band(d), payouts: m(d.payouts) })),
      weeks: f.weeks.map((w) => ({
        week: w.week, from: isoDay(w.fromDay), to: isoDay(w.toDay), ...band(w),
        drivers: w.drivers.map((d) => ({ customerId: d.customerId, customerName: d.customerName, expected: m(d.expected), invoices: d.invoices })),
      })),
      totals: {
        open: m(f.totals.openMinor), payoutsInTransit: m(f.totals.payoutsMinor), expectedInHorizon: m(f.totals.expectedInHorizon),
        expectedBeyondHorizon: m(f.totals.expectedBeyondHorizon), expectedUncollected: m(f.totals.expectedUncollected), heldBack: m(f.totals.heldBack), invoices: f.totals.invoices,
      },
    };
  }, now.getTime());
}
