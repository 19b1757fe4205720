// Two posters of one journal entry at once (pg-boss handing an expired job to a second worker while the first still
// runs) against an ERP without idempotency keys: SAP, whose adapter looks the receipt up before posting. With a
// little latency both look-ups come back empty; the claim lets only one of them post.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedAppliedReceipt, seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { startSapSim, type SapSim } from "../erp-sim/sap/index.ts";
import { getSapLedger, seedSapCustomers, seedSapInvoices } from "../erp-sim/sap/sim-control.ts";
import { setFaults } from "../erp-sim/sim-control.ts";
import { sapAdapter } from "../erp/sap/test-fixture.ts";
import { fromMinor } from "../money/money.ts";
import { RetryableJobError } from "../jobs/errors.ts";
import { singleErpConnection } from "./erp-connection.ts";
import { requestErpPosting } from "./request-erp-posting.ts";
import { postJournalEntry } from "./post-journal-entry.ts";
import { claimForPosting } from "./posting-claims.ts";

useFreshDatabase();
let sim: SapSim;
beforeAll(async () => {
  sim = await startSapSim({ rateLimitPerSecond: null, seed: 3 });
  await seedSapCustomers(sim.url, [{ customer: "C-100", name: "Acme Widgets Inc.", companyCodes: ["US01"] }]);
});
afterAll(async () => { await sim?.close(); });

async function appliedReceiptInSap(amountMinor: bigint) {
  const world = await seedMiniWorld();
  const { receipt, invoice } = await seedAppliedReceipt(world, amountMinor);
  await seedSapInvoices(sim.url, [{ invoiceNumber: invoice.number, customer: "C-100", companyCode: "US01", currency: "USD", amount: fromMinor(amountMinor, "USD"), issueDate: "2026-10-01" }]);
  const entryId = (await getDb().$transaction((tx) => requestErpPosting(tx, { receiptId: receipt.id })))!;
  return { receipt, invoice, entryId };
}

const ctx = () => ({ correlationId: "cid-claims", finalAttempt: false, erp: singleErpConnection(sapAdapter(sim.url, { timeoutMs: 5000 })) });

describe("posting claims", () => {
  it("the hazard: two look-up-then-post calls for one receipt at once book it twice in SAP", async () => {
    await setFaults(sim.url, { latency_ms: 300 });
    const adapter = sapAdapter(sim.url, { timeoutMs: 5000 });
    await seedSapInvoices(sim.url, [{ invoiceNumber: "HAZ-1", customer: "C-100", companyCode: "US01", currency: "USD", amount: "10.00", issueDate: "2026-10-01" }]);
    const posting = { idempotencyKey: "k-haz", receiptNumber: "HAZARD-1", date: "2026-11-02", amount: "10.00", currency: "USD", entity: "US01", bankAccount: "000111222333", customerAccount: "C-100", applications: [{ type: "ON_ACCOUNT" as const, amount: "10.00" }] };
    await Promise.allSettled([adapter.postReceipt(posting), adapter.postReceipt(posting)]);
    await setFaults(sim.url, {});
    expect((await getSapLedger(sim.url)).receipts.filter((r) => r.receiptNumber === "HAZARD-1")).toHaveLength(2);
  });

  it("two posters of one journal entry at once: one posts, the other is told to retry, and SAP books it once", async () => {
    const { receipt, entryId } = await appliedReceiptInSap(4_200n);
    await setFaults(sim.url, { latency_ms: 300 });
    const outcomes = await Promise.allSettled([postJournalEntry(entryId, ctx()), postJournalEntry(entryId, ctx())]);
    await setFaults(sim.url, {});
    expect(outcomes.filter((o) => o.status === "fulfilled").map((o) => (o as PromiseFulfilledResult<unknown>).value)).toEqual([{ status: "posted" }]);
    const refused = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(RetryableJobError);
    expect(String(refused.reason.message)).toMatch(/being posted by another worker/);
    // pg-boss's retry of the second poster finds the entry posted and books nothing.
    expect(await postJournalEntry(entryId, ctx())).toEqual({ status: "already_posted" });
    const entry = await getDb().journalEntry.findUniqueOrThrow({ where: { id: entryId } });
    const ledger = await getSapLedger(sim.url);
    const booked = ledger.receipts.find((r) => r.id === entry.erpDocumentId);
    expect(booked).toBeDefined();
    expect(ledger.receipts.filter((r) => r.receiptNumber === booked!.receiptNumber)).toHaveLength(1);
    expect((await getDb().receipt.findUniqueOrThrow({ where: { id: receipt.id } })).state).toBe("PUBLISHED");
  });

  it("a claim goes with its connection: a killed holder frees the entry, and its claim says it is no longer intact", async () => {
    const first = await claimForPosting(["je-a", "je-b"]);
    expect([...first.held].sort()).toEqual(["je-a", "je-b"]);
    const second = await claimForPosting(["je-b", "je-c"]);
    expect([...second.held]).toEqual(["je-c"]);
    await second.release();
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'cashline-posting-claims' and pid <> pg_backend_pid()");
    } finally {
      await admin.end();
    }
    await expect.poll(() => first.intact(), { timeout: 5000 }).toBe(false);
    await first.release();
    const third = await claimForPosting(["je-a", "je-b"]);
    expect([...third.held].sort()).toEqual(["je-a", "je-b"]);
    await third.release();
    // Released claims leave nothing locked on the pooled connection they used.
    const fourth = await claimForPosting(["je-a", "je-b", "je-c"]);
    expect(fourth.held.size).toBe(3);
    await fourth.release();
  });
});
