// Request and answer of a person's cross-currency application (receipt in one currency, invoice in another), zod,
// shared by the API and the browser (no database import). Amounts are decimal strings, each in its own currency.
import { z } from "zod";
import { amountString, receiptVersion } from "./action-schemas.ts";

export const crossCurrencyQuery = z.object({
  invoice: z.string().trim().min(1).max(64).describe("the invoice's number (or id), in another currency than the receipt"),
  amount: amountString.optional().describe("receipt-currency amount to apply; default: all the receipt has unapplied"),
});

export const crossCurrencyBody = z.object({
  receiptVersion,
  invoiceId: z.string().trim().min(1).max(64),
  amount: amountString.describe("receipt-currency amount to apply (as previewed)"),
  /** The rate the person saw; refused with 409 if the rate that applies now differs (a rate was imported meanwhile). */
  rate: z.string().trim().regex(/^\d+(\.\d+)?$/).describe("the rate shown in the preview (1 receipt currency = rate invoice currency)"),
  note: z.string().trim().max(2000).optional(),
});

export const crossCurrencyPreview = z.object({
  invoiceId: z.string(), invoiceNumber: z.string(), customerName: z.string(),
  receiptAmount: z.string(), receiptCurrency: z.string(),
  invoiceAmount: z.string().describe("what the invoice goes down by, in its own currency"), invoiceCurrency: z.string(),
  invoiceOpen: z.string(), invoiceOpenAfter: z.string(), clearsInvoice: z.boolean(),
  rate: z.string().describe("1 receipt currency = rate invoice currency"), rateDate: z.string(),
  rateSource: z.string().describe("where the rate comes from: ECB, CSV or MANUAL (inverse or cross via EUR when derived)"),
  convertedAmount: z.string().describe("the receipt amount at that rate, in the invoice currency"),
  functionalCurrency: z.string(), realisedFx: z.string().describe("realised FX gain (+) or loss (−) in the functional currency"),
  difference: z.string().describe("converted − open, in the functional currency"), tolerance: z.string(), toleranceBasisPoints: z.number(),
});
export type CrossCurrencyPreview = z.infer<typeof crossCurrencyPreview>;
