import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { getExceptionResolution } from "../dashboards/get-exception-resolution.ts";
import { requestRefund } from "./request-refund.ts";
import { approveRefund } from "./approve-refund.ts";
import { confirmRefund } from "./confirm-refund.ts";
import { cancelRefund } from "./cancel-refund.ts";
import { actor, journalsBalanced, makeReceipt, reload, seedWorld, type World } from "./test-fixtures.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));
let w: World;
beforeAll(async () => { w = await seedWorld(); });

async function duplicateReceipt(amountMinor: bigint, code = "DUPLICATE") {
  const { receipt } = await makeReceipt(w, { amountMinor, customerId: w.acme.id, state: "DUPLICATE", code: null });
  const kase = await getDb().exceptionCase.create({ data: { code: code as "DUPLICATE", entityId: w.entity.id, receiptId: receipt.id, amountMinor, currency: "USD", slaDueAt: new Date(Date.now() + 86_400_000), reasons: ["same as an earlier receipt"] } });
  return { receipt, kase };
}

describe("refund to payer", () => {
  it("within the limit: books refunds payable, sends refund.requested, and the case closes when the refund is confirmed", async () => {
    const { receipt, kase } = await duplicateReceipt(50_000n);
    const res = await requestRefund(actor(w.controller), receipt.id, { receiptVersion: 0, reason: "duplicate_payment" });
    expect(res).toMatchObject({ outcome: "refund_requested", receiptState: "APPLIED", unapplied: "0.00" });
    const refund = await getDb().refundRequest.findFirstOrThrow({ where: { receiptId: receipt.id } });
    expect(refund).toMatchObject({ status: "REQUESTED", amountMinor: 50_000n, reason: "duplicate_payment", caseId: kase.id });
    const lines = await getDb().journalLine.findMany({ where: { entry: { receiptId: receipt.id } } });
    expect(lines.find((l) => l.account === "2450")?.creditMinor).toBe(50_000n);
    expect(lines.find((l) => l.account === "1010")?.debitMinor).toBe(50_000n);
    expect(await journalsBalanced(receipt.id)).toEqual({ entries: 1, balanced: true });
    const out = await getDb().workflowEvent.findFirstOrThrow({ where: { receiptId: receipt.id, type: "refund.requested" } });
    expect(out.payload).toMatchObject({ refundId: refund.id, amount: "500.00", currency: "USD", reason: "duplicate_payment" });
    expect((await getDb().exceptionCase.findUniqueOrThrow({ where: { id: kase.id } })).status).toBe("IN_PROGRESS");

    const before = (await getExceptionResolution({ days: 30 })).byCode.find((c) => c.code === "DUPLICATE")?.resolved ?? 0;
    const done = await confirmRefund(actor(w.treasury), refund.id, { paymentReference: "PAY-1" });
    expect(done.outcome).toBe("refund_confirmed");
    expect(await getDb().exceptionCase.findUniqueOrThrow({ where: { id: kase.id } })).toMatchObject({ status: "RESOLVED", resolvedById: w.treasury.id });
    const paid = await getDb().journalEntry.findFirstOrThrow({ where: { kind: "refund_paid", idempotencyKey: `refund:${refund.id}:paid` }, include: { lines: true } });
    expect(paid.lines.find((l) => l.account === "2450")?.debitMinor).toBe(50_000n);
    expect(paid.lines.find((l) => l.account === "1010")?.creditMinor).toBe(50_000n);
    expect((await reload(receipt.id)).refundedMinor).toBe(50_000n);
    expect(await getDb().auditLog.count({ where: { action: { in: ["refund.requested", "refund.confirmed"] }, targetId: receipt.id } })).toBe(2);
    // The exceptions dashboard counts the resolution under its code.
    expect((await getExceptionResolution({ days: 30 })).byCode.find((c) => c.code === "DUPLICATE")?.resolved).toBe(before + 1);
    expect((await confirmRefund(actor(w.treasury), refund.id, {}).catch((e) => e)).problem.status).toBe(409);
  });

  it("above the limit: waits for a second person within their own limit; a cancelled booked refund gives the cash back to the queue", async () => {
    const { receipt, kase } = await duplicateReceipt(10_000n, "ALREADY_PAID");
    const asked = await requestRefund(actor(w.analyst), receipt.id, { receiptVersion: 0, reason: "already_paid", amount: "100.00" });
    expect(asked).toMatchObject({ outcome: "refund_pending_approval", unapplied: "100.00" });
    const refund = await getDb().refundRequest.findFirstOrThrow({ where: { receiptId: receipt.id } });
    expect(refund.status).toBe("PENDING_APPROVAL");
    expect(await getDb().application.count({ where: { receiptId: receipt.id } })).toBe(0);
    expect((await approveRefund(actor(w.analyst), refund.id, {}).catch((e) => e)).problem.status).toBe(403);
    expect((await approveRefund(actor(w.analyst2), refund.id, {}).catch((e) => e)).problem.status).toBe(403);
    const ok = await approveRefund(actor(w.controller), refund.id, {});
    expect(ok).toMatchObject({ outcome: "refund_requested", receiptState: "APPLIED" });
    const cancelled = await cancelRefund(actor(w.analyst), refund.id, { note: "payer asked us to keep it on account" });
    expect(cancelled).toMatchObject({ outcome: "refund_cancelled", receiptState: "IDENTIFIED", unapplied: "100.00" });
    expect(await getDb().refundRequest.findUniqueOrThrow({ where: { id: refund.id } })).toMatchObject({ status: "CANCELLED", decidedById: w.analyst.id });
    expect(await getDb().application.count({ where: { receiptId: receipt.id, reversedAt: null } })).toBe(0);
    expect(await getDb().workflowEvent.count({ where: { receiptId: receipt.id, type: "refund.cancelled" } })).toBe(1);
    // The cash is unapplied again, so its case stays open (no silent stall).
    expect((await getDb().exceptionCase.findUniqueOrThrow({ where: { id: kase.id } })).status).toBe("IN_PROGRESS");
    expect(await journalsBalanced(receipt.id)).toEqual({ entries: 2, balanced: true });
  });

  it("refuses more than the unapplied cash, and a second refund while one is open", async () => {
    const { receipt } = await duplicateReceipt(1_000n, "OVERPAYMENT");
    expect((await requestRefund(actor(w.controller), receipt.id, { receiptVersion: 0, reason: "overpayment", amount: "10.01" }).catch((e) => e)).problem.status).toBe(409);
    const r = await requestRefund(actor(w.analyst), receipt.id, { receiptVersion: 0, reason: "overpayment", amount: "5.00" });
    expect(r.outcome).toBe("refund_requested");
    expect((await requestRefund(actor(w.analyst), receipt.id, { receiptVersion: r.receiptVersion!, reason: "overpayment", amount: "1.00" }).catch((e) => e)).problem.status).toBe(409);
  });
});
