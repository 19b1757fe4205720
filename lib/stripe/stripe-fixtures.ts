// Stripe-shaped events (API version 2024-06-20 layout) and signed deliveries, for the processor simulator and
// the tests. Only what a real event has; nothing Cashline-specific except the documented payout
// `balance_transactions` list.
import crypto from "node:crypto";
import Stripe from "stripe";

export const STRIPE_API_VERSION = "2024-06-20";

export function stripeId(prefix: string, rand: () => number = Math.random): string {
  const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let s = "";
  for (let i = 0; i < 24; i++) s += chars[Math.floor(rand() * chars.length)];
  return `${prefix}_${s}`;
}

const unix = (d: Date) => Math.floor(d.getTime() / 1000);

export function stripeEvent(type: string, object: Record<string, unknown>, opts: { id?: string; created?: Date } = {}) {
  return {
    id: opts.id ?? stripeId("evt"), object: "event", api_version: STRIPE_API_VERSION, created: unix(opts.created ?? new Date()),
    data: { object }, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, type,
  };
}

export type ChargeInput = {
  id: string; paymentIntentId: string; amount: number; currency: string; created?: Date; customer?: string | null;
  name?: string | null; email?: string | null; description?: string | null; metadata?: Record<string, string>; amountRefunded?: number;
  balanceTransaction?: string;
};

export function chargeObject(c: ChargeInput) {
  const refunded = c.amountRefunded ?? 0;
  return {
    id: c.id, object: "charge", amount: c.amount, amount_captured: c.amount, amount_refunded: refunded, captured: true,
    balance_transaction: c.balanceTransaction ?? `txn_${c.id.slice(3)}`, billing_details: { address: null, email: c.email ?? null, name: c.name ?? null, phone: null },
    created: unix(c.created ?? new Date()), currency: c.currency.toLowerCase(), customer: c.customer ?? null, description: c.description ?? null,
    disputed: false, livemode: false, metadata: c.metadata ?? {}, outcome: { network_status: "approved_by_network", type: "authorized" },
    paid: true, payment_intent: c.paymentIntentId, payment_method: stripeId("pm"),
    payment_method_details: { type: "card", card: { brand: "visa", last4: "4242", exp_month: 12, exp_year: 2030, country: "US" } },
    receipt_email: c.email ?? null, refunded: refunded >= c.amount && refunded > 0, status: "succeeded",
  };
}

export function paymentIntentObject(c: ChargeInput) {
  return {
    id: c.paymentIntentId, object: "payment_intent", amount: c.amount, amount_capturable: 0, amount_received: c.amount, capture_method: "automatic",
    created: unix(c.created ?? new Date()), currency: c.currency.toLowerCase(), customer: c.customer ?? null, description: c.description ?? null,
    latest_charge: c.id, livemode: false, metadata: c.metadata ?? {}, payment_method_types: ["card"], receipt_email: c.email ?? null, status: "succeeded",
  };
}

export function disputeObject(d: { id: string; chargeId: string; paymentIntentId?: string | null; amount: number; currency: string; status: string; reason?: string; created?: Date; dueBy?: Date }) {
  return {
    id: d.id, object: "dispute", amount: d.amount, charge: d.chargeId, created: unix(d.created ?? new Date()), currency: d.currency.toLowerCase(),
    evidence_details: { due_by: d.dueBy ? unix(d.dueBy) : null, has_evidence: false, past_due: false, submission_count: 0 },
    is_charge_refundable: false, livemode: false, metadata: {}, payment_intent: d.paymentIntentId ?? null, reason: d.reason ?? "fraudulent", status: d.status,
  };
}

export type BalanceTransactionInput = { id?: string; type?: string; source: string; amount: number; fee: number };

export function payoutObject(p: { id: string; amount: number; currency: string; arrivalDate: Date; status: string; created?: Date; failureCode?: string | null; metadata?: Record<string, string>; balanceTransactions?: BalanceTransactionInput[] }) {
  return {
    id: p.id, object: "payout", amount: p.amount, arrival_date: unix(p.arrivalDate), automatic: true, balance_transaction: stripeId("txn"),
    created: unix(p.created ?? new Date()), currency: p.currency.toLowerCase(), description: "STRIPE PAYOUT", destination: stripeId("ba"),
    failure_code: p.failureCode ?? null, failure_message: p.failureCode ? "The bank account has been closed." : null, livemode: false,
    metadata: p.metadata ?? {}, method: "standard", source_type: "card", statement_descriptor: null, status: p.status, type: "bank_account",
    balance_transactions: (p.balanceTransactions ?? []).map((b) => ({
      id: b.id ?? stripeId("txn"), object: "balance_transaction", type: b.type ?? "charge", source: b.source, amount: b.amount, fee: b.fee,
      net: b.amount - b.fee, currency: p.currency.toLowerCase(),
    })),
  };
}

/** A delivery as Stripe makes it: the JSON body and a fresh Stripe-Signature (new timestamp on every retry). */
export function signedDelivery(event: object, secret: string): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(event, null, 2);
  return { body, headers: { "content-type": "application/json; charset=utf-8", "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload: body, secret }), "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)" } };
}

export const randomSecret = () => `whsec_${crypto.randomBytes(24).toString("base64url")}`;
