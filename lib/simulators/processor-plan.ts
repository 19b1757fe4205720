// The processor simulator's traffic, planned up front from a seed: card payments (charge.succeeded and
// payment_intent.succeeded of the same payment, often paying an open invoice named in the metadata), refunds,
// disputes that close won or lost, and payouts that settle the charges less fees. Like Stripe, it delivers
// some events more than once (same event id) and not always in order.
import { createRng, type Rng } from "../demo/prng.ts";
import { chargeObject, disputeObject, paymentIntentObject, payoutObject, stripeEvent, stripeId, type BalanceTransactionInput, type ChargeInput } from "../stripe/stripe-fixtures.ts";

export type SimInvoice = { number: string; entity: string; currency: string; openMinor: number; customerAccount?: string | null; customerName?: string | null };
export type PlannedDelivery = { event: { id: string; type: string }; kind: "first" | "duplicate" };

const NAMES = ["Redforge Analytics", "Bluecrest Foods", "Northwind Logistics", "Oakridge Systems", "Summit Retail", "Falcon Robotics", "Meridian Labs", "Harbor Freight", "Juniper Media", "Kestrel Energy"];
const CURRENCY_ENTITY: Record<string, string> = { usd: "US01", gbp: "UK01", eur: "DE01" };
const DAY = 86_400_000;

const fee = (amount: number) => Math.round(amount * 0.029) + 30;

function cardPayment(rng: Rng, id: () => string, invoices: SimInvoice[]): ChargeInput & { entity: string } {
  const inv = invoices.length && rng.chance(0.85) ? rng.pick(invoices) : null;
  const currency = inv ? inv.currency.toLowerCase() : rng.pick(["usd", "usd", "gbp", "eur"]);
  const amount = inv ? (rng.chance(0.85) ? inv.openMinor : Math.max(100, Math.round(inv.openMinor * rng.pick([0.5, 0.9, 0.98])))) : rng.int(20, 5000) * 100 + rng.int(0, 99);
  const name = inv?.customerName ?? `${rng.pick(NAMES)} ${rng.pick(["Inc.", "LLC", "Ltd", "GmbH"])}`;
  const metadata: Record<string, string> = {};
  if (inv && rng.chance(0.9)) {
    metadata.invoice_number = inv.number;
    metadata.entity = inv.entity;
    if (inv.customerAccount) metadata.customer_account = inv.customerAccount;
  }
  return {
    id: id(), paymentIntentId: stripeId("pi", rng.next), amount, currency, name, email: `ap@${name.split(" ")[0]!.toLowerCase()}.example`,
    description: inv ? `Payment for invoice ${inv.number}` : "Card payment", metadata, entity: inv?.entity ?? CURRENCY_ENTITY[currency] ?? "US01",
  };
}

