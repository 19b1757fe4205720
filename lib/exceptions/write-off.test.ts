import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { writeOffReceipt } from "./write-off-receipt.ts";
import { approveWriteOff } from "./approve-write-off.ts";
import { rejectWriteOff } from "./reject-write-off.ts";
import { applyReceipt } from "./apply-receipt.ts";
import { actor, journalsBalanced, makeInvoice, makeReceipt, reload, reloadInvoice, seedWorld, type World } from "./test-fixtures.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));
let w: World;
beforeAll(async () => { w = await seedWorld(); });

describe("writeOffReceipt within the limit", () => {
  it("writes off a bank-charge shortfall with the cash in one step: invoice paid, journal balanced with the charge", async () => {
    const inv = await makeInvoice(w, { amountMinor: 10_000n });
    const { receipt } = await makeReceipt(w, { amountMinor: 9_985n });
    const res = await writeOffReceipt(actor(w.analyst), receipt.id, { receiptVersion: 0, amount: "0.15", reasonCode: "bank_charge", invoiceId: inv.id, applications: [{ invoiceId: inv.id, amount: "99.85" }] });
    expect(res).toMatchObject({ outcome: "applied", receiptState: "APPLIED", unapplied: "0.00" });
    expect(await reloadInvoice(inv.id)).toMatchObject({ openAmountMinor: 0n, status: "PAID" });
    const entry = await getDb().journalEntry.findFirstOrThrow({ where: { receiptId: receipt.id }, include: { lines: true } });
    expect(entry.lines.find((l) => l.account === "6810")?.debitMinor).toBe(15n);
    expect(entry.lines.filter((l) => l.account === "1200").reduce((s, l) => s + l.creditMinor, 0n)).toBe(10_000n);
    expect(await journalsBalanced(receipt.id)).toEqual({ entries: 1, balanced: true });
    expect(await getDb().auditLog.count({ where: { targetId: receipt.id, action: "write_off.executed" } })).toBe(1);
  });

  it("writes off a small overpayment left after applying", async () => {
    const inv = await makeInvoice(w, { amountMinor: 10_000n });
    const { receipt } = await makeReceipt(w, { amountMinor: 10_030n, code: "OVERPAYMENT", state: "OVERPAYMENT", customerId: w.acme.id });
    const res = await writeOffReceipt(actor(w.analyst), receipt.id, { receiptVersion: 0, amount: "0.30", reasonCode: "small_overpayment", applications: [{ invoiceId: inv.id, amount: "100.00" }] });
    expect(res.outcome).toBe("applied");
    const entry = await getDb().journalEntry.findFirstOrThrow({ where: { receiptId: receipt.id }, include: { lines: true } });
    expect(entry.lines.find((l) => l.account === "7900")?.creditMinor).toBe(30n);
    expect(await journalsBalanced(receipt.id)).toEqual({ entries: 1, balanced: true });
  });

  it("needs the invoice for a shortfall write-off and refuses to write off more than is left", async () => {
    const { receipt } = await makeReceipt(w, { amountMinor: 1_000n });
    await expect(writeOffReceipt(actor(w.analyst), receipt.id, { receiptVersion: 0, amount: "1.00", reasonCode: "small_balance", applications: [] })).rejects.toMatchObject({ problem: { status: 422 } });
    await expect(writeOffReceipt(actor(w.analyst), receipt.id, { receiptVersion: 0, amount: "10.01", reasonCode: "small_overpayment", applications: [] })).rejects.toMatchObject({ problem: { status: 409 } });
  });
});

