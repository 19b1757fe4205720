// Cashline's side of the contract: a posting (one receipt and its applications) validated and normalised before
// anything is sent, the ERP request bodies built from it, and ERP receipts read back into plain objects.
import { z } from "zod";
import { fromMinor, isCurrency, toMinor } from "../money/money.ts";
import { ErpPermanentError } from "./errors.ts";

export const ERP_APPLICATION_TYPES = ["INVOICE", "ON_ACCOUNT", "WRITE_OFF", "UNAPPLIED"] as const;
export type ErpApplicationType = (typeof ERP_APPLICATION_TYPES)[number];

const decimal = z.string().regex(/^\d+(\.\d+)?$/, "must be a positive decimal string");
const signedDecimal = z.string().regex(/^-?\d+(\.\d+)?$/, "must be a decimal string");
/**
 * A cross-currency application (receipt in one currency, invoice in another): `amount` stays the receipt-currency
 * amount allocated; this says what the invoice goes down by in its own currency, the rate used (1 receipt currency
 * = rate invoice currency) and its day, and the realised FX in the entity's functional currency (gain > 0, loss < 0).
 */
const fxSchema = z.object({
  invoiceCurrency: z.string().refine(isCurrency, "must be an ISO 4217 currency code"),
  invoiceAmount: decimal,
  rate: z.string().regex(/^\d+(\.\d+)?$/, "must be a positive decimal rate"),
  rateDate: z.iso.date(),
  functionalCurrency: z.string().refine(isCurrency, "must be an ISO 4217 currency code"),
  realisedGainLoss: signedDecimal,
});
export type ErpApplicationFx = z.input<typeof fxSchema>;
const applicationSchema = z.object({
  invoiceNumber: z.string().min(1).nullish(),
  amount: decimal,
  type: z.enum(ERP_APPLICATION_TYPES),
  writeOffReason: z.string().min(1).nullish(),
  fx: fxSchema.nullish(),
});
const postingSchema = z.object({
  idempotencyKey: z.string().min(1).max(200),
  receiptNumber: z.string().min(1),
  date: z.iso.date(),
  amount: decimal,
  currency: z.string().refine(isCurrency, "must be an ISO 4217 currency code"),
  entity: z.string().min(1),
  bankAccount: z.string().min(1),
  customerAccount: z.string().min(1).nullish(),
  comments: z.string().nullish(),
  receiptMethod: z.string().min(1).nullish(),
  applications: z.array(applicationSchema),
});
export type ErpPosting = z.input<typeof postingSchema>;
export type ErpApplicationPosting = z.input<typeof applicationSchema>;

/** Checks the posting and writes every amount canonically ("10.5" → "10.50"), so a retry sends identical bytes. */
export function normalisePosting(input: ErpPosting): ErpPosting {
  const parsed = postingSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ErpPermanentError("invalid_posting", `invalid ERP posting: ${issue?.path.join(".")}: ${issue?.message}`);
  }
  const p = parsed.data;
  const minor = (v: string, field: string) => {
    try {
      return toMinor(v, p.currency);
    } catch (e) {
      throw new ErpPermanentError("invalid_posting", `invalid ERP posting: ${field}: ${(e as Error).message}`);
    }
  };
  const total = minor(p.amount, "amount");
  const apps = p.applications.map((a, i) => ({ ...a, amount: fromMinor(minor(a.amount, `applications.${i}.amount`), p.currency), ...(a.fx ? { fx: normaliseFx(a, i, p.currency) } : {}) }));
  const applied = apps.reduce((s, a) => s + toMinor(a.amount, p.currency), 0n);
  if (total <= 0n) throw new ErpPermanentError("invalid_posting", "invalid ERP posting: amount must be greater than zero");
  if (applied > total) {
    throw new ErpPermanentError("invalid_posting", `invalid ERP posting: applications total ${fromMinor(applied, p.currency)} exceeds the receipt amount ${fromMinor(total, p.currency)} ${p.currency}`);
  }
  return { ...p, amount: fromMinor(total, p.currency), applications: apps };
}

function normaliseFx(a: z.output<typeof applicationSchema>, i: number, receiptCurrency: string): ErpApplicationFx {
  const fx = a.fx!;
  const at = `invalid ERP posting: applications.${i}.fx`;
  if (a.type !== "INVOICE") throw new ErpPermanentError("invalid_posting", `${at}: only an INVOICE application can be cross-currency`);
  if (fx.invoiceCurrency === receiptCurrency) throw new ErpPermanentError("invalid_posting", `${at}.invoiceCurrency: ${fx.invoiceCurrency} is the receipt's own currency`);
  try {
    const inv = toMinor(fx.invoiceAmount, fx.invoiceCurrency);
    if (inv <= 0n) throw new Error("must be greater than zero");
    const gl = fx.realisedGainLoss.startsWith("-") ? -toMinor(fx.realisedGainLoss.slice(1), fx.functionalCurrency) : toMinor(fx.realisedGainLoss, fx.functionalCurrency);
    return { ...fx, invoiceAmount: fromMinor(inv, fx.invoiceCurrency), realisedGainLoss: gl < 0n ? `-${fromMinor(-gl, fx.functionalCurrency)}` : fromMinor(gl, fx.functionalCurrency) };
  } catch (e) {
    throw new ErpPermanentError("invalid_posting", `${at}: ${(e as Error).message}`);
  }
}

