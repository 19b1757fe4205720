// The parts of Stripe's event and object formats Cashline reads (API version 2022-11-15 and later; the older
// `charges` list on a PaymentIntent is read too). Unknown fields are kept in the raw document, not here.
import { z } from "zod";

const metadata = z.record(z.string(), z.string()).nullish().transform((m) => m ?? {});
const idOrObject = z.union([z.string(), z.object({ id: z.string() }).loose()]).nullish().transform((v) => (v == null ? null : typeof v === "string" ? v : v.id));
const currency = z.string().length(3).transform((c) => c.toUpperCase());

export const stripeEventSchema = z.object({
  id: z.string().min(1),
  object: z.literal("event"),
  type: z.string().min(1),
  created: z.number().int(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
}).loose();
export type StripeEvent = z.infer<typeof stripeEventSchema>;

export const chargeSchema = z.object({
  id: z.string().startsWith("ch_").or(z.string().startsWith("py_")),
  amount: z.number().int().positive(),
  amount_captured: z.number().int().nullish(),
  amount_refunded: z.number().int().nonnegative().default(0),
  currency,
  created: z.number().int(),
  customer: idOrObject,
  description: z.string().nullish(),
  metadata,
  payment_intent: idOrObject,
  receipt_email: z.string().nullish(),
  billing_details: z.object({ name: z.string().nullish(), email: z.string().nullish() }).loose().nullish(),
  balance_transaction: idOrObject,
}).loose();
export type StripeCharge = z.infer<typeof chargeSchema>;

export const paymentIntentSchema = z.object({
  id: z.string().startsWith("pi_"),
  amount: z.number().int().positive(),
  amount_received: z.number().int().nullish(),
  currency,
  created: z.number().int(),
  customer: idOrObject,
  description: z.string().nullish(),
  metadata,
  receipt_email: z.string().nullish(),
  latest_charge: idOrObject,
  charges: z.object({ data: z.array(z.object({ id: z.string() }).loose()) }).loose().nullish(),
}).loose();
export type StripePaymentIntent = z.infer<typeof paymentIntentSchema>;

export const disputeSchema = z.object({
  id: z.string().startsWith("dp_").or(z.string().startsWith("du_")),
  charge: idOrObject.refine((v) => v !== null, "a dispute names its charge"),
  amount: z.number().int().positive(),
  currency,
  reason: z.string().nullish(),
  status: z.string(),
  created: z.number().int(),
  payment_intent: idOrObject,
  evidence_details: z.object({ due_by: z.number().int().nullish() }).loose().nullish(),
}).loose();
export type StripeDispute = z.infer<typeof disputeSchema>;

/** A balance transaction covered by a payout (Stripe's GET /v1/balance_transactions?payout=po_…). */
export const balanceTransactionSchema = z.object({
  id: z.string().min(1),
  type: z.string(),
  source: idOrObject,
  amount: z.number().int(),
  fee: z.number().int().default(0),
  net: z.number().int(),
  currency: currency.optional(),
}).loose();

export const payoutSchema = z.object({
  id: z.string().startsWith("po_"),
  amount: z.number().int().positive(),
  currency,
  arrival_date: z.number().int(),
  status: z.string(),
  created: z.number().int(),
  failure_code: z.string().nullish(),
  failure_message: z.string().nullish(),
  description: z.string().nullish(),
  statement_descriptor: z.string().nullish(),
  metadata,
  /**
   * Cashline extension: the payout's balance transactions, as the list endpoint above returns them. A payout
   * webhook does not carry them; whoever relays payouts (the simulator, an enrichment step) adds them here.
   */
  balance_transactions: z.array(balanceTransactionSchema).nullish().transform((v) => v ?? []),
}).loose();
export type StripePayout = z.infer<typeof payoutSchema>;

export const unixDate = (seconds: number) => new Date(seconds * 1000);
