// Payouts through the Stripe webhook, their journal, and the recognition of the bank credit they become.
import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedConnectorWorld } from "../testing/seed-connector-world.ts";
import { getDb } from "../db/client.ts";
import { chargeObject, payoutObject, signedDelivery, stripeEvent, stripeId } from "../stripe/stripe-fixtures.ts";
import { receiveStripeWebhook } from "../stripe/receive-stripe-webhook.ts";
import { recognizePayoutCredit, type BankCredit } from "./recognize-payout-credit.ts";
import { PROCESSOR_CLEARING_ACCOUNT, PROCESSOR_FEES_ACCOUNT } from "./payout-journal.ts";

const SECRET = "whsec_payout_tests";
useFreshDatabase();
beforeAll(async () => { await seedConnectorWorld(); });

const deliver = (event: object) => {
  const d = signedDelivery(event, SECRET);
  return receiveStripeWebhook(d.body, d.headers["stripe-signature"]!, { secret: SECRET });
};
const recognize = (line: BankCredit) => getDb().$transaction((tx) => recognizePayoutCredit(tx, line));

async function paidPayout(opts: { amounts?: number[]; arrival?: string; currency?: string } = {}) {
  const currency = opts.currency ?? "usd";
  const charges = (opts.amounts ?? [60_000, 40_000]).map((amount) => ({ id: stripeId("ch"), paymentIntentId: stripeId("pi"), amount, currency }));
  for (const c of charges) await deliver(stripeEvent("charge.succeeded", chargeObject(c)));
  const bts = charges.map((c) => ({ source: c.id, amount: c.amount, fee: Math.round(c.amount * 0.029) + 30 }));
  const net = bts.reduce((s, b) => s + b.amount - b.fee, 0);
  const po = payoutObject({ id: stripeId("po"), amount: net, currency, arrivalDate: new Date(`${opts.arrival ?? "2026-11-20"}T00:00:00Z`), status: "paid", balanceTransactions: bts });
  const res = await deliver(stripeEvent("payout.paid", po));
  return { po, net, fee: bts.reduce((s, b) => s + b.fee, 0), gross: charges.reduce((s, c) => s + c.amount, 0), charges, res };
}

describe("payout.paid", () => {
  it("stores the payout with the charges it covers and a balanced PENDING journal: Dr bank net, Dr fees, Cr clearing gross", async () => {
    const { po, net, fee, gross, charges, res } = await paidPayout();
    const db = getDb();
    const payout = await db.payout.findUniqueOrThrow({ where: { payoutId: po.id }, include: { items: true } });
    expect(payout).toMatchObject({ status: "paid", currency: "USD", amountMinor: BigInt(net), feeMinor: BigInt(fee), grossMinor: BigInt(gross), entityId: "ent_us", bankAccountId: "bank_us" });
    expect(payout.arrivalDate.toISOString().slice(0, 10)).toBe("2026-11-20");
    expect(payout.items).toHaveLength(2);
    const receipts = await db.receipt.findMany({ where: { processorReference: { in: charges.map((c) => c.id) } } });
    expect(payout.items.map((i) => i.receiptId).sort()).toEqual(receipts.map((r) => r.id).sort());

    const entry = await db.journalEntry.findUniqueOrThrow({ where: { id: res.result.journalEntryId as string }, include: { lines: true } });
    expect(entry).toMatchObject({ status: "PENDING", entityId: "ent_us", currency: "USD", kind: "PROCESSOR_PAYOUT" });
    const by = Object.fromEntries(entry.lines.map((l) => [l.account, l]));
    expect(by["1010"]).toMatchObject({ debitMinor: BigInt(net), creditMinor: 0n });
    expect(by[PROCESSOR_FEES_ACCOUNT]).toMatchObject({ debitMinor: BigInt(fee), creditMinor: 0n });
    expect(by[PROCESSOR_CLEARING_ACCOUNT]).toMatchObject({ debitMinor: 0n, creditMinor: BigInt(gross) });
    expect(entry.lines.reduce((s, l) => s + l.debitMinor - l.creditMinor, 0n)).toBe(0n);
    // The same payout delivered again by another event id books nothing twice.
    await deliver(stripeEvent("payout.paid", po));
    expect(await db.journalEntry.count({ where: { idempotencyKey: `stripe-payout:${po.id}` } })).toBe(1);
  });

  it("payout.failed opens an exception, and reverses the journal of a payout booked as paid", async () => {
    const { po } = await paidPayout({ amounts: [10_000] });
    const res = await deliver(stripeEvent("payout.failed", { ...po, status: "failed", failure_code: "account_closed" }, { created: new Date(Date.now() + 60_000) }));
    expect(res.result.caseId).toBeTruthy();
    const db = getDb();
    expect(await db.exceptionCase.findUniqueOrThrow({ where: { id: res.result.caseId as string } })).toMatchObject({ subjectType: "Payout", subjectId: po.id, priority: "HIGH", status: "OPEN" });
    const reversal = await db.journalEntry.findUniqueOrThrow({ where: { idempotencyKey: `stripe-payout:${po.id}:reversal` }, include: { lines: true } });
    expect(reversal.lines.reduce((s, l) => s + l.debitMinor - l.creditMinor, 0n)).toBe(0n);
    expect((await db.payout.findUniqueOrThrow({ where: { payoutId: po.id } })).status).toBe("failed");
  });

  it("an older paid event delivered after the failure does not revive the payout", async () => {
    const po = payoutObject({ id: stripeId("po"), amount: 5_000, currency: "usd", arrivalDate: new Date("2026-11-21"), status: "failed", failureCode: "no_account" });
    await deliver(stripeEvent("payout.failed", po, { created: new Date(Date.now()) }));
    const late = await deliver(stripeEvent("payout.paid", { ...po, status: "paid" }, { created: new Date(Date.now() - 3_600_000) }));
    expect(late.result.stale).toBe(true);
    const p = await getDb().payout.findUniqueOrThrow({ where: { payoutId: po.id } });
    expect(p).toMatchObject({ status: "failed", journalEntryId: null });
  });
});

