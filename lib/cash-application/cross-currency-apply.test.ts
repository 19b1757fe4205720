// The pipeline applies a EUR invoice with a USD receipt (US01, functional USD) when the entity's policy allows it:
// the invoice is cleared in EUR, the application keeps the rate and both functional values, the timeline's
// cash.applied step carries the FX details, and the journal (in USD) books the realised FX loss on the entity's
// FX loss account. Hand-computed: USD 1,080.00 at 1/1.08 = EUR 1,000.00; booked EUR 1,000.00 × 1.10 = USD 1,100.00.
import { afterAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { applyReceipts } from "./apply-receipts.ts";
import { reverseApplication } from "../exceptions/reverse-application.ts";
import { actor } from "../exceptions/test-fixtures.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));

async function world(crossCurrency: boolean) {
  const w = await seedMiniWorld();
  const db = getDb();
  await db.fxRate.createMany({ data: [
    { day: new Date("2026-10-01"), base: "EUR", quote: "USD", rate: "1.1000", source: "ECB" },
    { day: new Date("2026-11-20"), base: "EUR", quote: "USD", rate: "1.0800", source: "ECB" },
    { day: new Date("2026-11-23"), base: "EUR", quote: "USD", rate: "1.5000", source: "ECB" }, // after the value date: never used
  ], skipDuplicates: true });
  const invoice = await db.invoice.create({ data: { entityId: w.entity.id, customerId: w.customer.id, number: "INV-EU-000501", currency: "EUR", amountMinor: 100_000n, openAmountMinor: 100_000n, issueDate: new Date("2026-10-01"), dueDate: new Date("2026-10-31"), sourceSystem: "test", sourceId: `eu-${crossCurrency}` } });
  const receipt = await db.receipt.create({ data: {
    id: `fx_${crossCurrency}`, entityId: w.entity.id, bankAccountId: w.bank.id, currency: "USD", amountMinor: 108_000n, unappliedMinor: 108_000n, valueDate: new Date("2026-11-21"), channel: "WIRE",
    payerName: "ACME WIDGETS", remittance: "INV-EU-000501", bankReference: `BRFX${crossCurrency}`, naturalKey: `t:fx:${crossCurrency}`, sourceSystem: "bank", sourceId: `fx${crossCurrency}` } });
  return { ...w, invoice, receipt };
}

describe("cross-currency application in the pipeline", () => {
  it("stays CURRENCY_MISMATCH without the policy flag; with it: invoice cleared in EUR, rate stored, FX on the timeline, realised FX loss booked", async () => {
    const w = await world(false);
    expect(await applyReceipts([w.receipt.id], "new", "c")).toMatchObject({ exception: 1 });
    expect((await getDb().exceptionCase.findFirstOrThrow({ where: { receiptId: w.receipt.id } })).code).toBe("CURRENCY_MISMATCH");
    expect((await getDb().invoice.findUniqueOrThrow({ where: { id: w.invoice.id } })).openAmountMinor).toBe(100_000n);

    // The entity's policy allows it now: the engine's re-decision of open exceptions applies it.
    await getDb().matchingPolicy.create({ data: { entityId: w.entity.id, version: 1, policy: { crossCurrency: { enabled: true } } } });
    const counts = await applyReceipts([w.receipt.id], "retry", "c-fx");
    const decision = (await getDb().receipt.findUniqueOrThrow({ where: { id: w.receipt.id } })).matchDecision as { reasons: string[] };
    expect(counts, decision.reasons.join("; ")).toMatchObject({ applied: 1 });
    expect(await getDb().invoice.findUniqueOrThrow({ where: { id: w.invoice.id } })).toMatchObject({ openAmountMinor: 0n, status: "PAID" });
    const [app] = await getDb().application.findMany({ where: { receiptId: w.receipt.id } });
    expect(app).toMatchObject({
      kind: "INVOICE", amountMinor: 108_000n, currency: "USD", fxInvoiceCurrency: "EUR", fxInvoiceAmountMinor: 100_000n, fxRate: "0.9259259259",
      fxRateDate: new Date("2026-11-20"), fxFunctionalCurrency: "USD", fxFunctionalMinor: 108_000n, fxBookedFunctionalMinor: 110_000n,
    });
    const applied = await getDb().workflowEvent.findFirstOrThrow({ where: { receiptId: w.receipt.id, type: "cash.applied" } });
    expect(applied.payload).toMatchObject({ fx: { rate: "0.9259259259", rate_date: "2026-11-20", invoice_currency: "EUR", converted_amount: "1000.00" } });
    expect((await getDb().exceptionCase.findFirstOrThrow({ where: { receiptId: w.receipt.id } })).status).toBe("RESOLVED");
    const entry = await getDb().journalEntry.findFirstOrThrow({ where: { receiptId: w.receipt.id }, include: { lines: true } });
    expect(entry.currency).toBe("USD");
    expect(entry.lines.map((l) => [l.account, l.debitMinor, l.creditMinor])).toEqual([["1010", 108_000n, 0n], ["1200", 0n, 110_000n], ["6860", 2_000n, 0n]]);
    expect(entry.lines[1]!.description).toMatch(/EUR 1000.00 paid with USD 1080.00 at 0.9259259259 \(2026-11-20\)/);

    // Unapply: the invoice gets its EUR 1,000.00 back (not USD 1,080.00), the cash is unapplied again, and the
    // revision stays in the functional currency and reverses the receivable and the FX loss.
    const analyst = await getDb().user.create({ data: { email: "fx-analyst@test.dev", name: "FX Analyst", role: "AR_ANALYST", passwordHash: "x" } });
    const version = (await getDb().receipt.findUniqueOrThrow({ where: { id: w.receipt.id } })).version;
    await reverseApplication(actor(analyst), app!.id, { receiptVersion: version, reason: "wrong invoice picked" });
    expect(await getDb().invoice.findUniqueOrThrow({ where: { id: w.invoice.id } })).toMatchObject({ openAmountMinor: 100_000n, status: "OPEN" });
    expect((await getDb().receipt.findUniqueOrThrow({ where: { id: w.receipt.id } })).unappliedMinor).toBe(108_000n);
    const revision = await getDb().journalEntry.findFirstOrThrow({ where: { receiptId: w.receipt.id, idempotencyKey: { endsWith: ":v2" } }, include: { lines: true } });
    expect(revision.currency).toBe("USD");
    expect(revision.lines.map((l) => [l.account, l.debitMinor, l.creditMinor]).sort()).toEqual([["1200", 110_000n, 0n], ["2400", 0n, 108_000n], ["6860", 0n, 2_000n]]);
  });
});
