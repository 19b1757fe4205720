process.env.CASHLINE_ENCRYPTION_KEY ??= "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedAppliedReceipt, seedInvoice, seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { startBcSim, type BcSim } from "../erp-sim/bc/index.ts";
import { createErpAdapter } from "../erp/adapters.ts";
import { loadErpConnection } from "../erp-connections/load-erp-connection.ts";
import { syncErpEntity } from "../erp-sync/sync-erp-entity.ts";
import { ensureDemoErpConnections } from "./demo-erp-connections.ts";
import { primeEntityErp } from "./prime-demo-erps.ts";
import { requestErpPosting } from "../posting/request-erp-posting.ts";
import { stopBoss } from "../jobs/boss.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));

// Business Central is the hard case: it numbers invoices itself (ours is the external document number) and applies
// payments to its own numbers.
describe("priming an entity's ERP (Business Central simulator)", () => {
  let sim: BcSim;
  beforeAll(async () => { sim = await startBcSim({ companies: ["US01"], companyCurrencies: { US01: "USD" } }); });
  afterAll(() => sim?.close());

  it("customers ensured, open invoices published with BC's number stored back, earlier payments settled; a sync then finds no new invoice and no drift", async () => {
    const db = getDb();
    const world = await seedMiniWorld();
    await ensureDemoErpConnections(db, () => sim.url, { US01: "bc" });
    const open = await seedInvoice(world, 10_000n, "INV-P-1");
    const partly = await seedInvoice(world, 25_000n, "INV-P-2");
    await db.invoice.update({ where: { id: partly.id }, data: { openAmountMinor: 5_000n, status: "PARTIALLY_PAID" } }); // 200.00 paid before
    const paid = await seedInvoice(world, 7_000n, "INV-P-3");
    await db.invoice.update({ where: { id: paid.id }, data: { openAmountMinor: 0n, status: "PAID" } }); // settled long ago: not needed in the ERP
    // Paid by a receipt whose posting is on its way: still open in the ERP.
    const { invoice: onItsWay, receipt } = await seedAppliedReceipt(world, 3_000n);
    await db.$transaction((tx) => requestErpPosting(tx, { receiptId: receipt.id, correlationId: "prime-test" }));

    const result = await primeEntityErp(world.entity);
    expect(result).toMatchObject({ entity: "US01", kind: "bc", customers: 1, published: 3, settled: 1, failures: [] });

    const stored = await db.invoice.findMany({ where: { id: { in: [open.id, partly.id, onItsWay.id, paid.id] } }, orderBy: { number: "asc" } });
    const published = stored.filter((i) => i.erpDocumentNumber);
    expect(published.map((i) => i.number).sort()).toEqual([open.number, partly.number, onItsWay.number].sort());
    expect(published.every((i) => i.erpDocumentNumber !== i.number)).toBe(true); // BC's own numbers

    const conn = (await loadErpConnection(world.entity.id))!;
    const erp = createErpAdapter({ kind: "bc", baseUrl: conn.baseUrl, credentials: conn.credentials });
    const erpOpen = new Map((await erp.readOpenReceivables({ entity: "US01", modifiedSince: null })).items.map((i) => [i.invoiceNumber, i.openAmount]));
    const byNumber = new Map(stored.map((i) => [i.number, i.erpDocumentNumber!]));
    expect(erpOpen.get(byNumber.get(open.number)!)).toBe("100.00");
    expect(erpOpen.get(byNumber.get(partly.number)!)).toBe("50.00");
    expect(erpOpen.get(byNumber.get(onItsWay.number)!)).toBe("30.00");

    // Priming again (the next demo start) publishes nothing twice.
    expect(await primeEntityErp(world.entity)).toMatchObject({ published: 3, settled: 0, failures: [] });
    expect((await erp.readOpenReceivables({ entity: "US01", modifiedSince: null })).items).toHaveLength(3);

    const before = await db.invoice.count();
    const sync = await syncErpEntity(world.entity, erp);
    expect(sync.receivables).toMatchObject({ read: 3, inserted: 0, updated: 3 });
    expect(await db.invoice.count()).toBe(before);
    expect(sync.drift).toMatchObject({ opened: 0, inFlight: 1 });
    expect((await db.invoice.findUniqueOrThrow({ where: { id: partly.id } })).erpOpenAmountMinor).toBe(5_000n);
  }, 60_000);
});
