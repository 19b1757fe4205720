// Pure: the functional-currency values stored on each cross-currency application (Application.fx*), from the
// engine's Decision.fx and the rates: the receipt's money at the value date's rate (what the cash is worth) and the
// invoice amount at its booking rate (issue date; the receivable as booked). Their difference is realised FX.
import { toMinor } from "../money/money.ts";
import { convertOn, type RateTable } from "./lookup-rate.ts";
import type { FxDecision } from "../cashapp/cross-currency.ts";

export type FxApplicationValues = {
  invoiceId: string;
  receiptMinor: bigint;
  invoiceMinor: bigint;
  fxInvoiceCurrency: string;
  fxRate: string;
  fxRateDate: string;
  fxFunctionalCurrency: string;
  fxFunctionalMinor: bigint;
  fxBookedFunctionalMinor: bigint;
};

export function fxApplicationValues(
  fx: FxDecision, applications: { invoice_id: string; amount: string }[], valueDate: string, issueDateOf: (invoiceId: string) => string, rates: RateTable,
): FxApplicationValues[] {
  const invoiceAmount = new Map(fx.invoice_applications.map((a) => [a.invoice_id, toMinor(a.amount, fx.invoice_currency)]));
  return applications.map((a) => {
    const receiptMinor = toMinor(a.amount, fx.receipt_currency);
    const invoiceMinor = invoiceAmount.get(a.invoice_id);
    if (invoiceMinor === undefined) throw new Error(`Decision.fx names no invoice amount for ${a.invoice_id}`);
    return {
      invoiceId: a.invoice_id, receiptMinor, invoiceMinor, fxInvoiceCurrency: fx.invoice_currency, fxRate: fx.rate, fxRateDate: fx.rate_date,
      fxFunctionalCurrency: fx.functional_currency,
      fxFunctionalMinor: convertOn(rates, receiptMinor, fx.receipt_currency, fx.functional_currency, valueDate).toMinor,
      fxBookedFunctionalMinor: convertOn(rates, invoiceMinor, fx.invoice_currency, fx.functional_currency, issueDateOf(a.invoice_id)).toMinor,
    };
  });
}
