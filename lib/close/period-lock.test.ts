// Finding 12 of the controls issue: a sign-off locked nothing. Now people's applications, write-offs and reversals
// on a receipt accounted in a signed-off month are refused (application code and a database trigger), late bank
// lines and receipts are accounted in the next open month, and reopening takes two people.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { applyReceipt } from "../exceptions/apply-receipt.ts";
import { writeOffReceipt } from "../exceptions/write-off-receipt.ts";
import { reverseApplication } from "../exceptions/reverse-application.ts";
import { actor, makeInvoice, makeReceipt, seedWorld, type World } from "../exceptions/test-fixtures.ts";
import { signOffPeriod } from "./sign-off-period.ts";
import { approveSignOff } from "./approve-sign-off.ts";
import { decidePeriodReopen, requestPeriodReopen } from "./reopen-period.ts";
import { effectivePostingDate } from "./period-lock.ts";
import { getCloseChecklist } from "./get-close-checklist.ts";
import { applyReceipts } from "../cash-application/apply-receipts.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));

let w: World;
const NOW = new Date("2026-12-03T09:00:00Z");
const person = (u: { id: string; name: string; email: string }) => ({ id: u.id, name: u.name, email: u.email });
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: { problem?: { status: number; detail: string } }) => e.problem ?? Promise.reject(e));
let open: Awaited<ReturnType<typeof makeReceipt>>;
let applied: Awaited<ReturnType<typeof makeReceipt>>;
let invoice: Awaited<ReturnType<typeof makeInvoice>>;
let forEngine: Awaited<ReturnType<typeof makeReceipt>>;

beforeAll(async () => {
  w = await seedWorld();
  invoice = await makeInvoice(w, { amountMinor: 100_000n });
  open = await makeReceipt(w, { amountMinor: 10_000n, valueDate: new Date("2026-11-20") });
  applied = await makeReceipt(w, { amountMinor: 10_000n, valueDate: new Date("2026-11-21") });
  const engineInvoice = await makeInvoice(w, { amountMinor: 7_000n, number: `ENG-${Date.now()}` });
  forEngine = await makeReceipt(w, { amountMinor: 7_000n, valueDate: new Date("2026-11-22"), state: "RECEIVED", code: null, customerId: w.acme.id, payerName: "ACME CORP", payerAccount: "111", remittance: engineInvoice.number });
  await applyReceipt(actor(w.analyst), applied.receipt.id, { receiptVersion: 0, lines: [{ invoiceId: invoice.id, amount: "50.00" }] });
  // November has unapplied cash: the controller prepares with a justification, a second person overrides and locks.
  const prepared = await signOffPeriod({ entity: w.entity.code, period: "2026-11", justification: "Unapplied items carried to December per the AR lead." }, person(w.controller), NOW);
  await approveSignOff(prepared.id, { note: "Reviewed: the two receipts are carried forward, nothing else open." }, person(w.admin), NOW);
});

