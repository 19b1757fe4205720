import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { initialBreakerState, type BreakerState } from "../erp/circuit-breaker.ts";
import { recordErpAcks } from "../posting/record-erp-acks.ts";
import { recordPostingFailure } from "../posting/record-posting-failure.ts";
import { retryFailedPostings } from "../posting/retry-failed-postings.ts";
import { applyReceipt } from "./apply-receipt.ts";
import { correctPosting } from "./correct-posting.ts";
import { retryPosting } from "./retry-posting.ts";
import { actor, makeInvoice, makeReceipt, reload, seedWorld, type World } from "./test-fixtures.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));
let w: World;
beforeAll(async () => { w = await seedWorld(); });

async function failedPosting(message: string, permanent: boolean) {
  const inv = await makeInvoice(w, { amountMinor: 30_000n });
  const { receipt } = await makeReceipt(w, { amountMinor: 30_000n, customerId: w.acme.id });
  await applyReceipt(actor(w.analyst), receipt.id, { receiptVersion: 0, lines: [{ invoiceId: inv.id, amount: "300.00" }] });
  const entry = await getDb().journalEntry.findFirstOrThrow({ where: { receiptId: receipt.id } });
  await recordPostingFailure({ entryId: entry.id, receiptId: receipt.id, entityId: w.entity.id, amountMinor: 30_000n, currency: "USD", message, permanent, correlationId: "cid" });
  const kase = await getDb().exceptionCase.findFirstOrThrow({ where: { receiptId: receipt.id, status: "OPEN" } });
  return { receipt: await reload(receipt.id), entry, kase };
}
const jobsFor = (entryId: string) => getDb().$queryRaw<{ n: bigint }[]>`select count(*)::bigint as n from pgboss.job where name = 'erp.post-journal-entry' and data->'data'->>'journalEntryId' = ${entryId}`.then((r) => Number(r[0]!.n));

describe("failed postings", () => {
  it("the case carries the ERP's answer; Retry posting re-queues the same idempotency key and the ERP's acknowledgement closes the case", async () => {
    const { receipt, entry, kase } = await failedPosting("ERP answered 422 UNKNOWN_CUSTOMER_ACCOUNT: customer account C-9 does not exist", true);
    expect(kase.code).toBe("POSTING_FAILED");
    expect(kase.reasons[0]).toContain("UNKNOWN_CUSTOMER_ACCOUNT");
    const res = await retryPosting(actor(w.analyst), kase.id, { receiptVersion: receipt.version });
    expect(res).toMatchObject({ outcome: "retried", receiptState: "APPLIED", journalEntryId: entry.id });
    expect(await getDb().journalEntry.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({ status: "PENDING", idempotencyKey: entry.idempotencyKey });
    expect(await getDb().journalEntry.count({ where: { receiptId: receipt.id } })).toBe(1);
    expect(await jobsFor(entry.id)).toBe(1);
    expect(await getDb().exceptionCase.findUniqueOrThrow({ where: { id: kase.id } })).toMatchObject({ status: "IN_PROGRESS", assigneeId: w.analyst.id });
    expect(await getDb().auditLog.count({ where: { action: "posting.retried", targetId: receipt.id } })).toBe(1);
    // Retrying again is refused (nothing failed any more): never two postings.
    expect((await retryPosting(actor(w.analyst), kase.id, { receiptVersion: res.receiptVersion! }).catch((e) => e)).problem.status).toBe(409);
    await recordErpAcks([{ entryId: entry.id, idempotencyKey: entry.idempotencyKey, receiptId: receipt.id, receivedAt: receipt.receivedAt, correlationId: "c", result: { erpReceiptId: "300000001", applicationIds: [] }, ackAt: new Date() }]);
    expect((await reload(receipt.id)).state).toMatch(/POSTED|PUBLISHED/);
    expect((await getDb().exceptionCase.findUniqueOrThrow({ where: { id: kase.id } })).status).toBe("RESOLVED");
  });

  it("Correct and repost changes what the ERP refused (customer account, date) and sends it again", async () => {
    const { receipt, entry, kase } = await failedPosting("ERP answered 422 UNKNOWN_CUSTOMER_ACCOUNT", true);
    expect((await correctPosting(actor(w.analyst), kase.id, { receiptVersion: receipt.version, note: "nothing" } as never).catch((e) => e)).problem.status).toBe(422);
    const res = await correctPosting(actor(w.analyst), kase.id, { receiptVersion: receipt.version, customerId: w.globex.id, valueDate: "2026-11-03", note: "wrong customer account" });
    expect(res).toMatchObject({ outcome: "retried", receiptState: "APPLIED" });
    expect(await reload(receipt.id)).toMatchObject({ customerId: w.globex.id, valueDate: new Date("2026-11-03") });
    expect((await getDb().journalEntry.findUniqueOrThrow({ where: { id: entry.id } })).status).toBe("PENDING");
    const note = await getDb().exceptionNote.findFirstOrThrow({ where: { caseId: kase.id }, orderBy: { createdAt: "desc" } });
    expect(note.body).toContain("wrong customer account");
  });

  it("retries by itself when the ERP is healthy again, only what failed for a passing reason", async () => {
    const transient = await failedPosting("ERP answered 503 Service Unavailable (maintenance)", false);
    const refused = await failedPosting("ERP answered 422 INVALID_AMOUNT", true);
    const open: BreakerState = { ...initialBreakerState(), status: "open", retryAt: Date.now() + 60_000 };
    const probeOk = { lookupReceipt: async () => null };
    const conns = (adapter: typeof probeOk, state: BreakerState) => ({ forEntity: async () => ({ adapter, breaker: { sharedState: async () => state } }) });
    expect(await retryFailedPostings(conns(probeOk, open))).toEqual({ retried: [], healthy: false });
    expect(await retryFailedPostings(conns({ lookupReceipt: async () => { throw new Error("ECONNREFUSED"); } }, initialBreakerState()))).toEqual({ retried: [], healthy: false });
    const done = await retryFailedPostings(conns(probeOk, initialBreakerState()));
    expect(done.retried).toEqual([transient.receipt.id]);
    expect((await reload(transient.receipt.id)).state).toBe("APPLIED");
    expect((await reload(refused.receipt.id)).state).toBe("POSTING_FAILED");
    expect(await jobsFor(transient.entry.id)).toBe(1);
  });
});
