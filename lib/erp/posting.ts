// Cashline's side of the contract: a posting (one receipt and its applications) validated and normalised before
// anything is sent, the ERP request bodies built from it, and ERP receipts read back into plain objects.
import { z } from "zod";
import { fromMinor, isCurrency, toMinor } from "../money/money.ts";
import { ErpPermanentError } from "./errors.ts";

export const ERP_APPLICATION_TYPES = ["INVOICE", "ON_ACCOUNT", "WRITE_OFF", "UNAPPLIED"] as const;
export type ErpApplicationType = (typeof ERP_APPLICATION_TYPES)[number];

const decimal = z.string().regex(/^\d+(\.\d+)?$/, "must be a positive decimal string");
const applicationSchema = z.object({
  invoiceNumber: z.string().min(1).nullish(),
  amount: decimal,
  type: z.enum(ERP_APPLICATION_TYPES),
  writeOffReason: z.string().min(1).nullish(),
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
  const apps = p.applications.map((a, i) => ({ ...a, amount: fromMinor(minor(a.amount, `applications.${i}.amount`), p.currency) }));
  const applied = apps.reduce((s, a) => s + toMinor(a.amount, p.currency), 0n);
  if (total <= 0n) throw new ErpPermanentError("invalid_posting", "invalid ERP posting: amount must be greater than zero");
  if (applied > total) {
    throw new ErpPermanentError("invalid_posting", `invalid ERP posting: applications total ${fromMinor(applied, p.currency)} exceeds the receipt amount ${fromMinor(total, p.currency)} ${p.currency}`);
  }
  return { ...p, amount: fromMinor(total, p.currency), applications: apps };
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
  return {
    AmountApplied: a.amount, ApplicationType: a.type,
    ...(a.invoiceNumber ? { InvoiceNumber: a.invoiceNumber } : {}),
    ...(a.writeOffReason ? { WriteOffReason: a.writeOffReason } : {}),
  };
}

const id = z.union([z.number(), z.string()]).transform(String);
const erpApplication = z.object({
  ReceiptApplicationId: id, ApplicationType: z.enum(ERP_APPLICATION_TYPES), InvoiceNumber: z.string().nullish(),
  AmountApplied: z.string(), WriteOffReason: z.string().nullish(), ReversalDate: z.string().nullish(),
});
const erpReceipt = z.object({
  StandardReceiptId: id, ReceiptNumber: z.string(), ReceiptDate: z.string(), Amount: z.string(), Currency: z.string(),
  BusinessUnit: z.string(), RemittanceBankAccountNumber: z.string(), CustomerAccountNumber: z.string().nullish(),
  UnappliedAmount: z.string().nullish(), receiptApplications: z.array(erpApplication).optional(),
});
export const erpCollection = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
export { erpReceipt as erpReceiptSchema, erpApplication as erpApplicationSchema };

export type ErpReceiptApplication = { id: string; type: ErpApplicationType; invoiceNumber: string | null; amount: string; writeOffReason: string | null; reversed?: boolean };
export type ErpReceipt = {
  id: string; receiptNumber: string; date: string; amount: string; currency: string; entity: string; bankAccount: string;
  customerAccount: string | null; unappliedAmount: string | null; applications?: ErpReceiptApplication[];
};

export function toErpApplication(a: z.output<typeof erpApplication>): ErpReceiptApplication {
  return { id: a.ReceiptApplicationId, type: a.ApplicationType, invoiceNumber: a.InvoiceNumber ?? null, amount: a.AmountApplied, writeOffReason: a.WriteOffReason ?? null, reversed: !!a.ReversalDate };
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
