// A person's cross-currency application against the real database: the preview shows both currencies, the rate
// (day, source) and the realised FX; applying writes the fx values, clears the EUR invoice in its own currency,
// settles the USD receipt with a balanced journal carrying the realised FX line, a timeline event and an audit row;
// the policy (off by default, per customer) and the functional-currency tolerance are enforced.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { applyCrossCurrency, previewCrossCurrency } from "./apply-cross-currency.ts";
import { actor, journalsBalanced, makeReceipt, reload, reloadInvoice, seedWorld, type World } from "./test-fixtures.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));
let w: World;
let seq = 0;

beforeAll(async () => {
  w = await seedWorld();
  await getDb().fxRate.createMany({ data: [
    { day: new Date("2026-10-01"), base: "EUR", quote: "USD", rate: "1.08", source: "ECB" },
    { day: new Date("2026-10-30"), base: "EUR", quote: "USD", rate: "1.10", source: "ECB" },
  ] });
});

async function eurInvoice(amountMinor: bigint, customerId = w.acme.id) {
  return getDb().invoice.create({ data: {
    entityId: w.entity.id, customerId, number: `INV-EU-${++seq}-${Date.now()}`, currency: "EUR", amountMinor, openAmountMinor: amountMinor, status: "OPEN",
    issueDate: new Date("2026-10-01"), dueDate: new Date("2026-10-31"), sourceSystem: "billing", sourceId: `eu-${seq}-${Date.now()}`,
  } });
}
const setPolicy = async (crossCurrency: { enabled: boolean; customers?: string[]; maxAbsolute: string; maxBasisPoints: number }) => {
  const version = (await getDb().matchingPolicy.count({ where: { entityId: w.entity.id } })) + 1;
  await getDb().matchingPolicy.updateMany({ where: { entityId: w.entity.id }, data: { active: false } });
  await getDb().matchingPolicy.create({ data: { entityId: w.entity.id, version, policy: { crossCurrency } } });
};

