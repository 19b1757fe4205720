import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { applyReceipt } from "./apply-receipt.ts";
import { closeReturnedPayment } from "./close-returned-payment.ts";
import { recordDisputeStep } from "./record-dispute-step.ts";
import { actor, journalsBalanced, makeInvoice, makeReceipt, reload, reloadInvoice, seedWorld, type World } from "./test-fixtures.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));
let w: World;
beforeAll(async () => { w = await seedWorld(); });

/** A receipt applied to an invoice and posted, then hit by `state` (returned by the bank / charged back) with its case. */
async function settledThen(state: "RETURNED" | "CHARGEBACK") {
  const inv = await makeInvoice(w, { amountMinor: 20_000n });
  const { receipt } = await makeReceipt(w, { amountMinor: 20_000n, customerId: w.acme.id });
  await applyReceipt(actor(w.analyst), receipt.id, { receiptVersion: 0, lines: [{ invoiceId: inv.id, amount: "200.00" }] });
  await getDb().journalEntry.updateMany({ where: { receiptId: receipt.id }, data: { status: "POSTED", erpDocumentId: "AR-9" } });
  await getDb().receipt.update({ where: { id: receipt.id }, data: { state } });
  if (state === "RETURNED") await getDb().workflowEvent.create({ data: { type: "payment.returned", receiptId: receipt.id, sourceSystem: "bank", sourceId: `ret-${receipt.id}`, payload: { reasonCode: "R01", reason: "insufficient funds" }, occurredAt: new Date() } });
  const kase = await getDb().exceptionCase.create({ data: { code: state, entityId: w.entity.id, receiptId: receipt.id, amountMinor: 20_000n, currency: "USD", slaDueAt: new Date(Date.now() + 86_400_000), reasons: [state] } });
  return { inv, receipt: await reload(receipt.id), kase };
}

describe("closing a returned payment", () => {
  it("re-opens the invoices it paid with the return reason, books the cash out, tells collections and closes the case", async () => {
    const { inv, receipt, kase } = await settledThen("RETURNED");
    const res = await closeReturnedPayment(actor(w.analyst), kase.id, { receiptVersion: receipt.version, note: "customer told, will pay by wire" });
    expect(res).toMatchObject({ outcome: "closed", receiptState: "RETURNED", unapplied: "0.00" });
    expect(await reloadInvoice(inv.id)).toMatchObject({ status: "OPEN", openAmountMinor: 20_000n });
    expect(await getDb().application.findFirstOrThrow({ where: { receiptId: receipt.id, kind: "INVOICE" } })).toMatchObject({ reversalReason: "payment returned: R01 insufficient funds", reversedById: w.analyst.id });
    const reopened = await getDb().workflowEvent.findFirstOrThrow({ where: { invoiceId: inv.id, type: "invoice.reopened" } });
    expect(reopened.payload).toMatchObject({ reason: "payment returned: R01 insufficient funds", reopenedAmount: "USD 200.00" });
    const follow = await getDb().workflowEvent.findFirstOrThrow({ where: { receiptId: receipt.id, type: "collections.follow_up_requested" } });
    expect(follow.payload).toMatchObject({ customerId: w.acme.id, invoices: [inv.number] });
    expect(await getDb().exceptionCase.findUniqueOrThrow({ where: { id: kase.id } })).toMatchObject({ status: "RESOLVED", resolvedById: w.analyst.id });
    // Books: the revision unapplies the invoice in the ERP; the cash leaves (Dr unapplied 2400 / Cr bank 1010).
    const entries = await getDb().journalEntry.findMany({ where: { receiptId: receipt.id }, orderBy: { createdAt: "asc" } });
    expect(entries.map((e) => e.idempotencyKey)).toEqual([`receipt:${receipt.id}:v1`, `receipt:${receipt.id}:v2`]);
    const out = await getDb().journalEntry.findUniqueOrThrow({ where: { idempotencyKey: `returned:${receipt.id}` }, include: { lines: true } });
    expect(out.lines.map((l) => [l.account, l.debitMinor, l.creditMinor])).toEqual(expect.arrayContaining([["2400", 20_000n, 0n], ["1010", 0n, 20_000n]]));
    expect(await journalsBalanced(receipt.id)).toEqual({ entries: 2, balanced: true });
    expect(await getDb().auditLog.count({ where: { action: "returned_payment.closed", targetId: kase.id } })).toBe(1);
    expect((await closeReturnedPayment(actor(w.analyst), kase.id, { receiptVersion: res.receiptVersion!, note: "again" }).catch((e) => e)).problem.status).toBe(409);
  });
});