/** For an ERP (or adapter) that cannot apply a receipt to an invoice in another currency: a clear, permanent refusal. */
export function refuseCrossCurrency(vendor: string, why: string, applications: ErpApplicationPosting[], receiptNumber: string): void {
  const fx = applications.find((a) => a.fx);
  if (!fx) return;
  throw new ErpPermanentError("not_supported",
    `${vendor} cannot take the cross-currency application of receipt ${receiptNumber} (${fx.amount} receipt currency to ${fx.fx!.invoiceCurrency} invoice ${fx.invoiceNumber ?? ""}): ${why}; apply it in ${vendor} by hand or post it to an ERP that supports it`);
}

export function receiptBody(p: ErpPosting) {
  return {
    ReceiptNumber: p.receiptNumber, ReceiptDate: p.date, Amount: p.amount, Currency: p.currency, BusinessUnit: p.entity,
    RemittanceBankAccountNumber: p.bankAccount,
    ...(p.customerAccount ? { CustomerAccountNumber: p.customerAccount } : {}),
    ...(p.comments ? { Comments: p.comments } : {}),
    ...(p.receiptMethod ? { ReceiptMethod: p.receiptMethod } : {}),
  };
}

export function applicationBody(a: ErpApplicationPosting) {
  // Oracle Fusion cross-currency application: AmountApplied is in the transaction (invoice) currency,
  // AllocatedReceiptAmount in the receipt currency, with the conversion rate used and the exchange gain/loss.
  const fx = a.fx
    ? {
        AmountApplied: a.fx.invoiceAmount, AllocatedReceiptAmount: a.amount, TransactionCurrency: a.fx.invoiceCurrency,
        CrossCurrencyRate: a.fx.rate, CrossCurrencyRateDate: a.fx.rateDate, CrossCurrencyRateType: "User",
        ExchangeGainLossAmount: a.fx.realisedGainLoss, LedgerCurrency: a.fx.functionalCurrency,
      }
    : {};
  return {
    AmountApplied: a.amount, ApplicationType: a.type, ...fx,
    ...(a.invoiceNumber ? { InvoiceNumber: a.invoiceNumber } : {}),
    ...(a.writeOffReason ? { WriteOffReason: a.writeOffReason } : {}),
  };
}

const id = z.union([z.number(), z.string()]).transform(String);
const erpApplication = z.object({
  ReceiptApplicationId: id, ApplicationType: z.enum(ERP_APPLICATION_TYPES), InvoiceNumber: z.string().nullish(),
  AmountApplied: z.string(), WriteOffReason: z.string().nullish(), ReversalDate: z.string().nullish(),
  AllocatedReceiptAmount: z.string().nullish(), TransactionCurrency: z.string().nullish(), CrossCurrencyRate: z.string().nullish(),
  CrossCurrencyRateDate: z.string().nullish(), ExchangeGainLossAmount: z.string().nullish(), LedgerCurrency: z.string().nullish(),
});
const erpReceipt = z.object({
  StandardReceiptId: id, ReceiptNumber: z.string(), ReceiptDate: z.string(), Amount: z.string(), Currency: z.string(),
  BusinessUnit: z.string(), RemittanceBankAccountNumber: z.string(), CustomerAccountNumber: z.string().nullish(),
  UnappliedAmount: z.string().nullish(), receiptApplications: z.array(erpApplication).optional(),
});
export const erpCollection = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
export { erpReceipt as erpReceiptSchema, erpApplication as erpApplicationSchema };

/** `amount` is always in the receipt's currency (a cross-currency application's allocated receipt amount). */
export type ErpReceiptApplication = { id: string; type: ErpApplicationType; invoiceNumber: string | null; amount: string; writeOffReason: string | null; reversed?: boolean; fx?: ErpApplicationFx | null };
export type ErpReceipt = {
  id: string; receiptNumber: string; date: string; amount: string; currency: string; entity: string; bankAccount: string;
  customerAccount: string | null; unappliedAmount: string | null; applications?: ErpReceiptApplication[];
};

export function toErpApplication(a: z.output<typeof erpApplication>): ErpReceiptApplication {
  const fx = a.AllocatedReceiptAmount && a.TransactionCurrency
    ? { invoiceCurrency: a.TransactionCurrency, invoiceAmount: a.AmountApplied, rate: a.CrossCurrencyRate ?? "", rateDate: a.CrossCurrencyRateDate ?? "", functionalCurrency: a.LedgerCurrency ?? "", realisedGainLoss: a.ExchangeGainLossAmount ?? "0" }
    : null;
  return {
    id: a.ReceiptApplicationId, type: a.ApplicationType, invoiceNumber: a.InvoiceNumber ?? null, amount: fx ? a.AllocatedReceiptAmount! : a.AmountApplied,
    writeOffReason: a.WriteOffReason ?? null, reversed: !!a.ReversalDate, ...(fx ? { fx } : {}),
  };
}

export function toErpReceipt(r: z.output<typeof erpReceipt>): ErpReceipt {
  return {
    id: r.StandardReceiptId, receiptNumber: r.ReceiptNumber, date: r.ReceiptDate, amount: r.Amount, currency: r.Currency,
    entity: r.BusinessUnit, bankAccount: r.RemittanceBankAccountNumber, customerAccount: r.CustomerAccountNumber ?? null,
    unappliedAmount: r.UnappliedAmount ?? null, applications: r.receiptApplications?.map(toErpApplication),
  };
}

/** Parses an ERP answer; a 2xx we cannot read is a contract break, not something a retry fixes. */
export function readErp<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ErpPermanentError("bad_response", `${what}: unexpected ERP response (${issue?.path.join(".")}: ${issue?.message})`);
}
