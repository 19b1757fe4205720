// The book-of-record jobs in a real worker process against the simulated Oracle ERP: a sync asked for on demand
// brings an invoice keyed in the ERP into Cashline, and a billing invoice goes out to the ERP — with the ERP failing
// requests and dropping answers after committing — exactly once, its document number stored back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../lib/testing/test-database.ts";
import { seedConnectorWorld } from "../lib/testing/seed-connector-world.ts";
import { spawnWorker, waitFor, type SpawnedWorker } from "../lib/testing/spawn-worker.ts";
import { getDb } from "../lib/db/client.ts";
import { startErpSim, type ErpSim } from "../lib/erp-sim/server.ts";
import { getLedger, setFaults } from "../lib/erp-sim/sim-control.ts";
import { stopBoss } from "../lib/jobs/boss.ts";
import { requestErpSync } from "../lib/erp-sync/request-erp-sync.ts";
import { requestInvoicePublication } from "../lib/erp-sync/request-invoice-publication.ts";

const database = useFreshDatabase();
let sim: ErpSim;
let worker: SpawnedWorker | undefined;
beforeAll(async () => {
  sim = await startErpSim({ seed: 21 });
  await seedConnectorWorld();
  worker = await spawnWorker({ DATABASE_URL: database.url(), ERP_URL: sim.url, LOG_LEVEL: "warn", ERP_BREAKER_COOLDOWN_MS: "200" });
});
afterAll(async () => { await worker?.kill(); await sim.close(); await stopBoss({ graceful: false }); });

describe("ERP book-of-record jobs in the worker", () => {
  it("syncs on demand and publishes a billing invoice exactly once through ERP faults", async () => {
    await fetch(`${sim.url}/__sim/invoices`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ TransactionNumber: "KEYED-1", BusinessUnit: "US01", BillToCustomerNumber: "C-US01", InvoiceCurrencyCode: "USD", Amount: "321.00" }) });
    await requestErpSync({ entity: "US01" });
    await waitFor(async () => (await getDb().invoice.count({ where: { number: "KEYED-1", erpDocumentId: { not: null } } })) === 1, 30_000, "the ERP invoice in Cashline");

    const inv = await getDb().invoice.create({ data: { entityId: "ent_us", customerId: "cust_US01", number: "BILL-9", currency: "USD", amountMinor: 99_900n, openAmountMinor: 99_900n, issueDate: new Date("2026-11-20"), dueDate: new Date("2026-12-20"), sourceSystem: "billing", sourceId: "binv_9" } });
    await setFaults(sim.url, { error_ratio: 0.3, drop_after_commit_ratio: 0.5 });
    await getDb().$transaction((tx) => requestInvoicePublication(tx, inv.id, "cid-worker-pub"));
    await waitFor(async () => !!(await getDb().invoice.findUniqueOrThrow({ where: { id: inv.id } })).erpDocumentNumber, 60_000, "the ERP document number on the invoice");
    await setFaults(sim.url, {});
    const booked = (await getLedger(sim.url)).invoices.filter((i) => i.TransactionNumber === "BILL-9");
    expect(booked).toHaveLength(1);
    expect((await getDb().invoice.findUniqueOrThrow({ where: { id: inv.id } })).erpDocumentNumber).toBe(String(booked[0]!.DocumentNumber));
  });
});
