// The billing simulator's traffic, planned from a seed: batches of invoice.issued events for mapped billing
// customers, now and then a void or a credit memo of an invoice issued earlier in the run, an invoice for a
// billing customer nobody has mapped yet, and whole batches delivered a second time.
import { createRng } from "../demo/prng.ts";

export type SimBillingCustomer = { billingCustomerId: string; entity: string; currency: string };
type Event = { id: string; type: string; occurred_at: string; data: Record<string, unknown> };
export type PlannedBatch = { events: Event[]; redelivery: boolean };

const iso = (d: Date) => d.toISOString().slice(0, 10);
const DAY = 86_400_000;

export function planBillingTraffic(opts: { seed: number; events: number; customers: SimBillingCustomer[]; run: string; maxBatch?: number; now?: Date }): PlannedBatch[] {
  const rng = createRng(opts.seed);
  const now = opts.now ?? new Date();
  const customers = opts.customers.length ? opts.customers : [{ billingCustomerId: "bcus_1000", entity: "US01", currency: "USD" }];
  const issued: { number: string; entity: string; customer: SimBillingCustomer; amount: string }[] = [];
  const batches: PlannedBatch[] = [];
  let n = 0;
  let made = 0;
  const evt = (type: string, data: Record<string, unknown>): Event => ({ id: `sim_${opts.run}_${++n}`, type, occurred_at: new Date(now.getTime() + n * 1000).toISOString(), data });
  while (made < opts.events) {
    const size = Math.min(rng.int(1, opts.maxBatch ?? 25), opts.events - made);
    const events: Event[] = [];
    for (let i = 0; i < size; i++) {
      const roll = rng.next();
      const prior = issued.length ? rng.pick(issued) : null;
      if (prior && roll < 0.04) {
        events.push(evt("invoice.voided", { number: prior.number, entity: prior.entity, reason: "issued in error" }));
      } else if (prior && roll < 0.09) {
        events.push(evt("credit_memo.issued", {
          number: `CM-${opts.run}-${n}`, customer_id: prior.customer.billingCustomerId, entity: prior.entity, currency: prior.customer.currency,
          amount: (rng.int(5, 200) + 0.5).toFixed(2), issue_date: iso(now), invoice_number: prior.number, reason: rng.pick(["pricing error", "damaged goods", "goodwill"]),
        }));
      } else {
        const customer = roll < 0.12 ? { billingCustomerId: `bcus_new_${opts.run}_${n}`, entity: customers[0]!.entity, currency: customers[0]!.currency } : rng.pick(customers);
        const number = `SIM-${opts.run}-${String(n + 1).padStart(5, "0")}`;
        const amount = `${rng.int(100, 25_000)}.${String(rng.int(0, 99)).padStart(2, "0")}`;
        const issue = new Date(now.getTime() - rng.int(0, 10) * DAY);
        events.push(evt("invoice.issued", {
          invoice_id: `binv_${opts.run}_${n + 1}`, number, customer_id: customer.billingCustomerId, entity: customer.entity, currency: customer.currency, amount,
          issue_date: iso(issue), due_date: iso(new Date(issue.getTime() + 30 * DAY)), po_number: rng.chance(0.4) ? `PO-${rng.int(100000, 999999)}` : null,
        }));
        issued.push({ number, entity: customer.entity, customer, amount });
      }
    }
    made += events.length;
    batches.push({ events, redelivery: false });
    if (rng.chance(0.1)) batches.push({ events, redelivery: true }); // the sender did not see our answer and sends again
  }
  return batches;
}