describe("recognizePayoutCredit", () => {
  const line = (over: Partial<BankCredit>): BankCredit => ({ bankAccountId: "bank_us", amountMinor: 0n, currency: "USD", valueDate: new Date("2026-11-20"), remittance: null, bankReference: null, counterpartyName: null, ...over });

  it("recognises a credit that names the payout id", async () => {
    const { po, net } = await paidPayout({ arrival: "2026-10-01" });
    const hit = await recognize(line({ amountMinor: BigInt(net), valueDate: new Date("2026-10-01"), remittance: `STRIPE TRANSFER ${po.id.toUpperCase()}`, bankReference: "B1" }));
    expect(hit).toMatchObject({ processorPayoutId: po.id });
    const payout = await getDb().payout.findUniqueOrThrow({ where: { payoutId: po.id } });
    expect(payout).toMatchObject({ recognizedBankReference: "B1", recognizedBankAccountId: "bank_us" });
    // The same line again answers the same; another line cannot take the payout a second time.
    expect(await recognize(line({ amountMinor: BigInt(net), valueDate: new Date("2026-10-01"), remittance: `STRIPE TRANSFER ${po.id.toUpperCase()}`, bankReference: "B1" }))).toMatchObject({ payoutId: hit!.payoutId });
    expect(await recognize(line({ amountMinor: BigInt(net), valueDate: new Date("2026-10-01"), remittance: `STRIPE TRANSFER ${po.id}`, bankReference: "B2" }))).toBeNull();
    expect(await getDb().workflowEvent.count({ where: { type: "payout.bank_credit_recognized", sourceId: po.id } })).toBe(1);
  });

  it("recognises 'STRIPE' with the payout's amount and an arrival date within two days", async () => {
    const { po, net } = await paidPayout({ amounts: [12_345, 6_789], arrival: "2026-09-10" });
    const amount = BigInt(net);
    expect(await recognize(line({ amountMinor: amount, valueDate: new Date("2026-09-13"), counterpartyName: "STRIPE PAYMENTS UK" }))).toBeNull();
    expect(await recognize(line({ amountMinor: amount + 1n, valueDate: new Date("2026-09-11"), counterpartyName: "STRIPE" }))).toBeNull();
    expect(await recognize(line({ amountMinor: amount, valueDate: new Date("2026-09-11"), remittance: "ACME CORP INVOICE 4711" }))).toBeNull();
    expect(await recognize(line({ amountMinor: amount, currency: "EUR", bankAccountId: "bank_de", valueDate: new Date("2026-09-11"), counterpartyName: "STRIPE" }))).toBeNull();
    expect(await recognize(line({ amountMinor: -amount, valueDate: new Date("2026-09-11"), counterpartyName: "STRIPE" }))).toBeNull();
    expect(await recognize(line({ amountMinor: amount, valueDate: new Date("2026-09-12"), counterpartyName: "Stripe Payments Europe", bankReference: "X9" }))).toMatchObject({ processorPayoutId: po.id });
  });

  it("does not recognise a failed payout", async () => {
    const po = payoutObject({ id: stripeId("po"), amount: 7_777, currency: "usd", arrivalDate: new Date("2026-08-01"), status: "failed" });
    await deliver(stripeEvent("payout.failed", po));
    expect(await recognize(line({ amountMinor: 7_777n, valueDate: new Date("2026-08-01"), remittance: po.id }))).toBeNull();
  });
});