describe("a signed-off month is locked", () => {
  it("refuses applying, writing off and reversing on a receipt dated in it, naming the period", async () => {
    const p = await refusal(applyReceipt(actor(w.analyst), open.receipt.id, { receiptVersion: 0, lines: [{ invoiceId: invoice.id, amount: "100.00" }] }));
    expect(p).toMatchObject({ status: 409 });
    expect(p!.detail).toBe(`Period 2026-11 of ${w.entity.code} is signed off and locked: applying this receipt (dated 2026-11-20) is not allowed. ` +
      "Ask a controller to reopen 2026-11 (two people), or handle it in the next open period.");
    expect((await refusal(writeOffReceipt(actor(w.analyst), open.receipt.id, { receiptVersion: 0, amount: "0.10", reasonCode: "small_overpayment", applications: [] })))!.detail).toMatch(/Period 2026-11 .* locked/);
    const app = await getDb().application.findFirstOrThrow({ where: { receiptId: applied.receipt.id } });
    const version = (await getDb().receipt.findUniqueOrThrow({ where: { id: applied.receipt.id } })).version;
    expect((await refusal(reverseApplication(actor(w.analyst), app.id, { reason: "wrong invoice", receiptVersion: version })))!.detail).toMatch(/reversing an application of this receipt \(dated 2026-11-21\)/);
    expect(await getDb().application.count({ where: { receiptId: open.receipt.id } })).toBe(0);
    expect((await getDb().application.findUniqueOrThrow({ where: { id: app.id } })).reversedAt).toBeNull();
  });

  it("the database refuses a person's application in the locked month whatever code writes it (backstop)", async () => {
    const write = getDb().application.create({ data: { receiptId: open.receipt.id, invoiceId: invoice.id, kind: "INVOICE", amountMinor: 1n, currency: "USD", appliedByType: "user", appliedById: w.analyst.id } });
    await expect(write).rejects.toThrow(/period 2026-11 is signed off \(locked\)/);
  });

  it("accounts a bank line or receipt that arrives late for the locked month in the next open month, with a note", async () => {
    // Close readiness counts it in December (accounting date), not November (value date): both period branches.
    const counts = async (period: string) => Object.fromEntries((await getCloseChecklist({ period, entity: w.entity.code }, NOW)).entities[0]!.items.map((i) => [i.key, i.count]));
    const [novBefore, decBefore] = [await counts("2026-11"), await counts("2026-12")];
    const late = await makeReceipt(w, { amountMinor: 2_000n, valueDate: new Date("2026-11-28") });
    const [novAfter, decAfter] = [await counts("2026-11"), await counts("2026-12")];
    expect(novAfter).toEqual(novBefore);
    for (const key of ["unapplied", "unposted", "unreconciled"]) expect({ key, n: decAfter[key] }).toEqual({ key, n: decBefore[key]! + 1 });
    const r = await getDb().receipt.findUniqueOrThrow({ where: { id: late.receipt.id } });
    expect(r.accountingDate?.toISOString().slice(0, 10)).toBe("2026-12-01");
    expect(r.accountingNote).toBe("value date 2026-11-28 falls in 2026-11, already signed off: accounted in 2026-12");
    const line = await getDb().bankTransaction.findFirstOrThrow({ where: { receiptId: late.receipt.id } });
    expect(line.accountingDate?.toISOString().slice(0, 10)).toBe("2026-12-01");
    expect((await effectivePostingDate(getDb(), w.entity.id, new Date("2026-11-05"))).toISOString().slice(0, 10)).toBe("2026-12-01");
    expect((await effectivePostingDate(getDb(), w.entity.id, new Date("2026-10-05"))).toISOString().slice(0, 10)).toBe("2026-10-05");
    // Accounted in December, it can be applied.
    expect((await applyReceipt(actor(w.analyst), late.receipt.id, { receiptVersion: 0, lines: [{ invoiceId: invoice.id, amount: "20.00" }] })).outcome).toBe("applied");
  });

  it("the engine leaves a receipt accounted in the locked month alone", async () => {
    expect(await applyReceipts([forEngine.receipt.id], "new", "cid-locked")).toMatchObject({ applied: 0, skipped: 1 });
    expect((await getDb().receipt.findUniqueOrThrow({ where: { id: forEngine.receipt.id } })).state).toBe("RECEIVED");
  });

  it("reopens only with a reason and a second person; then changes are allowed again", async () => {
    const req = await requestPeriodReopen({ entity: w.entity.code, period: "2026-11", reason: "Customer refund booked to the wrong month" }, person(w.controller));
    expect(req.status).toBe("PENDING");
    expect((await refusal(decidePeriodReopen(req.id, "approve", {}, person(w.controller))))).toMatchObject({ status: 403 });
    expect((await refusal(applyReceipt(actor(w.analyst), open.receipt.id, { receiptVersion: 0, lines: [{ invoiceId: invoice.id, amount: "100.00" }] })))).toMatchObject({ status: 409 });
    expect(await decidePeriodReopen(req.id, "approve", { note: "agreed" }, person(w.admin))).toMatchObject({ status: "APPROVED" });
    expect((await getDb().closeSignOff.findFirstOrThrow({ where: { entityId: w.entity.id, period: "2026-11" } })).status).toBe("REOPENED");
    expect((await applyReceipt(actor(w.analyst), open.receipt.id, { receiptVersion: 0, lines: [{ invoiceId: invoice.id, amount: "100.00" }] })).outcome).toBe("applied");
    expect(await applyReceipts([forEngine.receipt.id], "new", "cid-reopened")).toMatchObject({ applied: 1 });
    const actions = (await getDb().auditLog.findMany({ where: { targetId: req.id } })).map((a) => `${a.action}:${a.actorId}`);
    expect(actions.sort()).toEqual([`close.reopen_approved:${w.admin.id}`, `close.reopen_requested:${w.controller.id}`].sort());
  });
});
