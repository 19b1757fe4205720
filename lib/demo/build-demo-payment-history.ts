// Half a year of payment history for the demo's cash forecast (issue 17): without it the demo's receipts cover three
// weeks and pay random invoices, so no customer has a behaviour to learn and the backtest's error means nothing.
// Pure and deterministic (its own PRNG: the rest of the demo stays exactly as it was). Each customer gets a payment
// habit — days after due (its usual lateness and spread) and a partial-payment habit (first share, then the rest
// about two weeks later) — and pays by it:
//   - half of the invoices the demo marks PAID without a receipt (issued 60–120 days ago), and
//   - up to two older invoices per customer (one on average), issued 125–240 days ago (all paid),
// each payment a POSTED receipt with its application, balanced journal entry and events, like the demo's own.
// Payments that would fall in the last 21 days are left out (the demo's own receipts cover the last three weeks; those
// invoices stay "settled outside Cashline").
import { createRng } from "./prng.ts";
import { DEMO_ENTITIES } from "./demo-world.ts";
import type { DemoCustomer, DemoInvoice } from "./build-demo-data.ts";

const DAY = 86_400_000;
type Row = Record<string, unknown>;
type Bank = { id: string; entityId: string; currency: string; accountNumber: string; glAccount: string };
type Data = {
  customers: DemoCustomer[]; invoices: DemoInvoice[]; bankAccounts: Bank[];
  receipts: Row[]; applications: Row[]; events: Row[]; journal: { entry: Row; lines: Row[] }[];
};
export type PaymentHabit = { lateMeanDays: number; spreadDays: number; partialP: number; firstShare: number };

/** Latest day (days back from today) a history payment may fall on. */
export const HISTORY_RECENT_LIMIT_DAYS = 21;

export function demoPaymentHabits(customers: DemoCustomer[], seed = 20261203): Map<string, PaymentHabit> {
  const rng = createRng(seed);
  return new Map(customers.map((c) => [c.id, {
    lateMeanDays: rng.pick([-4, 0, 0, 3, 6, 10, 15, 22, 35]), spreadDays: rng.int(1, 6),
    partialP: rng.pick([0, 0, 0, 0.1, 0.25]), firstShare: rng.pick([0.4, 0.5, 0.6]),
  }]));
}

export function appendDemoPaymentHistory(data: Data, today: Date): { invoices: number; receipts: number } {
  const rng = createRng(20261204);
  const habits = demoPaymentHabits(data.customers);
  const applied = new Set(data.applications.map((a) => a.invoiceId as string));
  const counters = new Map<string, number>(DEMO_ENTITIES.map((e) => [`ent_${e.code}`, data.invoices.filter((i) => i.entityId === `ent_${e.code}`).length]));
  // Half of them (the rest stay settled outside Cashline): enough history per customer, and the seed stays fast.
  const targets = data.invoices.filter((i) => i.status === "PAID" && !applied.has(i.id) && rng.chance(0.5));
  const fresh: DemoInvoice[] = [];
  for (const c of data.customers) {
    const entity = DEMO_ENTITIES.find((e) => `ent_${e.code}` === c.entityId)!;
    for (let k = rng.int(0, 2); k > 0; k--) {
      const n = counters.get(c.entityId)! + 1;
      counters.set(c.entityId, n);
      const issue = new Date(today.getTime() - rng.int(125, 240) * DAY);
      const amountMinor = BigInt(rng.int(15_000, 2_500_000));
      fresh.push({
        id: `inv_h${String(fresh.length + 1).padStart(5, "0")}`, entityId: c.entityId, customerId: c.id, number: entity.invoicePrefix(n), poNumber: null,
        currency: entity.functionalCurrency, amountMinor, openAmountMinor: 0n, issueDate: issue, dueDate: new Date(issue.getTime() + 30 * DAY), status: "PAID",
        sourceSystem: "billing", sourceId: `bill_inv_h${fresh.length + 1}`, receivedAt: issue,
      });
    }
  }
  data.invoices.push(...fresh);
  let receipts = 0;
  const latest = today.getTime() - HISTORY_RECENT_LIMIT_DAYS * DAY;
  for (const inv of [...targets, ...fresh]) {
    const h = habits.get(inv.customerId)!;
    // Days after due: the habit's mean with a triangular spread (sum of two uniform draws).
    const late = h.lateMeanDays + rng.int(-h.spreadDays, h.spreadDays) + rng.int(-h.spreadDays, h.spreadDays);
    const first = new Date(inv.dueDate.getTime() + late * DAY);
    const split = rng.chance(h.partialP);
    const parts = split
      ? [{ at: first, minor: (inv.amountMinor * BigInt(Math.round(h.firstShare * 100))) / 100n }, { at: new Date(first.getTime() + rng.int(10, 20) * DAY), minor: 0n }]
      : [{ at: first, minor: inv.amountMinor }];
    if (split) parts[1]!.minor = inv.amountMinor - parts[0]!.minor;
    if (parts.some((p) => p.at.getTime() > latest || p.at.getTime() < inv.issueDate.getTime())) continue; // settled outside Cashline
    for (const p of parts) pay(data, inv, p.at, p.minor, rng, ++receipts);
  }
  return { invoices: fresh.length, receipts };
}

