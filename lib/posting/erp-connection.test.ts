// The posting pipeline through the adapter registry: each entity posts to its own connection (or ERP_URL as Oracle
// without one), a changed connection reaches the pipeline (at once in-process, by its version elsewhere), and the
// posting date follows the ERP's open periods — chosen once, kept across retries, the move audited and on the timeline.
process.env.CASHLINE_ENCRYPTION_KEY ??= "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedAppliedReceipt, seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { env } from "../env.ts";
import { startErpSim, type ErpSim } from "../erp-sim/server.ts";
import { getLedger, setFaults } from "../erp-sim/sim-control.ts";
import { stopBoss } from "../jobs/boss.ts";
import { createOracleAdapter } from "../erp/oracle/adapter.ts";
import type { ErpPeriod } from "../erp/adapter.ts";
import { saveErpConnection } from "../erp-connections/save-erp-connection.ts";
import { requestErpPosting } from "./request-erp-posting.ts";
import { postJournalEntries } from "./post-journal-entries.ts";
import { erpConnections, invalidateErpAdapters, singleErpConnection, type ErpConnections } from "./erp-connection.ts";

useFreshDatabase();
let a: ErpSim;
let b: ErpSim;
const admin = { id: "usr_admin", email: "admin@example.test" };
beforeAll(async () => {
  [a, b] = await Promise.all([startErpSim({ seed: 1 }), startErpSim({ seed: 2 })]);
  env().ERP_URL = b.url; // the fallback for entities without a connection
  invalidateErpAdapters();
});
afterAll(async () => { await Promise.all([a.close(), b.close()]); await stopBoss({ graceful: false }); });

async function secondWorld() {
  const db = getDb();
  const entity = await db.legalEntity.create({ data: { id: "t2_ent", code: "DE01", name: "Test GmbH", country: "DE", functionalCurrency: "USD" } });
  const bank = await db.bankAccount.create({ data: { id: "t2_bank", entityId: entity.id, bankName: "Bank", accountNumber: "DE000111", currency: "USD", name: "Op", glAccount: "1010" } });
  const customer = await db.customer.create({ data: { id: "t2_cus", entityId: entity.id, erpAccountNumber: "C-200", name: "Kunde GmbH", aliases: [], payerAccounts: [] } });
  return { entity, bank, customer };
}
async function post(worlds: Awaited<ReturnType<typeof seedMiniWorld>>[], amount: bigint, conns: ErpConnections) {
  const receipts = await Promise.all(worlds.map((w, i) => seedAppliedReceipt(w, amount + BigInt(i))));
  const ids = await Promise.all(receipts.map(({ receipt }) => getDb().$transaction((tx) => requestErpPosting(tx, { receiptId: receipt.id })).then((id) => id!)));
  const results = await postJournalEntries(ids.map((id) => ({ journalEntryId: id, correlationId: `cid-${id}`, finalAttempt: false })), conns);
  return { ids, results, receipts: receipts.map((r) => r.receipt) };
}
const numbers = async (sim: ErpSim) => (await getLedger(sim.url)).receipts.map((r) => r.ReceiptNumber);

describe("posting through per-entity connections", () => {
  it("each entity posts to its connection, one without a connection to ERP_URL; a change reaches the pipeline", async () => {
    const us = await seedMiniWorld();
    const de = await secondWorld();
    await saveErpConnection("US01", { kind: "oracle", baseUrl: a.url }, admin);
    const first = await post([us, de], 10_000n, erpConnections());
    expect([...first.results.values()].map((r) => r.status)).toEqual(["posted", "posted"]);
    expect(await numbers(a)).toEqual([`CL-${first.receipts[0]!.id}`]);
    expect(await numbers(b)).toEqual([`CL-${first.receipts[1]!.id}`]);

    // Changed on the admin page in this process: the next posting uses it at once.
    await saveErpConnection("US01", { kind: "oracle", baseUrl: b.url }, admin);
    const second = await post([us], 11_000n, erpConnections());
    expect(await numbers(b)).toContain(`CL-${second.receipts[0]!.id}`);

    // Changed by another process (only the row and its version): seen within the refresh interval.
    await getDb().erpConnection.update({ where: { entityId: us.entity.id }, data: { baseUrl: a.url, version: { increment: 1 } } });
    await new Promise((r) => setTimeout(r, 2100));
    const third = await post([us], 12_000n, erpConnections());
    expect(await numbers(a)).toContain(`CL-${third.receipts[0]!.id}`);
  });

  it("an entity whose connection cannot be built fails its postings for a person to see, not the others'", async () => {
    const us = await seedMiniWorld();
    const de = await getDb().legalEntity.findUniqueOrThrow({ where: { code: "DE01" }, include: { bankAccounts: true, customers: true } });
    await getDb().erpConnection.update({ where: { entityId: us.entity.id }, data: { credentialsSealed: "sb1.deadbeef.x.y.z", version: { increment: 1 } } });
    invalidateErpAdapters();
    const { results, receipts } = await post([us, { entity: de, bank: de.bankAccounts[0]!, customer: de.customers[0]! }], 13_000n, erpConnections());
    const [usResult, deResult] = [...results.values()];
    expect(usResult).toMatchObject({ status: "error" });
    expect(deResult).toEqual({ status: "posted" });
    expect((await getDb().receipt.findUniqueOrThrow({ where: { id: receipts[0]!.id } })).state).toBe("POSTING_FAILED");
    await getDb().erpConnection.update({ where: { entityId: us.entity.id }, data: { credentialsSealed: null, version: { increment: 1 } } });
  });
});

