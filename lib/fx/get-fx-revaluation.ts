// The revaluation report for a period (close readiness, issue 17): open foreign-currency receivables as they stand
// now (an invoice's open amount is not kept per day), valued at the period end's rate against the booking rate.
import { z } from "zod";
import { db } from "../db/client.ts";
import { fromMinor } from "../money/money.ts";
import { moneySchema } from "../http/pagination.ts";
import { currentPeriod, parsePeriod, periodSchema } from "../dashboards/time.ts";
import { GL } from "../posting/gl-accounts.ts";
import { loadRateTable } from "./load-rate-table.ts";
import { revalueReceivables, type OpenForeignInvoice } from "./revalue-receivables.ts";

export const fxRevaluationQuery = z.object({ period: periodSchema.optional().describe("YYYY-MM; default the current month"), entity: z.string().trim().min(1).max(20).optional() });

const line = z.object({ account: z.string(), debit: z.string(), credit: z.string(), description: z.string() });
export const fxRevaluationResponse = z.object({
  period: z.string(), periodEnd: z.string(),
  entities: z.array(z.object({ entity: z.string(), functionalCurrency: z.string(), invoices: z.number().int(), missingRates: z.number().int(), netGainLoss: moneySchema, proposal: z.array(line) })),
  invoices: z.array(z.object({
    entity: z.string(), invoiceId: z.string(), number: z.string(), open: moneySchema, issueDate: z.string(),
    bookingRate: z.string().nullable(), bookingRateDate: z.string().nullable(), periodEndRate: z.string().nullable(), periodEndRateDate: z.string().nullable(),
    booked: moneySchema.nullable(), revalued: moneySchema.nullable(), gainLoss: moneySchema.nullable(),
  })),
});
export type FxRevaluation = z.infer<typeof fxRevaluationResponse>;

type Client = Pick<typeof db, "$queryRawUnsafe">;

/** Open on the period's last day (the partial index's predicate, plus the issue date). */
const OPEN_BY = (lastDay: string) => `i.status in ('OPEN', 'PARTIALLY_PAID') and i."openAmountMinor" > 0 and i."issueDate" <= ${lastDay}::date`;

export async function getFxRevaluation(q: z.infer<typeof fxRevaluationQuery>, client: Client = db): Promise<FxRevaluation> {
  const { period, lastDay } = parsePeriod(q.period ?? currentPeriod(new Date()));
  // Foreign currency = any currency but the entity's own, written as two ranges (below it, above it) so each is an
  // index range on Invoice_open_foreign_idx: `<>` is no index condition, and at 20,000,000 invoices the scan of
  // every open invoice took 6–14 s of each close-readiness page (bench:dashboards); the ranges take ~1 ms.
  const rows = await client.$queryRawUnsafe<OpenForeignInvoice[]>(
    `select i.id as "invoiceId", i.number, e.code as entity, e."functionalCurrency", e."fxGainAccount", e."fxLossAccount", i.currency::text as currency,
            i."openAmountMinor" as "openMinor", to_char(i."issueDate", 'YYYY-MM-DD') as "issueDate"
       from "LegalEntity" e cross join lateral (
              select * from "Invoice" i where i."entityId" = e.id and i.currency < e."functionalCurrency" and ${OPEN_BY("$1")}
              union all
              select * from "Invoice" i where i."entityId" = e.id and i.currency > e."functionalCurrency" and ${OPEN_BY("$1")}) i
      where ($2::text is null or e.code = $2)
      order by e.code, i.number`, lastDay, q.entity ?? null);
  const firstIssue = rows.reduce((m, r) => (r.issueDate < m ? r.issueDate : m), lastDay);
  const table = await loadRateTable(rows.flatMap((r) => [r.currency, r.functionalCurrency]), firstIssue, lastDay, client as never);
  const r = revalueReceivables(rows, table, lastDay, GL.receivables);
  const money = (m: bigint | null, c: string) => (m === null ? null : { amount: fromMinor(m, c), currency: c });
  return {
    period, periodEnd: lastDay,
    entities: r.entities.map((e) => ({
      entity: e.entity, functionalCurrency: e.functionalCurrency, invoices: e.invoices, missingRates: e.missingRates, netGainLoss: money(e.netGainLossMinor, e.functionalCurrency)!,
      proposal: e.proposal.map((l) => ({ account: l.account, debit: fromMinor(l.debitMinor, e.functionalCurrency), credit: fromMinor(l.creditMinor, e.functionalCurrency), description: l.description })),
    })),
    invoices: r.invoices.map((i) => ({
      entity: i.entity, invoiceId: i.invoiceId, number: i.number, open: money(i.openMinor, i.currency)!, issueDate: i.issueDate,
      bookingRate: i.bookingRate, bookingRateDate: i.bookingRateDate, periodEndRate: i.periodEndRate, periodEndRateDate: i.periodEndRateDate,
      booked: money(i.bookedFunctionalMinor, i.functionalCurrency), revalued: money(i.revaluedFunctionalMinor, i.functionalCurrency), gainLoss: money(i.gainLossMinor, i.functionalCurrency),
    })),
  };
}
