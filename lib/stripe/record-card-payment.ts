// payment_intent.succeeded and charge.succeeded: one card receipt per charge (natural key stripe:<charge id>),
// whichever of the two events arrives first and however often. The later one only fills in what the first did
// not carry (a PaymentIntent has no billing name), never the receipt's state or amount.
import type { StripeCharge, StripePaymentIntent } from "./stripe-objects.ts";
import { unixDate } from "./stripe-objects.ts";
import { cardNaturalKey, type StripeContext } from "./stripe-context.ts";
import { resolveStripeCustomer, resolveStripeEntity } from "./resolve-stripe-owner.ts";
import { paymentReferences } from "./payment-remittance.ts";
import { onReceiptCreated } from "../receipts/on-receipt-created.ts";

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
  const existing = await tx.receipt.findUnique({ where: { naturalKey } });
  if (existing) {
    const fill = {
      ...(existing.payerName ? {} : p.payerName ? { payerName: p.payerName } : {}),
      ...(existing.payerEmail ? {} : p.payerEmail ? { payerEmail: p.payerEmail } : {}),
    };
    if (Object.keys(fill).length) await tx.receipt.update({ where: { id: existing.id }, data: fill });
    return { receiptId: existing.id, created: false };
  }
  const entity = await resolveStripeEntity(tx, p.currency, p.metadata);
  const customerId = await resolveStripeCustomer(tx, entity.id, p.stripeCustomerId, p.metadata);
  const refs = await paymentReferences(tx, entity.id, p.description, p.metadata);
  // Two events of one payment may be handled at once: the unique natural key lets exactly one insert win.
  const inserted = await tx.receipt.createMany({
    data: [{
      entityId: entity.id, bankAccountId: null, customerId, currency: p.currency, amountMinor: p.amountMinor, unappliedMinor: p.amountMinor,
      valueDate: new Date(p.paidAt.toISOString().slice(0, 10)), channel: "CARD", payerName: p.payerName, payerEmail: p.payerEmail,
      remittance: refs.remittance, processorReference: p.chargeId, naturalKey, sourceSystem: "stripe", sourceId: p.chargeId,
      documentId: ctx.documentId, correlationId: ctx.correlationId,
    }],
    skipDuplicates: true,
  });
  const receipt = await tx.receipt.findUniqueOrThrow({ where: { naturalKey }, select: { id: true } });
  if (inserted.count === 1) {
    await onReceiptCreated(tx, receipt.id, ctx.correlationId, {
      occurredAt: p.paidAt,
      businessKeys: {
        stripeEventId: ctx.eventId, chargeId: p.chargeId, paymentIntentId: p.paymentIntentId, stripeCustomerId: p.stripeCustomerId,
        invoiceNumber: refs.invoiceNumber, invoiceId: refs.invoiceId, poNumber: refs.poNumber,
      },
      payload: { stripeEventType: ctx.eventType },
    });
  }
  return { receiptId: receipt.id, created: inserted.count === 1 };
}
