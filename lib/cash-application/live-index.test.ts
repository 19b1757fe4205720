import { describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedInvoice, seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { liveIndexFor, resyncInvoices } from "./live-index.ts";

useFreshDatabase();

const openOf = (index: Awaited<ReturnType<typeof liveIndexFor>>, id: string) => {
  const idx = index.invoiceIndex(id);
  return idx === undefined ? undefined : index.invoices[idx]!.open;
};

describe("live match index", () => {
  it("is built once and kept current: new invoices added, balances followed, voids rebuild it, learned payers count at once", async () => {
    const world = await seedMiniWorld();
    const a = await seedInvoice(world, 10_000n);
    const index = await liveIndexFor(world.entity.id, "US01");
    expect(openOf(index, a.id)).toBe(10_000n);

    const b = await seedInvoice(world, 20_000n);
    await getDb().invoice.update({ where: { id: a.id }, data: { openAmountMinor: 4_000n, status: "PARTIALLY_PAID" } });
    const same = await liveIndexFor(world.entity.id, "US01");
    expect(same).toBe(index); // updated in place, not rebuilt
    expect(openOf(same, a.id)).toBe(4_000n);
    expect(openOf(same, b.id)).toBe(20_000n);

    await getDb().invoice.update({ where: { id: b.id }, data: { status: "VOID" } });
    const rebuilt = await liveIndexFor(world.entity.id, "US01");
    expect(rebuilt).not.toBe(index);
    expect(openOf(rebuilt, b.id)).toBeUndefined();
    expect(openOf(rebuilt, a.id)).toBe(4_000n);

    await getDb().learnedPayer.create({ data: { customerId: world.customer.id, payerName: "A W HOLDINGS LLC" } });
    const taught = await liveIndexFor(world.entity.id, "US01");
    expect(taught).not.toBe(rebuilt);
  });

  it("resync takes the database's balances back after a job's tentative decisions", async () => {
    const world = await seedMiniWorld("r");
    const inv = await seedInvoice(world, 50_000n);
    const index = await liveIndexFor(world.entity.id, "US01");
    index.invoices[index.invoiceIndex(inv.id)!]!.open = 0n; // what a decision that was never written leaves behind
    await resyncInvoices(world.entity.id, [inv.id]);
    expect(openOf(index, inv.id)).toBe(50_000n);
  });
});
