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
    expect(await checkDatabaseInvariants(getDb())).toEqual({ twoActiveCases: [], futureTimestamps: [], overApplied: [] });

    await getDb().application.create({ data: { receiptId: receipt.id, invoiceId: invoice.id, customerId: world.customer.id, kind: "INVOICE", amountMinor: 1n, currency: "USD", appliedByType: "engine" } });
    await getDb().receipt.update({ where: { id: receipt.id }, data: { stateChangedAt: new Date(Date.now() + 3_600_000) } });
    const found = await checkDatabaseInvariants(getDb());
    expect(found.overApplied).toEqual([invoice.id]);
    expect(found.futureTimestamps).toHaveLength(1);
    expect(found.futureTimestamps[0]).toMatch(/^receipts: /);
  });
});
