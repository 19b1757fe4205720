// Revisions follow the ERP's open periods like first postings: a receipt posted in November, unapplied and re-applied
// after November was closed in the ERP, has its unapply and its re-application booked on the first day of the next
// open period, each with the `posting.date_moved` timeline event and audit row. Through the real pipeline, the BC
// adapter and the BC simulator (whose Cashline extension books unapply/apply on the date it is given).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedAppliedReceipt, seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { startBcSim, type BcSim } from "../erp-sim/bc/index.ts";
import { getBcLedger, seedCustomers, seedInvoices, setPeriod } from "../erp-sim/bc/control.ts";
import { bcAdapterFor } from "../erp/bc/testing.ts";
import { singleErpConnection } from "./erp-connection.ts";
import { requestErpPosting } from "./request-erp-posting.ts";
import { postJournalEntry, type PostContext } from "./post-journal-entry.ts";
import { stopBoss } from "../jobs/boss.ts";

useFreshDatabase();
let sim: BcSim;
beforeAll(async () => { sim = await startBcSim({ companies: ["US01"], localCurrency: "USD" }); });
afterAll(async () => { await sim.close(); await stopBoss({ graceful: false }); });

// a fresh connection per step, as a fresh worker has: no period read cached from the step before
const context = (): PostContext => ({ correlationId: "cid-rev", finalAttempt: false, erp: singleErpConnection(bcAdapterFor(sim, { credentials: { companyName: "US01" } })) });
const dateOf = async (id: string) => (await getDb().journalEntry.findUniqueOrThrow({ where: { id } })).erpPostingDate?.toISOString().slice(0, 10);

describe("revision postings and the ERP's closed periods", () => {
  it("an unapply and a re-application of a receipt whose period has closed move to the next open period, with the audit note", async () => {
    const world = await seedMiniWorld();
    const { receipt, invoice } = await seedAppliedReceipt(world, 8_800n);
    await seedCustomers(sim.url, [{ entity: "US01", accountNumber: "C-100", name: "Acme Widgets Inc." }]);
    await seedInvoices(sim.url, [{ entity: "US01", invoiceNumber: invoice.number, customerAccount: "C-100", currency: "USD", amount: "88.00", issueDate: "2026-10-01" }]);

    const v1 = (await getDb().$transaction((tx) => requestErpPosting(tx, { receiptId: receipt.id })))!;
    expect(await postJournalEntry(v1, context())).toEqual({ status: "posted" });
    expect(await dateOf(v1)).toBe("2026-11-02"); // November open: the value date

    await setPeriod(sim.url, { entity: "US01", start: "2026-11-01", open: false });
    await getDb().application.updateMany({ where: { receiptId: receipt.id }, data: { reversedAt: new Date() } });
    const v2 = (await getDb().$transaction((tx) => requestErpPosting(tx, { receiptId: receipt.id })))!;
    expect(await postJournalEntry(v2, context())).toEqual({ status: "posted" });
    expect(await dateOf(v2)).toBe("2026-12-01");
    let bc = (await getBcLedger(sim.url)).companies.find((c) => c.name === "US01")!;
    expect(bc.applications).toMatchObject([{ appliedToDocumentNumber: invoice.number, unapplied: true, unappliedPostingDate: "2026-12-01" }]);
    expect(bc.invoices.find((i) => i.number === invoice.number)).toMatchObject({ status: "Open", remainingAmount: "88.00" });

    await getDb().application.create({ data: { receiptId: receipt.id, invoiceId: invoice.id, customerId: world.customer.id, kind: "INVOICE", amountMinor: 8_800n, currency: "USD", appliedByType: "user" } });
    const v3 = (await getDb().$transaction((tx) => requestErpPosting(tx, { receiptId: receipt.id })))!;
    expect(await postJournalEntry(v3, context())).toEqual({ status: "posted" });
    expect(await dateOf(v3)).toBe("2026-12-01");
    bc = (await getBcLedger(sim.url)).companies.find((c) => c.name === "US01")!;
    expect(bc.applications.map((a) => [a.unapplied, a.postingDate])).toEqual([[true, "2026-11-02"], [false, "2026-12-01"]]);
    expect(bc.invoices.find((i) => i.number === invoice.number)).toMatchObject({ status: "Paid", remainingAmount: "0.00" });
    const booked = (await getBcLedger(sim.url)).receipts;
    expect(booked).toHaveLength(1);
    expect(booked[0]!.applications.map((a) => [a.invoiceNumber, a.amount, a.reversed])).toEqual([[invoice.number, "88.00", true], [invoice.number, "88.00", false]]);

    // the same note a moved first posting gets: timeline event and audit row, per revision
    const moved = await getDb().workflowEvent.findMany({ where: { receiptId: receipt.id, type: "posting.date_moved" }, orderBy: { id: "asc" } });
    expect(moved.map((e) => e.payload)).toEqual([
      expect.objectContaining({ journalEntryId: v2, from: "2026-11-02", to: "2026-12-01", closedPeriod: "November 2026", openPeriod: "December 2026" }),
      expect.objectContaining({ journalEntryId: v3, from: "2026-11-02", to: "2026-12-01" }),
    ]);
    const audits = await getDb().auditLog.findMany({ where: { action: "erp.posting_date_moved", targetId: receipt.id } });
    expect(audits.map((a) => (a.details as { journalEntryId: string }).journalEntryId).sort()).toEqual([v2, v3].sort());
  });
});
