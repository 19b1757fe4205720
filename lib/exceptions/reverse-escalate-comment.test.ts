import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { applyReceipt } from "./apply-receipt.ts";
import { shortPayReceipt } from "./short-pay-receipt.ts";
import { reverseApplication } from "./reverse-application.ts";
import { escalateCase } from "./escalate-case.ts";
import { commentCase } from "./comment-case.ts";
import { actor, journalsBalanced, makeInvoice, makeReceipt, reload, reloadInvoice, seedWorld, type World } from "./test-fixtures.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));
let w: World;
beforeAll(async () => { w = await seedWorld(); });

describe("reverseApplication", () => {
  it("re-opens the invoice, makes the cash unapplied, moves the receipt back to IDENTIFIED and re-opens the work", async () => {
    const inv = await makeInvoice(w, { amountMinor: 10_000n });
    const { receipt, kase } = await makeReceipt(w, { amountMinor: 10_000n });
    const applied = await applyReceipt(actor(w.analyst), receipt.id, { receiptVersion: 0, lines: [{ invoiceId: inv.id, amount: "100.00" }] });
    const app = await getDb().application.findFirstOrThrow({ where: { receiptId: receipt.id } });
    const res = await reverseApplication(actor(w.analyst2), app.id, { receiptVersion: applied.receiptVersion!, reason: "wrong customer: Globex paid, not Acme" });
    expect(res).toMatchObject({ outcome: "reversed", receiptState: "IDENTIFIED", unapplied: "100.00" });
    expect(await reloadInvoice(inv.id)).toMatchObject({ openAmountMinor: 10_000n, status: "OPEN" });
    expect(await getDb().application.findUniqueOrThrow({ where: { id: app.id } })).toMatchObject({ reversedById: w.analyst2.id, reversalReason: "wrong customer: Globex paid, not Acme" });
    expect((await getDb().exceptionCase.findUniqueOrThrow({ where: { id: kase!.id } })).status).toBe("RESOLVED");
    const reopened = await getDb().exceptionCase.findFirstOrThrow({ where: { receiptId: receipt.id, status: "IN_PROGRESS" } });
    expect(reopened).toMatchObject({ code: "UNIDENTIFIED", assigneeId: w.analyst2.id });
    const ev = await getDb().workflowEvent.findFirstOrThrow({ where: { receiptId: receipt.id, type: "application.reversed" } });
    expect(ev).toMatchObject({ fromState: "APPLIED", toState: "IDENTIFIED", actorId: w.analyst2.id });
    // The receipt had a journal entry: a revision books the cash as unapplied again.
    const entries = await getDb().journalEntry.findMany({ where: { receiptId: receipt.id }, include: { lines: true }, orderBy: { createdAt: "asc" } });
    expect(entries.map((e) => e.idempotencyKey)).toEqual([`receipt:${receipt.id}:v1`, `receipt:${receipt.id}:v2`]);
    expect(entries[1]!.lines.find((l) => l.account === "2400")?.creditMinor).toBe(10_000n);
    expect(await journalsBalanced(receipt.id)).toEqual({ entries: 2, balanced: true });
    // Re-applying it works, and produces a third revision.
    const again = await applyReceipt(actor(w.analyst2), receipt.id, { receiptVersion: res.receiptVersion!, lines: [{ invoiceId: inv.id, amount: "100.00" }] });
    expect(again.receiptState).toBe("APPLIED");
    expect(await getDb().journalEntry.count({ where: { receiptId: receipt.id } })).toBe(3);
    const twice = await reverseApplication(actor(w.analyst), app.id, { receiptVersion: again.receiptVersion!, reason: "again" }).catch((e) => e);
    expect(twice.problem.status).toBe(409);
  });

  it("reverses a short pay's deduction with its application, and a posted receipt asks the ERP for a revision", async () => {
    const inv = await makeInvoice(w, { amountMinor: 10_000n });
    const { receipt } = await makeReceipt(w, { amountMinor: 8_000n, customerId: w.acme.id, code: "SHORT_PAY", state: "SHORT_PAY" });
    const done = await shortPayReceipt(actor(w.analyst), receipt.id, { receiptVersion: 0, lines: [{ invoiceId: inv.id, amount: "80.00", reasonCode: "tax" }] });
    await getDb().receipt.update({ where: { id: receipt.id }, data: { state: "POSTED" } });
    await getDb().journalEntry.updateMany({ where: { receiptId: receipt.id }, data: { status: "POSTED", erpDocumentId: "AR-1" } });
    const app = await getDb().application.findFirstOrThrow({ where: { receiptId: receipt.id, kind: "INVOICE" } });
    const res = await reverseApplication(actor(w.analyst), app.id, { receiptVersion: done.receiptVersion!, reason: "customer disputes the whole invoice" });
    expect(res.receiptState).toBe("IDENTIFIED");
    expect(await getDb().application.count({ where: { receiptId: receipt.id, reversedAt: null } })).toBe(0);
    expect(await reloadInvoice(inv.id)).toMatchObject({ openAmountMinor: 10_000n, status: "OPEN" });
    expect((await reload(receipt.id)).unappliedMinor).toBe(8_000n);
    expect(await getDb().journalEntry.count({ where: { receiptId: receipt.id, status: "PENDING" } })).toBe(1);
    expect(await journalsBalanced(receipt.id)).toEqual({ entries: 2, balanced: true });
  });
});