describe("cross-currency application by a person", () => {
  it("is refused, naming the policy, while the entity's policy forbids it; nothing is written", async () => {
    const inv = await eurInvoice(100_000n);
    const { receipt } = await makeReceipt(w, { amountMinor: 110_000n });
    const err = await previewCrossCurrency(receipt.id, { invoice: inv.number }).catch((e) => e);
    expect(err.problem).toMatchObject({ status: 422 });
    expect(err.problem.detail).toMatch(/cross-currency application is off for .*policy forbids applying USD to EUR invoices/);
    await expect(applyCrossCurrency(actor(w.analyst), receipt.id, { receiptVersion: 0, invoiceId: inv.id, amount: "1100.00", rate: "0.9090909091" })).rejects.toMatchObject({ problem: { status: 422 } });
    expect(await reloadInvoice(inv.id)).toMatchObject({ openAmountMinor: 100_000n, status: "OPEN" });
  });

  it("previews and applies a USD receipt to a EUR invoice: both amounts, the rate, realised FX in the journal, timeline and audit", async () => {
    await setPolicy({ enabled: true, maxAbsolute: "25.00", maxBasisPoints: 50 });
    const inv = await eurInvoice(100_000n);
    const { receipt, kase } = await makeReceipt(w, { amountMinor: 110_050n });
    const shown = await previewCrossCurrency(receipt.id, { invoice: inv.number });
    // 1 USD = 1/1.10 EUR (inverse of the ECB's EUR/USD of 30 Oct, the last before the 2 Nov value date).
    expect(shown).toMatchObject({
      invoiceId: inv.id, receiptAmount: "1100.50", receiptCurrency: "USD", invoiceAmount: "1000.00", invoiceCurrency: "EUR", clearsInvoice: true, invoiceOpenAfter: "0.00",
      rate: "0.9090909091", rateDate: "2026-10-30", rateSource: "ECB (inverse of EUR/USD)", convertedAmount: "1000.45",
      functionalCurrency: "USD", realisedFx: "20.50", tolerance: "25.00",
    });
    const res = await applyCrossCurrency(actor(w.analyst), receipt.id, { receiptVersion: 0, invoiceId: inv.id, amount: shown.receiptAmount, rate: shown.rate, note: "EUR invoice paid in USD" });
    expect(res).toMatchObject({ outcome: "applied", receiptState: "APPLIED", unapplied: "0.00" });
    expect(res.message).toMatch(/realised FX 20\.50 USD/);
    expect(await reloadInvoice(inv.id)).toMatchObject({ openAmountMinor: 0n, status: "PAID" });
    expect(await reload(receipt.id)).toMatchObject({ state: "APPLIED", unappliedMinor: 0n, customerId: w.acme.id });
    const app = await getDb().application.findFirstOrThrow({ where: { receiptId: receipt.id } });
    expect(app).toMatchObject({ amountMinor: 110_050n, currency: "USD", fxInvoiceCurrency: "EUR", fxInvoiceAmountMinor: 100_000n, fxRate: "0.9090909091", fxFunctionalMinor: 110_050n, fxBookedFunctionalMinor: 108_000n });
    expect(await journalsBalanced(receipt.id)).toEqual({ entries: 1, balanced: true });
    const lines = await getDb().journalLine.findMany({ where: { entry: { receiptId: receipt.id } } });
    expect(lines).toEqual(expect.arrayContaining([expect.objectContaining({ account: "7810", creditMinor: 2_050n, description: "Realised FX gain USD 20.50" })]));
    const ev = await getDb().workflowEvent.findFirstOrThrow({ where: { receiptId: receipt.id, type: "cash.applied" } });
    expect(ev.payload).toMatchObject({ fx: { invoice_currency: "EUR", rate: "0.9090909091", rate_date: "2026-10-30", converted_amount: "1000.45", difference_functional: "20.50" } });
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { targetId: receipt.id, action: "receipt.applied_cross_currency" } });
    expect(audit.details).toMatchObject({ invoiceAmount: "1000.00", rate: "0.9090909091", realisedFx: "20.50", caseId: kase!.id });
  });

  it("applies part of an invoice below the tolerance, refuses too much and a stale rate, and keeps per-customer policy", async () => {
    const inv = await eurInvoice(200_000n);
    const { receipt } = await makeReceipt(w, { amountMinor: 110_000n });
    const part = await previewCrossCurrency(receipt.id, { invoice: inv.number });
    expect(part).toMatchObject({ invoiceAmount: "1000.00", clearsInvoice: false, invoiceOpenAfter: "1000.00", realisedFx: "20.00" });
    const small = await eurInvoice(90_000n);
    const over = await previewCrossCurrency(receipt.id, { invoice: small.number }).catch((e) => e);
    expect(over.problem).toMatchObject({ status: 409 });
    expect(over.problem.detail).toMatch(/beyond the tolerance \(25\.00 USD, 50 bp\): apply about 990\.00 USD/);
    const stale = await applyCrossCurrency(actor(w.analyst), receipt.id, { receiptVersion: 0, invoiceId: inv.id, amount: "1100.00", rate: "0.92" }).catch((e) => e);
    expect(stale.problem).toMatchObject({ status: 409 });
    expect(stale.problem.detail).toMatch(/rate that applies is now 0\.9090909091/);
    await applyCrossCurrency(actor(w.analyst), receipt.id, { receiptVersion: 0, invoiceId: inv.id, amount: "1100.00", rate: part.rate });
    expect(await reloadInvoice(inv.id)).toMatchObject({ openAmountMinor: 100_000n, status: "PARTIALLY_PAID" });

    await setPolicy({ enabled: true, customers: [w.acme.id], maxAbsolute: "25.00", maxBasisPoints: 50 });
    const globexInv = await eurInvoice(100_000n, w.globex.id);
    const { receipt: r2 } = await makeReceipt(w, { amountMinor: 110_000n });
    const refused = await previewCrossCurrency(r2.id, { invoice: globexInv.number }).catch((e) => e);
    expect(refused.problem.detail).toMatch(/not allowed for the customer of invoice/);
  });
});
