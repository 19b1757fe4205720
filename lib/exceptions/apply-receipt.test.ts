import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { ProblemError } from "../http/problem.ts";
import { applyReceipt } from "./apply-receipt.ts";
import { revokeLearnedPayer } from "./revoke-learned-payer.ts";
import { actor, journalsBalanced, makeInvoice, makeReceipt, reload, reloadInvoice, seedWorld, type World } from "./test-fixtures.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));
let w: World;
beforeAll(async () => { w = await seedWorld(); });

describe("applyReceipt", () => {
  it("applies a receipt in full: invoice paid, case resolved, receipt APPLIED, journal + ERP job, audit, timeline", async () => {
    const inv = await makeInvoice(w, { amountMinor: 10_000n });
    const { receipt, kase } = await makeReceipt(w, { amountMinor: 10_000n });
    const res = await applyReceipt(actor(w.analyst), receipt.id, { receiptVersion: 0, lines: [{ invoiceId: inv.id, amount: "100.00" }] });
    expect(res).toMatchObject({ outcome: "applied", receiptState: "APPLIED", unapplied: "0.00" });
    expect(res.journalEntryId).toBeTruthy();
    const r = await reload(receipt.id);
    expect(r).toMatchObject({ state: "APPLIED", unappliedMinor: 0n, customerId: w.acme.id });
    expect(await reloadInvoice(inv.id)).toMatchObject({ openAmountMinor: 0n, status: "PAID" });
    const app = await getDb().application.findFirstOrThrow({ where: { receiptId: receipt.id } });
    expect(app).toMatchObject({ kind: "INVOICE", appliedByType: "user", appliedById: w.analyst.id, amountMinor: 10_000n });
    expect(await getDb().exceptionCase.findUniqueOrThrow({ where: { id: kase!.id } })).toMatchObject({ status: "RESOLVED", resolvedById: w.analyst.id });
    expect(await journalsBalanced(receipt.id)).toEqual({ entries: 1, balanced: true });
    const entry = await getDb().journalEntry.findFirstOrThrow({ where: { receiptId: receipt.id } });
    expect(entry.status).toBe("PENDING");
    const jobs = await getDb().$queryRaw<{ n: bigint }[]>`select count(*)::bigint as n from pgboss.job where name = 'erp.post-journal-entry' and data->'data'->>'journalEntryId' = ${entry.id}`;
    expect(jobs[0]!.n).toBe(1n);
    const events = await getDb().workflowEvent.findMany({ where: { receiptId: receipt.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["cash.applied", "receipt.applied", "payer.learning_proposed"]));
    expect(events.find((e) => e.type === "receipt.applied")).toMatchObject({ fromState: "UNIDENTIFIED", toState: "APPLIED", actorType: "user", actorId: w.analyst.id });
    const audits = await getDb().auditLog.findMany({ where: { targetId: receipt.id } });
    expect(audits.map((a) => a.action)).toContain("receipt.applied");
  });

  it("applies partially across invoices and keeps the rest unapplied (case in progress)", async () => {
    const a = await makeInvoice(w, { amountMinor: 6_000n });
    const b = await makeInvoice(w, { amountMinor: 9_000n });
    const { receipt, kase } = await makeReceipt(w, { amountMinor: 10_000n });
    const res = await applyReceipt(actor(w.analyst), receipt.id, { receiptVersion: 0, lines: [{ invoiceId: a.id, amount: "60" }, { invoiceId: b.id, amount: "30.00" }] });
    expect(res).toMatchObject({ outcome: "partially_applied", unapplied: "10.00", receiptState: "UNIDENTIFIED" });
    expect(await reloadInvoice(a.id)).toMatchObject({ status: "PAID", openAmountMinor: 0n });
    expect(await reloadInvoice(b.id)).toMatchObject({ status: "PARTIALLY_PAID", openAmountMinor: 6_000n });
    expect((await getDb().exceptionCase.findUniqueOrThrow({ where: { id: kase!.id } })).status).toBe("IN_PROGRESS");
    expect(await getDb().journalEntry.count({ where: { receiptId: receipt.id } })).toBe(0);
  });

  it("never over-applies an invoice or the receipt", async () => {
    const inv = await makeInvoice(w, { amountMinor: 5_000n });
    const { receipt } = await makeReceipt(w, { amountMinor: 10_000n });
    await expect(applyReceipt(actor(w.analyst), receipt.id, { receiptVersion: 0, lines: [{ invoiceId: inv.id, amount: "50.01" }] })).rejects.toMatchObject({ problem: { status: 409 } });
    const big = await makeInvoice(w, { amountMinor: 50_000n });
    const err = await applyReceipt(actor(w.analyst), receipt.id, { receiptVersion: 0, lines: [{ invoiceId: big.id, amount: "100.01" }] }).catch((e) => e);
    expect(err).toBeInstanceOf(ProblemError);
    expect(err.problem.detail).toMatch(/too much/);
    expect((await reload(receipt.id)).unappliedMinor).toBe(10_000n);
    await expect(applyReceipt(actor(w.analyst), receipt.id, { receiptVersion: 0, lines: [{ invoiceId: big.id, amount: "1.001" }] })).rejects.toMatchObject({ problem: { status: 422 } });
  });

  it("refuses a stale receipt version with 409 (someone else acted first)", async () => {
    const inv = await makeInvoice(w, { amountMinor: 10_000n });
    const { receipt } = await makeReceipt(w, { amountMinor: 10_000n });
    await applyReceipt(actor(w.analyst), receipt.id, { receiptVersion: 0, lines: [{ invoiceId: inv.id, amount: "10.00" }] });
    const err = await applyReceipt(actor(w.analyst2), receipt.id, { receiptVersion: 0, lines: [{ invoiceId: inv.id, amount: "10.00" }] }).catch((e) => e);
    expect(err.problem).toMatchObject({ status: 409 });
    expect(err.problem.detail).toMatch(/Someone else acted on this receipt first/);
  });

  it("two analysts applying the same receipt at the same moment: exactly one wins, never a double apply", async () => {
    const inv = await makeInvoice(w, { amountMinor: 10_000n });
    const inv2 = await makeInvoice(w, { amountMinor: 10_000n });
    const { receipt } = await makeReceipt(w, { amountMinor: 10_000n });
    const results = await Promise.allSettled([
      applyReceipt(actor(w.analyst), receipt.id, { receiptVersion: 0, lines: [{ invoiceId: inv.id, amount: "100.00" }] }),
      applyReceipt(actor(w.analyst2), receipt.id, { receiptVersion: 0, lines: [{ invoiceId: inv2.id, amount: "100.00" }] }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason.problem.status).toBe(409);
    expect(await getDb().application.count({ where: { receiptId: receipt.id, reversedAt: null } })).toBe(1);
    const [a, b] = await Promise.all([reloadInvoice(inv.id), reloadInvoice(inv2.id)]);
    expect(a.openAmountMinor + b.openAmountMinor).toBe(10_000n);
    expect(await getDb().journalEntry.count({ where: { receiptId: receipt.id } })).toBe(1);
  });

  it("two receipts racing for the same invoice never over-apply it", async () => {
    const inv = await makeInvoice(w, { amountMinor: 10_000n });
    const [r1, r2] = await Promise.all([makeReceipt(w, { amountMinor: 10_000n }), makeReceipt(w, { amountMinor: 10_000n })]);
    const results = await Promise.allSettled([r1, r2].map(({ receipt }) => applyReceipt(actor(w.analyst), receipt.id, { receiptVersion: 0, lines: [{ invoiceId: inv.id, amount: "100.00" }] })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await reloadInvoice(inv.id)).openAmountMinor).toBe(0n);
    expect(await getDb().application.count({ where: { invoiceId: inv.id } })).toBe(1);
  });

  it("learns the payer for the customer, once, and the learning can be revoked (audited)", async () => {
    const inv = await makeInvoice(w, { amountMinor: 7_000n, customerId: w.globex.id });
    const { receipt } = await makeReceipt(w, { amountMinor: 7_000n, payerName: "GLBX TRADING", payerAccount: "555-1" });
    await applyReceipt(actor(w.analyst), receipt.id, { receiptVersion: 0, lines: [{ invoiceId: inv.id, amount: "70.00" }] });
    const learned = await getDb().learnedPayer.findFirstOrThrow({ where: { learnedFromReceiptId: receipt.id } });
    expect(learned).toMatchObject({ customerId: w.globex.id, payerName: "GLBX TRADING", payerAccount: "555-1", createdById: w.analyst.id, revokedAt: null, activatedAt: null }); // a proposal until a learned-payers draft is approved
    // The same payer again: nothing new to learn.
    const inv2 = await makeInvoice(w, { amountMinor: 1_000n, customerId: w.globex.id });
    const again = await makeReceipt(w, { amountMinor: 1_000n, payerName: "GLBX TRADING", payerAccount: "555-1" });
    await applyReceipt(actor(w.analyst), again.receipt.id, { receiptVersion: 0, lines: [{ invoiceId: inv2.id, amount: "10.00" }] });
    expect(await getDb().learnedPayer.count({ where: { customerId: w.globex.id, payerName: "GLBX TRADING" } })).toBe(1);
    // A payer the customer already knows (alias + account) teaches nothing.
    const inv3 = await makeInvoice(w, { amountMinor: 1_000n });
    const known = await makeReceipt(w, { amountMinor: 1_000n, payerName: "Acme Corp", payerAccount: "111" });
    await applyReceipt(actor(w.analyst), known.receipt.id, { receiptVersion: 0, lines: [{ invoiceId: inv3.id, amount: "10.00" }] });
    expect(await getDb().learnedPayer.count({ where: { learnedFromReceiptId: known.receipt.id } })).toBe(0);

    const revoked = await revokeLearnedPayer(actor(w.analyst2), learned.id);
    expect(revoked.revokedAt).toBeTruthy();
    expect(await getDb().learnedPayer.findUniqueOrThrow({ where: { id: learned.id } })).toMatchObject({ revokedById: w.analyst2.id });
    expect(await getDb().auditLog.count({ where: { targetId: learned.id, action: { in: ["payer.learning_proposed", "payer.learning_revoked"] } } })).toBe(2);
  });

  it("refuses invoices of another currency and returned payments", async () => {
    const inv = await makeInvoice(w, { amountMinor: 1_000n });
    await getDb().invoice.update({ where: { id: inv.id }, data: { currency: "EUR" } });
    const { receipt } = await makeReceipt(w, { amountMinor: 1_000n });
    await expect(applyReceipt(actor(w.analyst), receipt.id, { receiptVersion: 0, lines: [{ invoiceId: inv.id, amount: "10.00" }] })).rejects.toMatchObject({ problem: { status: 422 } });
    const ret = await makeReceipt(w, { amountMinor: 1_000n, state: "RETURNED" });
    await expect(applyReceipt(actor(w.analyst), ret.receipt.id, { receiptVersion: 0, lines: [{ invoiceId: inv.id, amount: "10.00" }] })).rejects.toMatchObject({ problem: { status: 409 } });
  });
});
