import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../audit/audit-chain.ts";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedAppliedReceipt, seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { startErpSim, type ErpSim } from "../erp-sim/server.ts";
import { CircuitBreaker } from "../erp/index.ts";
import { createOracleAdapter } from "../erp/oracle/adapter.ts";
import { singleErpConnection } from "./erp-connection.ts";
import { requestErpPosting } from "./request-erp-posting.ts";
import { postJournalEntry, type PostContext } from "./post-journal-entry.ts";
import { stopBoss } from "../jobs/boss.ts";
import { PermanentJobError, RetryableJobError } from "../jobs/errors.ts";

useFreshDatabase();
let sim: ErpSim;
beforeAll(async () => { sim = await startErpSim({ seed: 7 }); });
afterAll(async () => { await sim.close(); await stopBoss({ graceful: false }); });

function context(finalAttempt = false): PostContext {
  const erp = singleErpConnection(createOracleAdapter({ kind: "oracle", baseUrl: sim.url, credentials: {}, timeoutMs: 2000 }));
  return { correlationId: "cid-test", finalAttempt, erp };
}

async function faults(body: Record<string, number>) {
  await fetch(`${sim.url}/__sim/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}
async function ledger() {
  return (await (await fetch(`${sim.url}/__sim/ledger`)).json()) as { receipts: { ReceiptNumber: string; Amount: string }[]; counts: { receipts: number; applications: number } };
}

describe("ERP posting", () => {
  it("posts each entry exactly once through errors and dropped connections, and records latency", async () => {
    const world = await seedMiniWorld();
    const entries: string[] = [];
    for (let i = 0; i < 15; i++) {
      const { receipt } = await seedAppliedReceipt(world, BigInt(10_000 + i));
      entries.push((await getDb().$transaction((tx) => requestErpPosting(tx, { receiptId: receipt.id, correlationId: `cid-${i}` })))!);
    }
    await faults({ error_ratio: 0.3, drop_after_commit_ratio: 0.3 });
    // What pg-boss does for us in production: call again after every retryable failure.
    for (const id of entries) {
      for (let attempt = 0; ; attempt++) {
        try { await postJournalEntry(id, context()); break; } catch (e) { if (!(e instanceof RetryableJobError) || attempt > 50) throw e; }
      }
    }
    await faults({});
    const booked = await ledger();
    expect(booked.counts.receipts).toBe(15);
    expect(new Set(booked.receipts.map((r) => r.ReceiptNumber)).size).toBe(15);
    const receipts = await getDb().receipt.findMany({ where: { id: { startsWith: "rcp_" } } });
    expect(receipts.every((r) => r.state === "PUBLISHED" && r.postedAt && r.postingLatencyMs !== null)).toBe(true);
    const posted = await getDb().journalEntry.findMany({ where: { id: { in: entries } } });
    expect(posted.every((e) => e.status === "POSTED" && e.erpDocumentId)).toBe(true);
    // Posting again is a no-op.
    expect(await postJournalEntry(entries[0]!, context())).toEqual({ status: "already_posted" });
    expect((await ledger()).counts.receipts).toBe(15);
    const timeline = await getDb().workflowEvent.findMany({ where: { receiptId: receipts[0]!.id }, orderBy: { id: "asc" } });
    expect(timeline.map((e) => e.type)).toEqual(["receipt.posted", "receipt.published"]);
    expect(await getDb().auditLog.count({ where: { action: "erp.posted" } })).toBe(15);
    // The acknowledgements' audit rows (a bulk insert) are chained like every other.
    const chainClient = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await chainClient.connect();
    expect(await verifyAuditChain(chainClient).finally(() => chainClient.end())).toMatchObject({ ok: true, count: await getDb().auditLog.count() });
  });

  it("turns a permanent refusal into POSTING_FAILED with an exception, and a replay then posts it", async () => {
    const world = await seedMiniWorld();
    const { receipt } = await seedAppliedReceipt(world, 5_000n);
    // The ERP refuses a posting whose bank account it does not know? Our sim accepts any; simulate with a bad customer.
    await getDb().customer.update({ where: { id: world.customer.id }, data: { erpAccountNumber: "" } });
    const entryId = (await getDb().$transaction((tx) => requestErpPosting(tx, { receiptId: receipt.id })))!;
    await expect(postJournalEntry(entryId, context())).rejects.toBeInstanceOf(PermanentJobError);
    const failed = await getDb().receipt.findUniqueOrThrow({ where: { id: receipt.id } });
    expect(failed.state).toBe("POSTING_FAILED");
    const cases = await getDb().exceptionCase.findMany({ where: { receiptId: receipt.id } });
    expect(cases.map((c) => c.code)).toEqual(["POSTING_FAILED"]);
    await getDb().customer.update({ where: { id: world.customer.id }, data: { erpAccountNumber: "C-100" } });
    expect(await postJournalEntry(entryId, context())).toEqual({ status: "posted" });
    expect((await getDb().receipt.findUniqueOrThrow({ where: { id: receipt.id } })).state).toBe("PUBLISHED");
  });

  it("defers instead of calling while the circuit is open", async () => {
    const world = await seedMiniWorld();
    const { receipt } = await seedAppliedReceipt(world, 7_000n);
    const entryId = (await getDb().$transaction((tx) => requestErpPosting(tx, { receiptId: receipt.id })))!;
    // Its posting date is already chosen (the ERP's periods were read on an earlier try): this is about the posting.
    await getDb().journalEntry.update({ where: { id: entryId }, data: { erpPostingDate: receipt.valueDate } });
    await faults({ maintenance_seconds: 30 });
    const breaker = new CircuitBreaker({ failureThreshold: 2, coolDownMs: 60_000 });
    const adapter = createOracleAdapter({ kind: "oracle", baseUrl: sim.url, credentials: {}, timeoutMs: 2000, breaker });
    const ctx: PostContext = { correlationId: "c", finalAttempt: false, erp: singleErpConnection({ ...adapter, ensureCustomerAccount: async () => {} }) };
    // Two 503s inside the job's quick retries open the circuit; the third try is not sent but deferred.
    const before = (await (await fetch(`${sim.url}/__sim/ledger`)).json()).requests.erp;
    const outcome = await postJournalEntry(entryId, ctx);
    expect(outcome.status).toBe("deferred");
    expect(outcome.retryAt).toBeGreaterThan(Date.now() + 20_000);
    expect(breaker.state.status).toBe("open");
    expect(await postJournalEntry(entryId, ctx)).toMatchObject({ status: "deferred" });
    const after = (await (await fetch(`${sim.url}/__sim/ledger`)).json()).requests.erp;
    expect(after - before).toBe(2);
    expect((await getDb().journalEntry.findUniqueOrThrow({ where: { id: entryId } })).status).toBe("PENDING");
    await faults({});
  });
});

describe("ERP revisions", () => {
  it("an unapply after posting books a reclass locally and unapplies in the ERP; re-applying applies again — cash once", async () => {
    const world = await seedMiniWorld();
    const { receipt, invoice } = await seedAppliedReceipt(world, 8_800n);
    const v1 = (await getDb().$transaction((tx) => requestErpPosting(tx, { receiptId: receipt.id })))!;
    expect(await postJournalEntry(v1, context())).toEqual({ status: "posted" });
    // An analyst unapplies (reversal), then re-applies to the same invoice.
    await getDb().application.updateMany({ where: { receiptId: receipt.id }, data: { reversedAt: new Date() } });
    const v2 = (await getDb().$transaction((tx) => requestErpPosting(tx, { receiptId: receipt.id })))!;
    expect(await postJournalEntry(v2, context())).toEqual({ status: "posted" });
    let erp = (await ledger()).receipts.find((x) => x.ReceiptNumber === `CL-${receipt.id}`) as unknown as { UnappliedAmount: string; StandardReceiptId: number };
    expect(erp.UnappliedAmount).toBe("88.00");
    await getDb().application.create({ data: { receiptId: receipt.id, invoiceId: invoice.id, customerId: world.customer.id, kind: "INVOICE", amountMinor: 8_800n, currency: "USD", appliedByType: "user" } });
    const v3 = (await getDb().$transaction((tx) => requestErpPosting(tx, { receiptId: receipt.id })))!;
    expect(await postJournalEntry(v3, context())).toEqual({ status: "posted" });
    const all = (await ledger()).receipts.filter((x) => x.ReceiptNumber.startsWith(`CL-${receipt.id}`));
    expect(all).toHaveLength(1);
    erp = all[0] as unknown as { UnappliedAmount: string; StandardReceiptId: number };
    expect(erp.UnappliedAmount).toBe("0.00");
    const lines = await getDb().journalLine.findMany({ where: { entry: { receiptId: receipt.id } } });
    const net = (acct: string) => lines.filter((l) => l.account === acct).reduce((s, l) => s + l.debitMinor - l.creditMinor, 0n);
    expect(net("1010")).toBe(8_800n);
    expect(net("1200")).toBe(-8_800n);
    expect(net("2400")).toBe(0n);
    expect(await getDb().$transaction((tx) => requestErpPosting(tx, { receiptId: receipt.id }))).toBeNull();
  });
});