describe("escalateCase and commentCase", () => {
  it("escalates to a controller with a note: case ESCALATED and theirs, receipt ESCALATED via the state machine, audited", async () => {
    const { receipt, kase } = await makeReceipt(w, { amountMinor: 5_000n });
    const res = await escalateCase(actor(w.analyst), kase!.id, { assigneeId: w.controller.id, note: "large unknown payer, please decide", receiptVersion: 0 });
    expect(res).toMatchObject({ outcome: "escalated", receiptState: "ESCALATED" });
    expect(await getDb().exceptionCase.findUniqueOrThrow({ where: { id: kase!.id } })).toMatchObject({ status: "ESCALATED", assigneeId: w.controller.id });
    const ev = await getDb().workflowEvent.findFirstOrThrow({ where: { receiptId: receipt.id, type: "case.escalated" } });
    expect(ev).toMatchObject({ fromState: "UNIDENTIFIED", toState: "ESCALATED", actorType: "user" });
    expect(await getDb().exceptionNote.findFirstOrThrow({ where: { caseId: kase!.id } })).toMatchObject({ body: expect.stringContaining("large unknown payer") });
    expect(await getDb().auditLog.count({ where: { targetId: kase!.id, action: "case.escalated" } })).toBe(1);
    // Handing it on: no second state change, a timeline entry only.
    await escalateCase(actor(w.controller), kase!.id, { assigneeId: w.analyst2.id, note: "collector: call the customer" });
    expect(await getDb().workflowEvent.count({ where: { receiptId: receipt.id, type: "case.escalated" } })).toBe(2);
    await expect(escalateCase(actor(w.analyst), kase!.id, { assigneeId: w.treasury.id, note: "treasury?" })).rejects.toMatchObject({ problem: { status: 422 } });
  });

  it("the escalation assignee can then clear the receipt (ESCALATED → APPLIED)", async () => {
    const inv = await makeInvoice(w, { amountMinor: 5_000n });
    const { receipt, kase } = await makeReceipt(w, { amountMinor: 5_000n });
    const esc = await escalateCase(actor(w.analyst), kase!.id, { assigneeId: w.controller.id, note: "please check" });
    const res = await applyReceipt(actor(w.controller), receipt.id, { receiptVersion: esc.receiptVersion!, lines: [{ invoiceId: inv.id, amount: "50.00" }] });
    expect(res.receiptState).toBe("APPLIED");
    expect((await getDb().exceptionCase.findUniqueOrThrow({ where: { id: kase!.id } })).status).toBe("RESOLVED");
  });

  it("comments: note, timeline event, audit; no state change", async () => {
    const { receipt, kase } = await makeReceipt(w, { amountMinor: 5_000n });
    const res = await commentCase(actor(w.analyst), kase!.id, { body: "Called the customer, waiting for remittance advice." });
    expect(res).toMatchObject({ outcome: "commented", receiptState: "UNIDENTIFIED", receiptVersion: 0 });
    expect(await getDb().exceptionNote.count({ where: { caseId: kase!.id } })).toBe(1);
    expect(await getDb().workflowEvent.findFirstOrThrow({ where: { receiptId: receipt.id, type: "case.commented" } })).toMatchObject({ fromState: null, toState: null, actorId: w.analyst.id });
    expect(await getDb().auditLog.count({ where: { targetId: kase!.id, action: "case.commented" } })).toBe(1);
  });
});
