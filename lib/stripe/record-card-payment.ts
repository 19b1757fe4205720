// payment_intent.succeeded and charge.succeeded: one card receipt per charge (natural key stripe:<charge id>),
// whichever of the two events arrives first and however often. The later one only fills in what the first did
// not carry (a PaymentIntent has no billing name), never the receipt's state or amount.
import type { StripeCharge, StripePaymentIntent } from "./stripe-objects.ts";
import { unixDate } from "./stripe-objects.ts";
import { cardNaturalKey, type StripeContext } from "./stripe-context.ts";
import { resolveStripeCustomer, resolveStripeEntity } from "./resolve-stripe-owner.ts";
import { paymentReferences } from "./payment-remittance.ts";
import { onReceiptCreated, type CreatedReceipt } from "../receipts/on-receipt-created.ts";
import { newId } from "../db/new-id.ts";

export type CardPayment = {
  chargeId: string;
  paymentIntentId: string | null;
  amountMinor: bigint;
  currency: string;
  paidAt: Date;
  payerName: string | null;
  payerEmail: string | null;
  description: string | null;
  metadata: Record<string, string>;
  stripeCustomerId: string | null;
};

export function cardPaymentFromCharge(c: StripeCharge): CardPayment {
  return {
    chargeId: c.id, paymentIntentId: c.payment_intent, amountMinor: BigInt(c.amount_captured || c.amount), currency: c.currency,
    paidAt: unixDate(c.created), payerName: c.billing_details?.name ?? null, payerEmail: c.billing_details?.email ?? c.receipt_email ?? null,
    description: c.description ?? null, metadata: c.metadata, stripeCustomerId: c.customer,
  };
}

/** Null when the intent names no charge (then the charge.succeeded event makes the receipt). */
export function cardPaymentFromIntent(pi: StripePaymentIntent): CardPayment | null {
  const chargeId = pi.latest_charge ?? pi.charges?.data[0]?.id ?? null;
  if (!chargeId) return null;
  return {
    chargeId, paymentIntentId: pi.id, amountMinor: BigInt(pi.amount_received || pi.amount), currency: pi.currency, paidAt: unixDate(pi.created),
    payerName: null, payerEmail: pi.receipt_email ?? null, description: pi.description ?? null, metadata: pi.metadata, stripeCustomerId: pi.customer,
  };
}

export async function recordCardPayment(ctx: StripeContext, p: CardPayment): Promise<{ receiptId: string; created: boolean }> {
  const { tx } = ctx;
  const naturalKey = cardNaturalKey(p.chargeId);
  const entity = await resolveStripeEntity(tx, p.currency, p.metadata);
  const customerId = await resolveStripeCustomer(tx, entity.id, p.stripeCustomerId, p.metadata);
  const refs = await paymentReferences(tx, entity.id, p.description, p.metadata);
  // Two events of one payment may be handled at once: the unique natural key lets exactly one insert win.
  const [created] = await tx.$queryRawUnsafe<(CreatedReceipt & { receivedAt: Date })[]>(`
    insert into "Receipt" (id, "entityId", "customerId", currency, "amountMinor", "unappliedMinor", "valueDate", channel, "payerName", "payerEmail",
      remittance, "processorReference", "naturalKey", "sourceSystem", "sourceId", "documentId", "correlationId", "receivedAt", "stateChangedAt", "updatedAt")
    values ($1, $2, $3, $4, $5::bigint, $5::bigint, $6::date, 'CARD', $7, $8, $9, $10, $11, 'stripe', $10, $12, $13,
      (now() at time zone 'UTC'), (now() at time zone 'UTC'), (now() at time zone 'UTC'))
    on conflict ("naturalKey") do nothing
    returning id, "entityId", "sourceSystem", "naturalKey", state::text as state, "receivedAt", "documentId", "amountMinor", currency`,
    newId(), entity.id, customerId, p.currency, String(p.amountMinor), p.paidAt.toISOString().slice(0, 10), p.payerName, p.payerEmail,
    refs.remittance, p.chargeId, naturalKey, ctx.documentId, ctx.correlationId);
  if (created) {
    await onReceiptCreated(tx, created, ctx.correlationId, {
      occurredAt: p.paidAt,
      businessKeys: {
        stripeEventId: ctx.eventId, chargeId: p.chargeId, paymentIntentId: p.paymentIntentId, stripeCustomerId: p.stripeCustomerId,
        invoiceNumber: refs.invoiceNumber, invoiceId: refs.invoiceId, poNumber: refs.poNumber,
      },
      payload: { stripeEventType: ctx.eventType },
    });
    return { receiptId: created.id, created: true };
  }
  // The other event of this payment came first: only fill in what it did not carry (a PaymentIntent has no name).
  const existing = await tx.receipt.findUniqueOrThrow({ where: { naturalKey } });
  const fill = {
    ...(existing.payerName ? {} : p.payerName ? { payerName: p.payerName } : {}),
    ...(existing.payerEmail ? {} : p.payerEmail ? { payerEmail: p.payerEmail } : {}),
  };
  if (Object.keys(fill).length) await tx.receipt.update({ where: { id: existing.id }, data: fill });
  return { receiptId: existing.id, created: false };
}
