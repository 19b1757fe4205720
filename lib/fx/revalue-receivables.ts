// Pure: unrealised FX on open foreign-currency receivables at a period end. Each open invoice in another currency
// than its entity's functional one is valued at its booking rate (issue date) and at the period end's rate (the
// look-up rule: that day's rate or the last one before it); the difference is the unrealised gain (+) or loss (−).
// Per entity, a journal proposal in the functional currency nets them:
//   net gain: Dr receivables / Cr FX gain;   net loss: Dr FX loss / Cr receivables   (reversed on day 1 of the next
// period by the ERP's usual reversing entry: this is a proposal, nothing is posted from here).
import { convertMinor, parseRate } from "./rate-math.ts";
import type { RateTable } from "./lookup-rate.ts";
import type { JournalLineDraft } from "../posting/build-receipt-journal.ts";

export type OpenForeignInvoice = {
  invoiceId: string; number: string; entity: string; functionalCurrency: string; fxGainAccount: string; fxLossAccount: string;
  currency: string; openMinor: bigint; issueDate: string;
};
export type RevaluedInvoice = OpenForeignInvoice & {
  bookingRate: string | null; bookingRateDate: string | null; periodEndRate: string | null; periodEndRateDate: string | null;
  bookedFunctionalMinor: bigint | null; revaluedFunctionalMinor: bigint | null; gainLossMinor: bigint | null;
};
export type EntityRevaluation = { entity: string; functionalCurrency: string; invoices: number; missingRates: number; netGainLossMinor: bigint; proposal: JournalLineDraft[] };

export function revalueReceivables(invoices: OpenForeignInvoice[], rates: RateTable, periodEnd: string, receivablesAccount: string): { invoices: RevaluedInvoice[]; entities: EntityRevaluation[] } {
  const out: RevaluedInvoice[] = invoices.map((inv) => {
    const booking = rates.find(inv.currency, inv.functionalCurrency, inv.issueDate);
    const end = rates.find(inv.currency, inv.functionalCurrency, periodEnd);
    const booked = booking ? convertMinor(inv.openMinor, inv.currency, inv.functionalCurrency, parseRate(booking.rate)) : null;
    const revalued = end ? convertMinor(inv.openMinor, inv.currency, inv.functionalCurrency, parseRate(end.rate)) : null;
    return {
      ...inv, bookingRate: booking?.rate ?? null, bookingRateDate: booking?.day ?? null, periodEndRate: end?.rate ?? null, periodEndRateDate: end?.day ?? null,
      bookedFunctionalMinor: booked, revaluedFunctionalMinor: revalued, gainLossMinor: booked !== null && revalued !== null ? revalued - booked : null,
    };
  });
  const entities: EntityRevaluation[] = [];
  for (const code of [...new Set(out.map((i) => i.entity))].sort()) {
    const mine = out.filter((i) => i.entity === code);
    const first = mine[0]!;
    const net = mine.reduce((s, i) => s + (i.gainLossMinor ?? 0n), 0n);
    const label = `Unrealised FX on open receivables at ${periodEnd}`;
    const proposal: JournalLineDraft[] = net > 0n
      ? [{ account: receivablesAccount, debitMinor: net, creditMinor: 0n, description: label }, { account: first.fxGainAccount, debitMinor: 0n, creditMinor: net, description: `${label} (gain)` }]
      : net < 0n
        ? [{ account: first.fxLossAccount, debitMinor: -net, creditMinor: 0n, description: `${label} (loss)` }, { account: receivablesAccount, debitMinor: 0n, creditMinor: -net, description: label }]
        : [];
    entities.push({ entity: code, functionalCurrency: first.functionalCurrency, invoices: mine.length, missingRates: mine.filter((i) => i.gainLossMinor === null).length, netGainLossMinor: net, proposal });
  }
  return { invoices: out, entities };
}
