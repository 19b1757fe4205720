import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { splitReceipt } from "./split-receipt.ts";
import { shortPayReceipt } from "./short-pay-receipt.ts";
import { putOnAccount } from "./put-on-account.ts";
import { actor, journalsBalanced, makeInvoice, makeReceipt, reload, reloadInvoice, seedWorld, type World } from "./test-fixtures.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));
let w: World;
beforeAll(async () => { w = await seedWorld(); });

describe("splitReceipt", () => {
  it("refuses parts that do not add up exactly to the receipt, with a clear message", async () => {
    const a = await makeInvoice(w, { amountMinor: 6_000n });
    const { receipt } = await makeReceipt(w, { amountMinor: 10_000n });
    const short = await splitReceipt(actor(w.analyst), receipt.id, { receiptVersion: 0, parts: [{ kind: "INVOICE", invoiceId: a.id, amount: "60.00" }, { kind: "ON_ACCOUNT", customerId: w.acme.id, amount: "39.99" }] }).catch((e) => e);
    expect(short.problem.status).toBe(422);
    expect(short.problem.detail).toBe("the parts add up to USD 99.99 but the receipt has USD 100.00 to split (USD 0.01 short): the parts must add up exactly");
    const over = await splitReceipt(actor(w.analyst), receipt.id, { receiptVersion: 0, parts: [{ kind: "INVOICE", invoiceId: a.id, amount: "60.00" }, { kind: "ON_ACCOUNT", customerId: w.acme.id, amount: "40.01" }] }).catch((e) => e);
    expect(over.problem.detail).toMatch(/USD 0.01 too much/);
    expect(await getDb().application.count({ where: { receiptId: receipt.id } })).toBe(0);
  });

  it("splits across invoices of two customers and an on-account part; learns nothing from a multi-customer payer", async () => {
    const a = await makeInvoice(w, { amountMinor: 6_000n, customerId: w.acme.id });
    const b = await makeInvoice(w, { amountMinor: 3_000n, customerId: w.globex.id });
    const { receipt, kase } = await makeReceipt(w, { amountMinor: 10_000n });
    const res = await splitReceipt(actor(w.analyst), receipt.id, {
      receiptVersion: 0, note: "per customer's remittance e-mail",
      parts: [{ kind: "INVOICE", invoiceId: a.id, amount: "60.00" }, { kind: "INVOICE", invoiceId: b.id, amount: "30.00" }, { kind: "ON_ACCOUNT", customerId: w.globex.id, amount: "10.00" }],
    });
    expect(res).toMatchObject({ outcome: "applied", receiptState: "APPLIED" });
    expect((await reloadInvoice(a.id)).status).toBe("PAID");
    expect((await reloadInvoice(b.id)).status).toBe("PAID");
    const apps = await getDb().application.findMany({ where: { receiptId: receipt.id }, orderBy: { amountMinor: "asc" } });
    expect(apps.map((x) => [x.kind, x.customerId, x.amountMinor])).toEqual([["ON_ACCOUNT", w.globex.id, 1_000n], ["INVOICE", w.globex.id, 3_000n], ["INVOICE", w.acme.id, 6_000n]]);
    expect(await getDb().learnedPayer.count({ where: { learnedFromReceiptId: receipt.id } })).toBe(0);
    expect(await journalsBalanced(receipt.id)).toEqual({ entries: 1, balanced: true });
    expect(await getDb().exceptionNote.count({ where: { caseId: kase!.id } })).toBe(1);
    expect((await reload(receipt.id)).customerId).toBeNull(); // two customers: the receipt is not one customer's
  });
});

describe("shortPayReceipt", () => {
  it("applies the cash and records the rest as a deduction; the invoice stays open for it", async () => {
    const inv = await makeInvoice(w, { amountMinor: 10_000n });
    const { receipt, kase } = await makeReceipt(w, { amountMinor: 8_500n, code: "SHORT_PAY", customerId: w.acme.id, state: "SHORT_PAY" });
    const res = await shortPayReceipt(actor(w.analyst), receipt.id, { receiptVersion: 0, lines: [{ invoiceId: inv.id, amount: "85.00", reasonCode: "dispute" }] });
    expect(res).toMatchObject({ outcome: "applied", receiptState: "APPLIED" });
    expect(await reloadInvoice(inv.id)).toMatchObject({ openAmountMinor: 1_500n, status: "PARTIALLY_PAID" });
    const apps = await getDb().application.findMany({ where: { receiptId: receipt.id }, orderBy: { kind: "asc" } });
    expect(apps.map((a) => [a.kind, a.amountMinor, a.reasonCode])).toEqual([["INVOICE", 8_500n, null], ["DEDUCTION", 1_500n, "dispute"]]);
    expect((await getDb().exceptionCase.findUniqueOrThrow({ where: { id: kase!.id } })).resolution).toMatch(/deductions \(dispute\)/);
    expect(await journalsBalanced(receipt.id)).toEqual({ entries: 1, balanced: true });
  });

  it("refuses a short pay that pays the invoice in full", async () => {
    const inv = await makeInvoice(w, { amountMinor: 5_000n });
    const { receipt } = await makeReceipt(w, { amountMinor: 5_000n });
    await expect(shortPayReceipt(actor(w.analyst), receipt.id, { receiptVersion: 0, lines: [{ invoiceId: inv.id, amount: "50.00", reasonCode: "freight" }] })).rejects.toMatchObject({ problem: { status: 422 } });
  });
});

describe("putOnAccount", () => {
  it("holds all unapplied cash on account for the customer", async () => {
    const { receipt } = await makeReceipt(w, { amountMinor: 4_200n, payerName: "NEW PAYER" });
    const res = await putOnAccount(actor(w.analyst), receipt.id, { receiptVersion: 0, customerId: w.globex.id });
    expect(res).toMatchObject({ outcome: "applied", receiptState: "APPLIED", unapplied: "0.00" });
    const app = await getDb().application.findFirstOrThrow({ where: { receiptId: receipt.id } });
    expect(app).toMatchObject({ kind: "ON_ACCOUNT", customerId: w.globex.id, amountMinor: 4_200n, invoiceId: null });
    expect((await reload(receipt.id)).customerId).toBe(w.globex.id);
    expect(await getDb().learnedPayer.count({ where: { learnedFromReceiptId: receipt.id, customerId: w.globex.id } })).toBe(1);
    const entry = await getDb().journalEntry.findFirstOrThrow({ where: { receiptId: receipt.id }, include: { lines: true } });
    expect(entry.lines.find((l) => l.account === "2400")?.creditMinor).toBe(4_200n);
  });

  it("puts part on account and keeps the rest unapplied; refuses another entity's customer", async () => {
    const { receipt } = await makeReceipt(w, { amountMinor: 4_000n });
    const res = await putOnAccount(actor(w.analyst), receipt.id, { receiptVersion: 0, customerId: w.acme.id, amount: "15.00" });
    expect(res).toMatchObject({ outcome: "partially_applied", unapplied: "25.00" });
    const other = await getDb().legalEntity.create({ data: { code: `X${Date.now()}`.slice(0, 20), name: "X", country: "GB", functionalCurrency: "GBP" } });
    const foreign = await getDb().customer.create({ data: { entityId: other.id, erpAccountNumber: `F${Date.now()}`, name: "Foreign", aliases: [], payerAccounts: [] } });
    await expect(putOnAccount(actor(w.analyst), receipt.id, { receiptVersion: res.receiptVersion!, customerId: foreign.id })).rejects.toMatchObject({ problem: { status: 422 } });
  });
});
