// Finding 9 of the controls issue: whoever uploads a bank statement makes cash appear; the same person must not
// also apply it, write it off or approve its write-off. Each refusal here was allowed by the code as found.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { receiveBankFile } from "../bank-ingestion/receive-bank-file.ts";
import { applyReceipt } from "./apply-receipt.ts";
import { splitReceipt } from "./split-receipt.ts";
import { writeOffReceipt } from "./write-off-receipt.ts";
import { approveWriteOff } from "./approve-write-off.ts";
import { actor, makeInvoice, makeReceipt, seedWorld, type World } from "./test-fixtures.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));
let w: World;
let documentId: string;
beforeAll(async () => {
  w = await seedWorld();
  const doc = await receiveBankFile({
    content: Buffer.from(`statement uploaded by hand ${Date.now()}`), filename: "manual.camt053.xml", contentType: "application/xml",
    sender: { kind: "user", userId: w.analyst.id, label: w.analyst.email }, queueJob: false,
  });
  documentId = doc.id;
});

const refusal = (p: Promise<unknown>) => p.then(() => null, (e: { problem?: { status: number; detail: string } }) => e.problem ?? Promise.reject(e));

describe("separation of duties between uploading cash and applying it", () => {
  it("records who uploaded the file", async () => {
    expect(await getDb().sourceDocument.findUniqueOrThrow({ where: { id: documentId } })).toMatchObject({ uploadedById: w.analyst.id, uploadedBy: w.analyst.email });
  });

  it("the uploader cannot apply, split or write off the receipts of their upload; a colleague can apply them", async () => {
    const inv = await makeInvoice(w, { amountMinor: 10_000n });
    const { receipt } = await makeReceipt(w, { amountMinor: 10_000n, documentId });
    const apply = await refusal(applyReceipt(actor(w.analyst), receipt.id, { receiptVersion: 0, lines: [{ invoiceId: inv.id, amount: "100.00" }] }));
    expect(apply).toMatchObject({ status: 403 });
    expect(apply!.detail).toMatch(/Separation of duties: you uploaded the bank statement this receipt came from \(manual.camt053.xml\), so you cannot apply it/);
    const split = await refusal(splitReceipt(actor(w.analyst), receipt.id, { receiptVersion: 0, parts: [{ kind: "INVOICE", invoiceId: inv.id, amount: "50.00" }, { kind: "ON_ACCOUNT", customerId: w.acme.id, amount: "50.00" }] }));
    expect(split).toMatchObject({ status: 403 });
    const wo = await refusal(writeOffReceipt(actor(w.analyst), receipt.id, { receiptVersion: 0, amount: "1.00", reasonCode: "small_overpayment", applications: [] }));
    expect(wo).toMatchObject({ status: 403 });
    expect(await getDb().application.count({ where: { receiptId: receipt.id } })).toBe(0);
    expect((await applyReceipt(actor(w.analyst2), receipt.id, { receiptVersion: 0, lines: [{ invoiceId: inv.id, amount: "100.00" }] })).outcome).toBe("applied");
  });

  it("the uploader cannot approve a write-off on their upload's receipt", async () => {
    const { receipt, kase } = await makeReceipt(w, { amountMinor: 100_000n, documentId, state: "OVERPAYMENT", code: "OVERPAYMENT", customerId: w.acme.id });
    expect((await writeOffReceipt(actor(w.analyst2), receipt.id, { receiptVersion: 0, amount: "60.00", reasonCode: "small_overpayment", applications: [] })).outcome).toBe("pending_approval");
    await getDb().user.update({ where: { id: w.analyst.id }, data: { role: "CONTROLLER" } });
    await getDb().writeOffLimit.update({ where: { userId_currency: { userId: w.analyst.id, currency: "USD" } }, data: { perWriteOffMinor: 1_000_000n, perReceiptMinor: 1_000_000n, perInvoiceMinor: 1_000_000n } });
    const p = await refusal(approveWriteOff(actor(w.analyst), kase!.id, {}));
    expect(p).toMatchObject({ status: 403 });
    expect(p!.detail).toMatch(/you cannot approve a write-off on it/);
    expect((await approveWriteOff(actor(w.controller), kase!.id, {})).outcome).toBe("approved");
  });

  it("is configurable per legal entity (on by default)", async () => {
    expect((await getDb().legalEntity.findUniqueOrThrow({ where: { id: w.entity.id } })).segregateCashDuties).toBe(true);
    await getDb().legalEntity.update({ where: { id: w.entity.id }, data: { segregateCashDuties: false } });
    const inv = await makeInvoice(w, { amountMinor: 5_000n });
    const { receipt } = await makeReceipt(w, { amountMinor: 5_000n, documentId });
    expect((await applyReceipt(actor(w.analyst), receipt.id, { receiptVersion: 0, lines: [{ invoiceId: inv.id, amount: "50.00" }] })).outcome).toBe("applied");
    await getDb().legalEntity.update({ where: { id: w.entity.id }, data: { segregateCashDuties: true } });
  });
});