describe("posting dates follow the ERP's open periods", () => {
  const periods: ErpPeriod[] = [
    { name: "NOV-26", start: "2026-11-01", end: "2026-11-30", open: false },
    { name: "DEC-26", start: "2026-12-01", end: "2026-12-31", open: true },
  ];
  const withPeriods = (p: () => ErpPeriod[]) => {
    const oracle = createOracleAdapter({ kind: "oracle", baseUrl: a.url, credentials: {}, timeoutMs: 2000 });
    return singleErpConnection({ ...oracle, readPeriods: async () => p() });
  };

  it("a value date in a closed period posts on the first day of the next open one, audited and on the timeline; a retry keeps it", async () => {
    const us = await seedMiniWorld();
    let current = periods;
    const conns = withPeriods(() => current);
    await setFaults(a.url, { maintenance_seconds: 30 }); // the first attempt fails after the date was chosen
    const { ids, receipts, results } = await post([us], 20_000n, conns);
    expect([...results.values()][0]).toMatchObject({ status: "error" });
    const receipt = receipts[0]!;
    expect(receipt.valueDate.toISOString().slice(0, 10)).toBe("2026-11-02");
    expect((await getDb().journalEntry.findUniqueOrThrow({ where: { id: ids[0]! } })).erpPostingDate?.toISOString().slice(0, 10)).toBe("2026-12-01");
    // The ERP reopens November meanwhile: the retry still sends the date chosen first (same bytes, same key).
    current = periods.map((p) => ({ ...p, open: true }));
    await setFaults(a.url, {});
    expect((await postJournalEntries([{ journalEntryId: ids[0]!, correlationId: "cid-retry", finalAttempt: false }], conns)).get(ids[0]!)).toEqual({ status: "posted" });
    const booked = (await getLedger(a.url)).receipts.find((r) => r.ReceiptNumber === `CL-${receipt.id}`);
    expect(booked?.ReceiptDate).toBe("2026-12-01");
    const moved = await getDb().workflowEvent.findMany({ where: { receiptId: receipt.id, type: "posting.date_moved" } });
    expect(moved).toHaveLength(1);
    expect(moved[0]!.payload).toMatchObject({ from: "2026-11-02", to: "2026-12-01", closedPeriod: "NOV-26", openPeriod: "DEC-26" });
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { action: "erp.posting_date_moved", targetId: receipt.id } });
    expect(audit.details).toMatchObject({ from: "2026-11-02", to: "2026-12-01", closedPeriod: "NOV-26" });
  });

  it("an adapter without periods (readPeriods not_supported) posts on the value date, with no note", async () => {
    const us = await seedMiniWorld();
    const conns = singleErpConnection(createOracleAdapter({ kind: "oracle", baseUrl: a.url, credentials: {}, timeoutMs: 2000 }));
    const { receipts } = await post([us], 30_000n, conns);
    const booked = (await getLedger(a.url)).receipts.find((r) => r.ReceiptNumber === `CL-${receipts[0]!.id}`);
    expect(booked?.ReceiptDate).toBe("2026-11-02");
    expect(await getDb().workflowEvent.count({ where: { receiptId: receipts[0]!.id, type: "posting.date_moved" } })).toBe(0);
  });

  it("no open period after a closed one: POSTING_FAILED naming the period, nothing sent", async () => {
    const us = await seedMiniWorld();
    const before = (await getLedger(a.url)).counts.receipts;
    const { receipts, results } = await post([us], 40_000n, withPeriods(() => periods.map((p) => ({ ...p, open: false }))));
    expect(String(([...results.values()][0] as { error: Error }).error.message)).toMatch(/NOV-26 .*closed/);
    expect((await getDb().receipt.findUniqueOrThrow({ where: { id: receipts[0]!.id } })).state).toBe("POSTING_FAILED");
    expect((await getLedger(a.url)).counts.receipts).toBe(before);
  });
});
