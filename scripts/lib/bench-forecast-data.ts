// Generated payment history for bench:forecast: customers with their own habits (days late, spread, instalments,
// write-offs), invoices over the last 240 days paid accordingly (receipts + applications with value dates), the
// rest open; daily processor payouts. Deterministic (seeded).
import type { PrismaClient } from "../../lib/db/client.ts";
import { createRng } from "../../lib/demo/prng.ts";

const DAY = 86_400_000;

export async function loadForecastBenchData(db: PrismaClient, o: { today: Date; customers: number; invoicesPerDay: number; days: number }) {
  const rng = createRng(20261204);
  const today = o.today.getTime();
  await db.legalEntity.create({ data: { id: "ent_B", code: "BENCH", name: "Bench Corp", country: "US", functionalCurrency: "USD" } });
  const customers = Array.from({ length: o.customers }, (_, i) => ({
    id: `bc_${i}`, lateBy: rng.int(-3, 25), spread: rng.int(0, 8), split: rng.chance(0.3), writeOff: rng.chance(0.1),
  }));
  await db.customer.createMany({ data: customers.map((c, i) => ({ id: c.id, entityId: "ent_B", erpAccountNumber: `B-${i}`, name: `Customer ${i}`, aliases: [], payerAccounts: [] })) });
  const invoices: object[] = [], receipts: object[] = [], apps: object[] = [];
  let n = 0;
  const pay = (invoiceId: string, customerId: string, amount: bigint, day: number) => {
    const id = `br_${receipts.length}`;
    const receivedAt = new Date(day * DAY + 10 * 3_600_000);
    receipts.push({ id, entityId: "ent_B", customerId, currency: "USD", amountMinor: amount, unappliedMinor: 0n, valueDate: new Date(day * DAY), channel: "ACH", state: "APPLIED",
      naturalKey: `bench:${id}`, sourceSystem: "bank", sourceId: id, receivedAt, createdAt: receivedAt });
    apps.push({ receiptId: id, invoiceId, customerId, kind: "INVOICE", amountMinor: amount, currency: "USD", appliedByType: "engine", appliedAt: new Date(receivedAt.getTime() + 5_000) });
  };
  const todayDay = Math.floor(today / DAY);
  for (let d = todayDay - o.days; d < todayDay; d++) {
    for (let k = 0; k < o.invoicesPerDay; k++) {
      const c = rng.pick(customers);
      const id = `bi_${++n}`;
      const amount = BigInt(rng.int(20_000, 2_500_000));
      const due = d + rng.pick([14, 30, 30, 45]);
      const late = c.lateBy + rng.int(-c.spread, c.spread);
      const parts = c.split && rng.chance(0.6) ? [[amount / 2n, due + late], [amount - amount / 2n, due + late + rng.int(5, 20)]] as const : [[amount, due + late]] as const;
      let open = amount;
      for (const [part, day] of parts) if (day < todayDay) { pay(id, c.id, part, day); open -= part; }
      if (c.writeOff && open === 0n && rng.chance(0.3)) {
        // The last payment came short: 5 % written off.
        const last = apps.at(-1) as { amountMinor: bigint; receiptId: string; appliedAt: Date };
        const cut = last.amountMinor / 20n;
        last.amountMinor -= cut;
        (receipts.at(-1) as { amountMinor: bigint }).amountMinor -= cut;
        apps.push({ ...last, amountMinor: cut, kind: "WRITE_OFF", reasonCode: "small_balance" });
      }
      invoices.push({ id, entityId: "ent_B", customerId: c.id, number: id, currency: "USD", amountMinor: amount, openAmountMinor: open, issueDate: new Date(d * DAY), dueDate: new Date(due * DAY),
        status: open === 0n ? "PAID" : open < amount ? "PARTIALLY_PAID" : "OPEN", sourceSystem: "bench", sourceId: id, receivedAt: new Date(d * DAY + 8 * 3_600_000) });
    }
  }
  const payouts = Array.from({ length: 60 }, (_, i) => {
    const day = todayDay - 58 + i;
    const arrived = day + 2 < todayDay;
    return { payoutId: `po_b${i}`, entityId: "ent_B", currency: "USD", amountMinor: BigInt(rng.int(100_000, 900_000)), grossMinor: 0n, feeMinor: 0n, arrivalDate: new Date((day + 2) * DAY),
      status: arrived ? "paid" : "in_transit", statusEventAt: new Date(day * DAY), createdAt: new Date(day * DAY + 3_600_000),
      recognizedAt: arrived ? new Date((day + 2) * DAY + 9 * 3_600_000) : null, recognizedValueDate: arrived ? new Date((day + 2) * DAY) : null };
  });
  for (let i = 0; i < invoices.length; i += 5000) await db.invoice.createMany({ data: invoices.slice(i, i + 5000) as never });
  for (let i = 0; i < receipts.length; i += 5000) await db.receipt.createMany({ data: receipts.slice(i, i + 5000) as never });
  for (let i = 0; i < apps.length; i += 5000) await db.application.createMany({ data: apps.slice(i, i + 5000) as never });
  await db.payout.createMany({ data: payouts });
  return { invoices: invoices.length, receipts: receipts.length, applications: apps.length };
}