describe("four-eyes above the limit", () => {
  async function propose() {
    const inv = await makeInvoice(w, { amountMinor: 100_000n });
    const { receipt, kase } = await makeReceipt(w, { amountMinor: 90_000n, code: "SHORT_PAY", state: "SHORT_PAY", customerId: w.acme.id });
    const res = await writeOffReceipt(actor(w.analyst), receipt.id, { receiptVersion: 0, amount: "100.00", reasonCode: "discount", invoiceId: inv.id, applications: [{ invoiceId: inv.id, amount: "900.00" }], note: "agreed early-payment discount" });
    return { inv, receipt, kase: kase!, res };
  }

  it("parks the write-off on the case for approval; nothing moves; other money actions wait", async () => {
    const { inv, receipt, kase, res } = await propose();
    expect(res).toMatchObject({ outcome: "pending_approval", caseId: kase.id });
    expect(res.message).toMatch(/above your write-off limits \(per write-off USD 50.00; per receipt USD 50.00; per invoice USD 50.00\)/);
    expect(await getDb().exceptionCase.findUniqueOrThrow({ where: { id: kase.id } })).toMatchObject({ status: "PENDING_APPROVAL", proposedById: w.analyst.id });
    expect(await getDb().application.count({ where: { receiptId: receipt.id } })).toBe(0);
    expect((await reloadInvoice(inv.id)).openAmountMinor).toBe(100_000n);
    const blocked = await applyReceipt(actor(w.analyst2), receipt.id, { receiptVersion: res.receiptVersion!, lines: [{ invoiceId: inv.id, amount: "1.00" }] }).catch((e) => e);
    expect(blocked.problem).toMatchObject({ status: 409 });
    expect(blocked.problem.detail).toMatch(/waiting for a second person's approval/);
  });

  it("the proposer cannot approve their own write-off; an approver whose limit is too low cannot either", async () => {
    const { kase } = await propose();
    const own = await approveWriteOff(actor(w.analyst), kase.id, {}).catch((e) => e);
    expect(own.problem).toMatchObject({ status: 403 });
    expect(own.problem.detail).toMatch(/second person/);
    const low = await approveWriteOff(actor(w.analyst2), kase.id, {}).catch((e) => e);
    expect(low.problem).toMatchObject({ status: 403 });
    expect(low.problem.detail).toMatch(/above your own limit/);
    expect((await getDb().exceptionCase.findUniqueOrThrow({ where: { id: kase.id } })).status).toBe("PENDING_APPROVAL");
  });

  it("a controller with a sufficient limit approves: the plan is carried out, both people audited", async () => {
    const { inv, receipt, kase } = await propose();
    const res = await approveWriteOff(actor(w.controller), kase.id, { note: "ok per policy" });
    expect(res).toMatchObject({ outcome: "approved", receiptState: "APPLIED" });
    expect(await reloadInvoice(inv.id)).toMatchObject({ openAmountMinor: 0n, status: "PAID" });
    const c = await getDb().exceptionCase.findUniqueOrThrow({ where: { id: kase.id } });
    expect(c).toMatchObject({ status: "RESOLVED", resolvedById: w.controller.id });
    expect(c.resolution).toMatch(/proposed by .*approved by/);
    const wo = await getDb().application.findFirstOrThrow({ where: { receiptId: receipt.id, kind: "WRITE_OFF" } });
    expect(wo).toMatchObject({ amountMinor: 10_000n, reasonCode: "discount", appliedById: w.analyst.id });
    const actions = (await getDb().auditLog.findMany({ where: { OR: [{ targetId: kase.id }, { targetId: receipt.id }] } })).map((a) => `${a.action}:${a.actorId}`);
    expect(actions).toEqual(expect.arrayContaining([`write_off.proposed:${w.analyst.id}`, `write_off.approved:${w.controller.id}`, `write_off.executed:${w.controller.id}`]));
    expect(await journalsBalanced(receipt.id)).toEqual({ entries: 1, balanced: true });
    const again = await approveWriteOff(actor(w.controller), kase.id, {}).catch((e) => e);
    expect(again.problem.status).toBe(409);
  });

  it("a rejection leaves everything as it was and frees the receipt; a receipt with no case gets a WRITE_OFF_APPROVAL case", async () => {
    const { receipt, kase } = await propose();
    const res = await rejectWriteOff(actor(w.controller), kase.id, { reason: "no discount agreed" });
    expect(res.outcome).toBe("rejected");
    expect(await getDb().exceptionCase.findUniqueOrThrow({ where: { id: kase.id } })).toMatchObject({ status: "IN_PROGRESS", proposal: null });
    expect(await getDb().application.count({ where: { receiptId: receipt.id } })).toBe(0);
    expect((await reload(receipt.id)).state).toBe("SHORT_PAY");

    const plain = await makeReceipt(w, { amountMinor: 20_000n, code: null, state: "IDENTIFIED", customerId: w.acme.id });
    const out = await writeOffReceipt(actor(w.analyst), plain.receipt.id, { receiptVersion: 0, amount: "200.00", reasonCode: "small_overpayment", applications: [] });
    expect(out.outcome).toBe("pending_approval");
    expect(await getDb().exceptionCase.findUniqueOrThrow({ where: { id: out.caseId! } })).toMatchObject({ code: "WRITE_OFF_APPROVAL", status: "PENDING_APPROVAL" });
    expect((await rejectWriteOff(actor(w.analyst), out.caseId!, { reason: "typo in amount" })).outcome).toBe("withdrawn");
  });
});