describe("chargeback dispute", () => {
  it("open → evidence submitted → lost: the invoice re-opens, the money is gone, the case closes", async () => {
    const { inv, receipt, kase } = await settledThen("CHARGEBACK");
    const due = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await recordDisputeStep(actor(w.analyst), kase.id, { step: "open", evidenceDueDate: due });
    expect(await getDb().chargebackDispute.findUniqueOrThrow({ where: { caseId: kase.id } })).toMatchObject({ status: "OPEN" });
    expect((await recordDisputeStep(actor(w.analyst), kase.id, { step: "open", evidenceDueDate: due }).catch((e) => e)).problem.status).toBe(409);
    await recordDisputeStep(actor(w.analyst), kase.id, { step: "submit", evidence: "signed delivery note and IP match" });
    const lost = await recordDisputeStep(actor(w.analyst), kase.id, { step: "lost", action: "reopen_invoice" });
    expect(lost).toMatchObject({ outcome: "dispute_updated", receiptState: "RETURNED" });
    expect(await reloadInvoice(inv.id)).toMatchObject({ status: "OPEN", openAmountMinor: 20_000n });
    expect(await getDb().chargebackDispute.findUniqueOrThrow({ where: { caseId: kase.id } })).toMatchObject({ status: "LOST", lostAction: "reopen_invoice" });
    expect((await getDb().exceptionCase.findUniqueOrThrow({ where: { id: kase.id } })).status).toBe("RESOLVED");
    const out = await getDb().journalEntry.findUniqueOrThrow({ where: { idempotencyKey: `chargeback:${kase.id}:lost` }, include: { lines: true } });
    expect(out.kind).toBe("chargeback_lost");
  });

  it("lost and written off: the invoice stays paid, the loss goes to 6850", async () => {
    const { inv, kase } = await settledThen("CHARGEBACK");
    await recordDisputeStep(actor(w.analyst), kase.id, { step: "open", evidenceDueDate: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10) });
    await recordDisputeStep(actor(w.analyst), kase.id, { step: "lost", action: "write_off" });
    expect((await reloadInvoice(inv.id)).status).toBe("PAID");
    const out = await getDb().journalEntry.findUniqueOrThrow({ where: { idempotencyKey: `chargeback:${kase.id}:lost` }, include: { lines: true } });
    expect(out.lines.find((l) => l.account === "6850")?.debitMinor).toBe(20_000n);
  });

  it("won: nothing to do — the receipt goes back to POSTED and the case closes", async () => {
    const { inv, receipt, kase } = await settledThen("CHARGEBACK");
    await recordDisputeStep(actor(w.analyst), kase.id, { step: "open", evidenceDueDate: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10) });
    const won = await recordDisputeStep(actor(w.analyst), kase.id, { step: "won" });
    expect(won.receiptState).toBe("POSTED");
    expect((await reloadInvoice(inv.id)).status).toBe("PAID");
    expect((await getDb().exceptionCase.findUniqueOrThrow({ where: { id: kase.id } })).status).toBe("RESOLVED");
    expect(await getDb().journalEntry.count({ where: { receiptId: receipt.id } })).toBe(1);
  });
});
