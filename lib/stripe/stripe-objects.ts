// The parts of Stripe's event and object formats Cashline reads (API version 2022-11-15 and later; the older
// `charges` list on a PaymentIntent is read too). Unknown fields are kept in the raw document, not here.
// Amounts are converted here, at the edge, from Stripe's units into ISO 4217 minor units (stripe-amounts.ts): every
// amount field past this point is ISO minor units, bounded by MAX_AMOUNT_MINOR. A currency or amount Stripe's rules
// cannot represent fails the parse with the field named (the event is then quarantined, not booked 100× wrong).
import { z } from "zod";
import { stripeAmountToMinor } from "./stripe-amounts.ts";

const metadata = z.record(z.string(), z.string()).nullish().transform((m) => m ?? {});
const idOrObject = z.union([z.string(), z.object({ id: z.string() }).loose()]).nullish().transform((v) => (v == null ? null : typeof v === "string" ? v : v.id));
const currency = z.string().length(3).transform((c) => c.toUpperCase());

/** Converts the named amount fields of a parsed object from Stripe units to ISO minor units (numbers, ≤ 10^15). */
function toIsoAmounts<T extends Record<string, unknown>>(fields: string[], currencyOf: (o: T) => string | undefined, kind: "charge" | "payout" = "charge", at: (string | number)[] = []) {
  return (o: T, ctx: z.RefinementCtx): T => {
    const out: Record<string, unknown> = { ...o };
    for (const f of fields) {
      const v = (o as Record<string, unknown>)[f];
      if (typeof v !== "number") continue;
      try {
        out[f] = Number(stripeAmountToMinor(v, currencyOf(o) ?? "", f, kind));
      } catch (e) {
        ctx.addIssue({ code: "custom", path: [...at, f], message: (e as Error).message });
      }
    }
    return out as T;
  };
}

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
}).loose().transform(toIsoAmounts(["amount", "amount_captured", "amount_refunded"], (o) => o.currency));
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
}).loose().transform(toIsoAmounts(["amount", "amount_received"], (o) => o.currency));
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
}).loose().transform(toIsoAmounts(["amount"], (o) => o.currency));
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
}).loose().transform(toIsoAmounts(["amount"], (o) => o.currency, "payout")).transform((p, ctx) => ({
  ...p,
  // A balance transaction is in its own currency when it names one, else the payout's.
  balance_transactions: p.balance_transactions.map((b, i) => toIsoAmounts<typeof b>(["amount", "fee", "net"], (x) => x.currency ?? p.currency, "charge", ["balance_transactions", i])(b, ctx)),
}));
export type StripePayout = z.infer<typeof payoutSchema>;

export const unixDate = (seconds: number) => new Date(seconds * 1000);
