// Pure: what a person's cross-currency application does (a receipt in one currency on an invoice in another), the
// same arithmetic as the engine's (lib/cashapp/cross-currency.ts) and the stored values (lib/fx/fx-application-values.ts):
//   the receipt amount converted at the value date's rate (the look-up rule: that day's, else the last before it);
//   within the entity's cross-currency tolerance (in its FUNCTIONAL currency, and basis points of the open amount)
//   the invoice is cleared in full; below it, the invoice goes down by the converted amount; above it, refused.
//   Realised FX = the receipt's money at the value date's rate − the invoice amount at its booking (issue-date) rate,
//   both in the functional currency.
// Refusals are PlanErrors (409/422) with the reason: policy off for the entity or customer, no rate, over-application.
import { fromMinor, toMinor } from "../money/money.ts";
import type { CrossCurrencyPolicy } from "../cashapp/cross-currency.ts";
import { convertOn, MissingRateError, type RateTable } from "../fx/lookup-rate.ts";
import { convertMinor, invert, parseRate } from "../fx/rate-math.ts";
import { PlanError } from "./validate-plan.ts";

export type QuoteReceipt = { entityId: string; entityCode: string; currency: string; unappliedMinor: bigint; valueDate: string; functionalCurrency: string };
export type QuoteInvoice = { id: string; number: string; entityId: string; customerId: string; currency: string; amountMinor: bigint; openAmountMinor: bigint; status: string; issueDate: string };

export type CrossCurrencyQuote = {
  receiptMinor: bigint; receiptCurrency: string;
  invoiceMinor: bigint; invoiceCurrency: string;
  /** 1 receipt currency = rate invoice currency, of rateDate (never after the value date). */
  rate: string; rateDate: string; rateHow: string;
  convertedMinor: bigint; openMinor: bigint; clearsInvoice: boolean;
  functionalCurrency: string; functionalMinor: bigint; bookedFunctionalMinor: bigint; realisedMinor: bigint;
  differenceFunctionalMinor: bigint; toleranceMinor: bigint; toleranceBasisPoints: number;
  invoiceAfter: { openAmountMinor: bigint; status: "PAID" | "PARTIALLY_PAID" | "OPEN" };
};

export function quoteCrossCurrency(receipt: QuoteReceipt, invoice: QuoteInvoice, amountMinor: bigint | null, policy: CrossCurrencyPolicy | undefined, rates: RateTable): CrossCurrencyQuote {
  const rc = receipt.currency;
  const ic = invoice.currency;
  const fn = receipt.functionalCurrency;
  if (ic === rc) throw new PlanError(`invoice ${invoice.number} is in ${ic} like the receipt: use Apply`, 422);
  if (invoice.entityId !== receipt.entityId) throw new PlanError(`invoice ${invoice.number} belongs to another legal entity than the receipt`, 422);
  if (!policy?.enabled) {
    throw new PlanError(`cross-currency application is off for ${receipt.entityCode}: its matching policy forbids applying ${rc} to ${ic} invoices (an admin can enable crossCurrency in the entity's policy)`, 422);
  }
  if (policy.customers?.length && !policy.customers.includes(invoice.customerId)) {
    throw new PlanError(`cross-currency application is not allowed for the customer of invoice ${invoice.number} under ${receipt.entityCode}'s policy`, 422);
  }
  if (invoice.status !== "OPEN" && invoice.status !== "PARTIALLY_PAID") throw new PlanError(`invoice ${invoice.number} is ${invoice.status.toLowerCase().replace("_", " ")}: nothing left to apply`, 409);
  const amount = amountMinor ?? receipt.unappliedMinor;
  if (amount <= 0n) throw new PlanError("the receipt has nothing left to apply", 409);
  if (amount > receipt.unappliedMinor) throw new PlanError(`the receipt has ${fromMinor(receipt.unappliedMinor, rc)} ${rc} to apply; this would use ${fromMinor(amount, rc)} ${rc}`, 409);

  const rate = rates.find(rc, ic, receipt.valueDate);
  if (!rate) throw new PlanError(new MissingRateError(rc, ic, receipt.valueDate).message, 422);
  const converted = convertMinor(amount, rc, ic, parseRate(rate.rate));
  const open = invoice.openAmountMinor;
  const diff = converted - open;
  const tolerance = toMinor(policy.maxAbsolute, fn);
  const diffF = convert(rates, diff, ic, fn, receipt.valueDate);
  const absF = diffF < 0n ? -diffF : diffF;
  const absD = diff < 0n ? -diff : diff;
  const within = absF <= tolerance && absD * 10000n <= open * BigInt(policy.maxBasisPoints);
  const shown = `${fromMinor(amount, rc)} ${rc} = ${fromMinor(converted, ic)} ${ic} at ${rate.rate} (${rate.day})`;
  if (diff > 0n && !within) {
    const needed = convertMinor(open, ic, rc, invert(parseRate(rate.rate)));
    throw new PlanError(`${shown} is more than invoice ${invoice.number}'s open ${fromMinor(open, ic)} ${ic} beyond the tolerance (${fromMinor(tolerance, fn)} ${fn}, ${policy.maxBasisPoints} bp): apply about ${fromMinor(needed, rc)} ${rc}`, 409);
  }
  const invoiceMinor = within ? open : converted;
  if (invoiceMinor <= 0n) throw new PlanError(`${shown}: too little to apply`, 422);
  const functionalMinor = convert(rates, amount, rc, fn, receipt.valueDate);
  const bookedFunctionalMinor = convert(rates, invoiceMinor, ic, fn, invoice.issueDate);
  const after = open - invoiceMinor;
  return {
    receiptMinor: amount, receiptCurrency: rc, invoiceMinor, invoiceCurrency: ic, rate: rate.rate, rateDate: rate.day, rateHow: rate.how,
    convertedMinor: converted, openMinor: open, clearsInvoice: after === 0n,
    functionalCurrency: fn, functionalMinor, bookedFunctionalMinor, realisedMinor: functionalMinor - bookedFunctionalMinor,
    differenceFunctionalMinor: diffF, toleranceMinor: tolerance, toleranceBasisPoints: policy.maxBasisPoints,
    invoiceAfter: { openAmountMinor: after, status: after === 0n ? "PAID" : after < invoice.amountMinor ? "PARTIALLY_PAID" : "OPEN" },
  };
}

function convert(rates: RateTable, minor: bigint, from: string, to: string, day: string): bigint {
  try {
    return convertOn(rates, minor, from, to, day).toMinor;
  } catch (e) {
    if (e instanceof MissingRateError) throw new PlanError(e.message, 422);
    throw e;
  }
}
