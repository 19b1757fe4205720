// The invariant check itself must be able to fail: it names an over-applied invoice and a timestamp in the future.
import { describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedAppliedReceipt, seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { checkDatabaseInvariants } from "./check-database-invariants.ts";

useFreshDatabase();

describe("database invariants check", () => {
  it("passes on consistent data and names what breaks an invariant", async () => {
    const world = await seedMiniWorld("inv");
    const { receipt, invoice } = await seedAppliedReceipt(world, 10_000n);
    expect(await checkDatabaseInvariants(getDb())).toEqual({ twoActiveCases: [], futureTimestamps: [], overApplied: [], rollupDrift: [] });

    await getDb().application.create({ data: { receiptId: receipt.id, invoiceId: invoice.id, customerId: world.customer.id, kind: "INVOICE", amountMinor: 1n, currency: "USD", appliedByType: "engine" } });
    await getDb().receipt.update({ where: { id: receipt.id }, data: { stateChangedAt: new Date(Date.now() + 3_600_000) } });
    const found = await checkDatabaseInvariants(getDb());
    expect(found.overApplied).toEqual([invoice.id]);
    expect(found.futureTimestamps).toHaveLength(1);
    expect(found.futureTimestamps[0]).toMatch(/^receipts: /);
  });

  it("counts a cross-currency application in the invoice's own money: USD 1,085.00 paying a EUR 997.00 invoice in full is not over-applied", async () => {
    const world = await seedMiniWorld("fx");
    const { receipt } = await seedAppliedReceipt(world, 1_000n);
    const eur = await getDb().invoice.create({ data: { entityId: world.entity.id, customerId: world.customer.id, number: "INV-EUR-1", currency: "EUR", amountMinor: 99_700n, openAmountMinor: 0n, issueDate: new Date("2026-10-01"), dueDate: new Date("2026-10-31"), sourceSystem: "test", sourceId: "INV-EUR-1", status: "PAID" } });
    const fx = { receiptId: receipt.id, invoiceId: eur.id, customerId: world.customer.id, kind: "INVOICE" as const, amountMinor: 108_500n, currency: "USD", appliedByType: "user", fxInvoiceCurrency: "EUR", fxInvoiceAmountMinor: 99_700n };
    await getDb().application.create({ data: fx });
    expect((await checkDatabaseInvariants(getDb())).overApplied).not.toContain(eur.id); // (the first test's invoice is still there)
    await getDb().application.create({ data: { ...fx, amountMinor: 100n, fxInvoiceAmountMinor: 1n } });
    expect((await checkDatabaseInvariants(getDb())).overApplied).toContain(eur.id);
  });
});