export function planProcessorTraffic(opts: { seed: number; payments: number; invoices?: SimInvoice[]; now?: Date; payoutEvery?: number }): PlannedDelivery[] {
  const rng = createRng(opts.seed);
  const now = opts.now ?? new Date();
  const invoices = [...(opts.invoices ?? [])];
  const timeline: PlannedDelivery[] = [];
  const later: { at: number; delivery: PlannedDelivery }[] = [];
  const unsettled = new Map<string, { entity: string; items: BalanceTransactionInput[] }>();
  const add = (event: { id: string; type: string }, dupes = 0) => {
    timeline.push({ event, kind: "first" });
    for (let i = 0; i < dupes; i++) later.push({ at: timeline.length + rng.int(0, 6), delivery: { event, kind: "duplicate" } });
  };
  const at = (i: number) => new Date(now.getTime() - (opts.payments - i) * 30_000);

  for (let i = 0; i < opts.payments; i++) {
    // Each invoice is paid at most once by the simulator.
    const p = cardPayment(rng, () => stripeId("ch", rng.next), invoices);
    const invIndex = invoices.findIndex((inv) => inv.number === p.metadata?.invoice_number);
    if (invIndex >= 0) invoices.splice(invIndex, 1);
    const created = at(i);
    const charge = stripeEvent("charge.succeeded", chargeObject({ ...p, created }), { id: stripeId("evt", rng.next), created });
    const intent = stripeEvent("payment_intent.succeeded", paymentIntentObject({ ...p, created }), { id: stripeId("evt", rng.next), created: new Date(created.getTime() + 1000) });
    const dupes = () => (rng.chance(0.15) ? rng.int(1, 3) : 0);
    const disputeFirst = rng.chance(0.04);
    const disputed = disputeFirst || rng.chance(0.04);
    const dispute = { id: stripeId("dp", rng.next), chargeId: p.id, paymentIntentId: p.paymentIntentId, amount: p.amount, currency: p.currency, status: "needs_response", reason: rng.pick(["fraudulent", "product_not_received", "duplicate"]), dueBy: new Date(now.getTime() + 14 * DAY) };
    const disputeCreated = stripeEvent("charge.dispute.created", disputeObject({ ...dispute, created: new Date(created.getTime() + 5000) }), { id: stripeId("evt", rng.next), created: new Date(created.getTime() + 5000) });
    if (disputeFirst) add(disputeCreated); // out of order: the dispute reaches Cashline before its charge
    if (rng.chance(0.7)) { add(charge, dupes()); add(intent, dupes()); } else { add(intent, dupes()); add(charge, dupes()); }
    if (disputed) {
      if (!disputeFirst) add(disputeCreated);
      const closedAt = new Date(created.getTime() + 10_000);
      later.push({ at: timeline.length + rng.int(3, 15), delivery: { event: stripeEvent("charge.dispute.closed", disputeObject({ ...dispute, status: rng.chance(0.5) ? "won" : "lost", created: closedAt }), { id: stripeId("evt", rng.next), created: closedAt }), kind: "first" } });
    }
    const refunded = !disputed && rng.chance(0.07) ? (rng.chance(0.5) ? p.amount : Math.round(p.amount / 4)) : 0;
    if (refunded) {
      const refundAt = new Date(created.getTime() + 8000);
      later.push({ at: timeline.length + rng.int(2, 10), delivery: { event: stripeEvent("charge.refunded", chargeObject({ ...p, created, amountRefunded: refunded }), { id: stripeId("evt", rng.next), created: refundAt }), kind: "first" } });
    }
    // The processor settles what it kept: the charge less its fee, less any refund.
    const batch = unsettled.get(p.currency) ?? { entity: p.entity, items: [] };
    batch.items.push({ source: p.id, amount: p.amount, fee: fee(p.amount) });
    if (refunded) batch.items.push({ type: "refund", source: stripeId("re", rng.next), amount: -refunded, fee: 0 });
    if (disputed) batch.items.push({ type: "adjustment", source: dispute.id, amount: -p.amount, fee: 1500 });
    unsettled.set(p.currency, batch);
    if (batch.items.length >= (opts.payoutEvery ?? 8) || i === opts.payments - 1) {
      for (const [currency, b] of i === opts.payments - 1 ? unsettled : new Map([[p.currency, batch]])) {
        const net = b.items.reduce((s, x) => s + x.amount - x.fee, 0);
        if (net <= 0) continue;
        const failed = rng.chance(0.05);
        const po = payoutObject({ id: stripeId("po", rng.next), amount: net, currency, arrivalDate: new Date(now.getTime() + DAY), status: failed ? "failed" : "paid", failureCode: failed ? "account_closed" : null, balanceTransactions: b.items, created: at(i) });
        later.push({ at: timeline.length + rng.int(2, 8), delivery: { event: stripeEvent(failed ? "payout.failed" : "payout.paid", po, { id: stripeId("evt", rng.next), created: at(i) }), kind: "first" } });
        unsettled.delete(currency);
      }
    }
    // Deliveries whose turn has come.
    const due = later.filter((x) => x.at <= timeline.length);
    later.splice(0, later.length, ...later.filter((x) => !due.includes(x)));
    for (const l of due) timeline.push(l.delivery);
  }
  for (const l of later.sort((a, b) => a.at - b.at)) timeline.push(l.delivery);
  // A little reordering on the wire, as with any webhook sender.
  for (let i = 0; i + 1 < timeline.length; i++) if (rng.chance(0.06)) [timeline[i], timeline[i + 1]] = [timeline[i + 1]!, timeline[i]!];
  return timeline;
}