function pay(data: Data, inv: DemoInvoice, day: Date, amountMinor: bigint, rng: ReturnType<typeof createRng>, n: number) {
  const id = `rcp_h${String(n).padStart(5, "0")}`;
  const bank = data.bankAccounts.find((b) => b.entityId === inv.entityId && b.currency === inv.currency)!;
  const customer = data.customers.find((c) => c.id === inv.customerId)!;
  const channel = inv.entityId === "ent_DE01" ? "SEPA" : rng.pick(["ACH", "WIRE", "CHECK", "ACH"]);
  const bankRef = `BRH${String(rng.int(1e9, 9.9e9))}`;
  const receivedAt = new Date(day.getTime() + rng.int(8, 16) * 3_600_000);
  const appliedAt = new Date(receivedAt.getTime() + 5000);
  const postedAt = new Date(receivedAt.getTime() + rng.int(60, 3 * 3600) * 1000);
  const cid = `demo-${id}`;
  data.receipts.push({
    id, entityId: inv.entityId, bankAccountId: bank.id, customerId: inv.customerId, currency: inv.currency, amountMinor, unappliedMinor: 0n, valueDate: day,
    channel, payerName: customer.aliases[0]!.slice(0, 35), payerAccount: customer.payerAccounts[0] ?? null, remittance: inv.number, bankReference: bankRef,
    processorReference: null, state: "POSTED", stateChangedAt: postedAt, naturalKey: `${bank.accountNumber}:${bankRef}`, sourceSystem: "bank", sourceId: bankRef,
    receivedAt, postedAt, postingLatencyMs: postedAt.getTime() - receivedAt.getTime(), correlationId: cid, ruleVersion: "engine-1/policy-1", createdAt: receivedAt,
  });
  data.applications.push({ id: `app_${id}`, receiptId: id, invoiceId: inv.id, customerId: inv.customerId, kind: "INVOICE", amountMinor, currency: inv.currency, appliedByType: "engine", ruleVersion: "engine-1/policy-1", appliedAt });
  const ev = { schemaVersion: 1, sourceSystem: "cashline", actorType: "system", businessKeys: {}, payload: {}, receiptId: id, entityId: inv.entityId, correlationId: cid };
  data.events.push(
    { ...ev, type: "payment.received", sourceSystem: "bank", sourceId: bankRef, toState: "RECEIVED", occurredAt: receivedAt, recordedAt: receivedAt, businessKeys: { bankReference: bankRef } },
    { ...ev, type: "cash.applied", invoiceId: inv.id, sourceId: `app_${id}`, fromState: "MATCHED", toState: "APPLIED", occurredAt: appliedAt, recordedAt: appliedAt, payload: { invoice: inv.number, amountMinor: String(amountMinor) } },
    { ...ev, type: "receipt.posted", sourceId: `je_${id}`, fromState: "APPLIED", toState: "POSTED", postingStatus: "acknowledged", occurredAt: postedAt, recordedAt: postedAt },
  );
  data.journal.push({
    entry: { id: `je_${id}`, entityId: inv.entityId, currency: inv.currency, receiptId: id, kind: "cash_receipt", idempotencyKey: `receipt:${id}:v1`, status: "POSTED", erpDocumentId: `AR-RCPT-H${n}`, attempts: 1, lastError: null, createdAt: receivedAt, postedAt },
    lines: [
      { account: bank.glAccount, debitMinor: amountMinor, creditMinor: 0n, description: "Cash received" },
      { account: "1200", debitMinor: 0n, creditMinor: amountMinor, description: `Receivable ${inv.number}` },
    ],
  });
}
