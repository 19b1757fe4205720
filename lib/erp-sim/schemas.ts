// Request bodies of the simulated receivables API. Amounts must be decimal strings (a JSON number is refused:
// money never travels as a float); precision is checked against the currency by the ledger.
import { z } from "zod";
import { isCurrency } from "../money/money.ts";
import { SimError } from "./sim-error.ts";

const decimal = z.string().regex(/^\d+(\.\d+)?$/, "must be a positive decimal string such as \"1234.50\"");
const code = z.string().trim().min(1).max(80);

export const APPLICATION_TYPES = ["INVOICE", "ON_ACCOUNT", "WRITE_OFF", "UNAPPLIED"] as const;
export type ApplicationType = (typeof APPLICATION_TYPES)[number];

export const createReceiptBody = z.object({
  ReceiptNumber: code,
  ReceiptDate: z.iso.date(),
  Amount: decimal,
  Currency: z.string().refine(isCurrency, "must be an ISO 4217 currency code"),
  CustomerAccountNumber: code.nullish(),
  BusinessUnit: code,
  RemittanceBankAccountNumber: code,
  Comments: z.string().max(2000).nullish(),
  ReceiptMethod: code.nullish(),
});
export type CreateReceiptBody = z.infer<typeof createReceiptBody>;

export const createApplicationBody = z
  .object({
    InvoiceNumber: code.nullish(),
    AmountApplied: decimal,
    ApplicationType: z.enum(APPLICATION_TYPES),
    WriteOffReason: z.string().trim().min(1).max(240).nullish(),
    // Cross-currency application (Oracle Fusion): AmountApplied is then in TransactionCurrency (the invoice's),
    // AllocatedReceiptAmount in the receipt's currency, converted at CrossCurrencyRate (1 receipt currency = rate
    // transaction currency) of CrossCurrencyRateDate; ExchangeGainLossAmount is the realised gain (+) / loss (−)
    // in LedgerCurrency.
    AllocatedReceiptAmount: decimal.nullish(),
    TransactionCurrency: z.string().refine(isCurrency, "must be an ISO 4217 currency code").nullish(),
    CrossCurrencyRate: z.string().regex(/^\d+(\.\d+)?$/, "must be a positive decimal rate").nullish(),
    CrossCurrencyRateDate: z.iso.date().nullish(),
    CrossCurrencyRateType: z.string().trim().min(1).max(30).nullish(),
    ExchangeGainLossAmount: z.string().regex(/^-?\d+(\.\d+)?$/, "must be a decimal string").nullish(),
    LedgerCurrency: z.string().refine(isCurrency, "must be an ISO 4217 currency code").nullish(),
  })
  .superRefine((b, ctx) => {
    const fxFields = ["AllocatedReceiptAmount", "TransactionCurrency", "CrossCurrencyRate", "CrossCurrencyRateDate"] as const;
    const given = fxFields.filter((f) => b[f] != null);
    if (given.length && given.length < fxFields.length) {
      for (const f of fxFields) if (b[f] == null) ctx.addIssue({ code: "custom", path: [f], message: "is required for a cross-currency application (with AllocatedReceiptAmount, TransactionCurrency, CrossCurrencyRate, CrossCurrencyRateDate)" });
    }
    if (given.length && b.ApplicationType !== "INVOICE") ctx.addIssue({ code: "custom", path: ["ApplicationType"], message: "only an INVOICE application can be cross-currency" });
    if (b.ExchangeGainLossAmount != null && !b.LedgerCurrency) ctx.addIssue({ code: "custom", path: ["LedgerCurrency"], message: "is required with ExchangeGainLossAmount" });
    if (b.ApplicationType === "INVOICE" && !b.InvoiceNumber) ctx.addIssue({ code: "custom", path: ["InvoiceNumber"], message: "is required for an INVOICE application" });
    if (b.ApplicationType === "WRITE_OFF" && !b.WriteOffReason) ctx.addIssue({ code: "custom", path: ["WriteOffReason"], message: "is required for a WRITE_OFF application" });
  });
export type CreateApplicationBody = z.infer<typeof createApplicationBody>;

export const createCustomerAccountBody = z.object({
  AccountNumber: code,
  Name: z.string().trim().min(1).max(360),
  BusinessUnit: code,
});
export type CreateCustomerAccountBody = z.infer<typeof createCustomerAccountBody>;

/** Parses a body or throws a 400 listing every offending field. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  const summary = errors.map((e) => `${e.path || "body"}: ${e.message}`).join("; ");
  throw new SimError(400, "INVALID_REQUEST", `invalid request body: ${summary}`, errors);
}
