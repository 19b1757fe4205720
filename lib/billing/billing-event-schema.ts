// The billing platform's event format (POST /api/v1/billing/events), as documented in the OpenAPI document.
// Amounts are decimal strings in the currency's units ("1250.00"), dates ISO 8601. One event or an array of
// up to 500. Fields Cashline does not read are kept with the event's raw document.
import { z } from "zod";
import { isCurrency, toMinor } from "../money/money.ts";

const code = z.string().trim().min(1).max(20);
const currency = z.string().length(3).refine(isCurrency, "must be an ISO 4217 currency code");
const amount = z.string().regex(/^\d+(\.\d+)?$/, "must be a positive decimal string such as \"1250.00\"");
const date = z.iso.date();

/** The amount must fit the currency's decimals (JPY has none, USD two). */
function amountFitsCurrency(d: { amount: string; currency: string }, ctx: z.RefinementCtx) {
  try {
    if (toMinor(d.amount, d.currency) <= 0n) ctx.addIssue({ code: "custom", path: ["amount"], message: "must be greater than zero" });
  } catch (e) {
    ctx.addIssue({ code: "custom", path: ["amount"], message: (e as Error).message });
  }
}

export const invoiceIssuedData = z.looseObject({
  invoice_id: z.string().min(1).max(100).optional().describe("the billing system's invoice id"),
  number: z.string().trim().min(1).max(60).describe("invoice number as printed"),
  customer_id: z.string().trim().min(1).max(100).describe("the billing system's customer id (mapped to an ERP customer)"),
  entity: code.describe("legal entity code, e.g. US01"),
  currency,
  amount,
  issue_date: date,
  due_date: date,
  po_number: z.string().trim().max(60).nullish(),
}).superRefine(amountFitsCurrency).refine((d) => d.due_date >= d.issue_date, { path: ["due_date"], message: "must not be before issue_date" });

export const invoiceVoidedData = z.looseObject({
  invoice_id: z.string().min(1).max(100).optional(),
  number: z.string().trim().min(1).max(60),
  entity: code,
  reason: z.string().max(500).nullish(),
});

export const creditMemoIssuedData = z.looseObject({
  credit_memo_id: z.string().min(1).max(100).optional(),
  number: z.string().trim().min(1).max(60),
  customer_id: z.string().trim().min(1).max(100),
  entity: code,
  currency,
  amount,
  issue_date: date,
  invoice_number: z.string().trim().max(60).nullish().describe("the invoice this credit memo credits, when it credits one"),
  reason: z.string().max(500).nullish(),
}).superRefine(amountFitsCurrency);

const envelope = {
  id: z.string().trim().min(1).max(200).describe("the billing system's event id: a redelivery with the same id changes nothing"),
  occurred_at: z.iso.datetime({ offset: true }),
};

export const billingEventSchema = z.discriminatedUnion("type", [
  z.looseObject({ ...envelope, type: z.literal("invoice.issued"), data: invoiceIssuedData }),
  z.looseObject({ ...envelope, type: z.literal("invoice.voided"), data: invoiceVoidedData }),
  z.looseObject({ ...envelope, type: z.literal("credit_memo.issued"), data: creditMemoIssuedData }),
]);
export type BillingEvent = z.infer<typeof billingEventSchema>;

export const billingEventsBody = z.union([billingEventSchema, z.array(billingEventSchema).min(1).max(500)]);

export const billingEventResult = z.object({
  id: z.string(),
  type: z.string(),
  status: z.enum(["created", "exists", "voided", "held", "pending", "refused", "rejected"])
    .describe("held: waits for a customer mapping; pending: waits for the invoice it refers to; refused: an exception case was opened; rejected: not stored, fix and resend"),
  duplicate: z.boolean(),
  invoiceId: z.string().optional(),
  creditMemoId: z.string().optional(),
  caseId: z.string().optional(),
  error: z.string().optional(),
});
export type BillingEventResult = z.infer<typeof billingEventResult>;
export const billingEventsResponse = z.object({ accepted: z.number().int(), duplicates: z.number().int(), rejected: z.number().int(), results: z.array(billingEventResult) });
