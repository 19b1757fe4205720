// Master data in and drift, end to end against the simulated Oracle ERP over HTTP and the real database:
// invoices created, paid and credited directly in the ERP are known to Cashline after one sync; a difference opens
// an ERP_DRIFT case that blocks close readiness until accepted, adopted, or a re-sync shows agreement; Cashline's
// own postings in flight are not drift.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedAppliedReceipt, seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { startErpSim, type ErpSim } from "../erp-sim/server.ts";
import { ERP_API_PREFIX } from "../erp-sim/erp-routes.ts";
import { createErpAdapter } from "../erp/adapters.ts";
import { singleErpConnection } from "../posting/erp-connection.ts";
import type { ErpAdapter } from "../erp/adapter.ts";
import { stopBoss } from "../jobs/boss.ts";
import { requestErpPosting } from "../posting/request-erp-posting.ts";
import { postJournalEntry } from "../posting/post-journal-entry.ts";
import { getCloseChecklist } from "../close/get-close-checklist.ts";
import { ProblemError } from "../http/problem.ts";
import { syncErpEntity } from "./sync-erp-entity.ts";
import { resolveErpDrift } from "./resolve-erp-drift.ts";
import { resolveErpDriftBody } from "./erp-sync-schemas.ts";
import { getInvoiceTimeline } from "../invoices/get-invoice-timeline.ts";
import { listExceptions, listExceptionsQuery } from "../exceptions/list-exceptions.ts";
import { getReceiptTimeline } from "../receipts/get-receipt-timeline.ts";

useFreshDatabase();
let sim: ErpSim;
let erp: ErpAdapter;
let world: Awaited<ReturnType<typeof seedMiniWorld>>;
const analyst = { id: "u_ana", email: "ana@x.dev", name: "Ana", writeOffLimitMinor: 5000n };
const NOW = new Date();
const period = NOW.toISOString().slice(0, 7);

beforeAll(async () => {
  sim = await startErpSim({ seed: 11 });
  erp = createErpAdapter({ kind: "oracle", baseUrl: sim.url, credentials: {}, timeoutMs: 3000 });
  world = await seedMiniWorld();
  await getDb().user.create({ data: { id: analyst.id, email: analyst.email, name: analyst.name, role: "AR_ANALYST", passwordHash: "x" } });
});
afterAll(async () => { await sim.close(); await stopBoss({ graceful: false }); });

async function control(path: string, body: unknown) {
  const res = await fetch(`${sim.url}/__sim/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<any>;
}
const sync = () => syncErpEntity({ id: world.entity.id, code: "US01" }, erp);
const invoice = (number: string) => getDb().invoice.findUniqueOrThrow({ where: { entityId_number: { entityId: world.entity.id, number } } });
const driftCase = (invoiceId: string) => getDb().exceptionCase.findFirst({ where: { code: "ERP_DRIFT", subjectId: invoiceId }, orderBy: { createdAt: "desc" } });
const driftBlock = async () => (await getCloseChecklist({ period, entity: "US01" }, new Date(Date.now() + 1000))).entities[0]!.items.find((i) => i.key === "erp_drift")!;

describe("master data in", () => {
  it("brings customers (with bank accounts) and invoices created directly in the ERP into Cashline, incrementally", async () => {
    await control("customers", { AccountNumber: "C-100", Name: "Acme Widgets Incorporated", BusinessUnit: "US01", BankAccounts: ["DE44500105175407324931"] });
    await control("customers", { AccountNumber: "C-200", Name: "Globex", BusinessUnit: "US01", BankAccounts: ["GB29NWBK60161331926819"] });
    await control("invoices", { TransactionNumber: "ERP-1", BusinessUnit: "US01", BillToCustomerNumber: "C-200", InvoiceCurrencyCode: "USD", Amount: "1000.00", DueDate: "2026-12-31" });
    await control("invoices", { TransactionNumber: "ERP-2", BusinessUnit: "US01", BillToCustomerNumber: "C-200", InvoiceCurrencyCode: "USD", Amount: "500.00" });
    await control("invoices", { TransactionNumber: "ERP-3", BusinessUnit: "US01", BillToCustomerNumber: "C-999", BillToCustomerName: "Initech", InvoiceCurrencyCode: "EUR", Amount: "75.00" });
    await control("invoices", { TransactionNumber: "ERP-DE", BusinessUnit: "DE01", BillToCustomerNumber: "C-DE", InvoiceCurrencyCode: "EUR", Amount: "1.00" });

    const first = await sync();
    expect(first.customers).toMatchObject({ read: 3, inserted: 2, updated: 1 });
    expect(first.receivables).toMatchObject({ read: 3, inserted: 3, updated: 0, skipped: [] });
    expect(first.drift).toMatchObject({ drifting: 0, opened: 0 });
    const acme = await getDb().customer.findUniqueOrThrow({ where: { id: world.customer.id } });
    expect(acme.name).toBe("Acme Widgets Incorporated");
    expect(acme.payerAccounts).toEqual(expect.arrayContaining(["987654321", "DE44500105175407324931"])); // learned ones kept
    const erp1 = await invoice("ERP-1");
    expect(erp1).toMatchObject({ status: "OPEN", currency: "USD", amountMinor: 100000n, openAmountMinor: 100000n, erpOpenAmountMinor: 100000n, sourceSystem: "erp" });
    expect(erp1.erpDocumentId).toBeTruthy();
    expect(await getDb().invoice.count({ where: { number: "ERP-DE" } })).toBe(0); // another business unit
    expect(await getDb().workflowEvent.count({ where: { invoiceId: erp1.id, type: "invoice.issued", sourceSystem: "erp" } })).toBe(1);
    const marks = await getDb().erpSyncWatermark.findMany({ where: { entityId: world.entity.id } });
    expect(marks.map((m) => m.resource).sort()).toEqual(["customers", "receivables"]);
    expect(marks.every((m) => m.watermark)).toBe(true);

    // Nothing changed: the next sync reads only what sits at the watermark again, and changes nothing.
    const again = await sync();
    expect(again.receivables.inserted).toBe(0);
    expect(again.receivables.read).toBeLessThan(3);
    expect(await getDb().invoice.count({ where: { sourceSystem: "erp" } })).toBe(3);
  });
});

describe("drift", () => {
  it("paid and credited directly in the ERP: picked up within one sync as ERP_DRIFT cases with both figures, blocking close", async () => {
    await new Promise((r) => setTimeout(r, 5));
    await control("invoices/ERP-1/pay", { Amount: "400.00" });
    await control("invoices/ERP-2/credit", { Amount: "500.00" });
    const r = await sync();
    expect(r.drift).toMatchObject({ drifting: 2, opened: 2 });
    const erp1 = await invoice("ERP-1");
    expect([erp1.openAmountMinor, erp1.erpOpenAmountMinor]).toEqual([100000n, 60000n]);
    const kase = (await driftCase(erp1.id))!;
    expect(kase).toMatchObject({ status: "OPEN", entityId: world.entity.id, subjectType: "Invoice", amountMinor: 40000n, currency: "USD", priority: "HIGH" });
    expect(kase.suggestion).toMatchObject({ invoiceNumber: "ERP-1", cashlineOpen: "1000.00", erpOpen: "600.00", difference: "400.00", cashlineApplications: [], postings: [] });
    expect(kase.reasons[0]).toMatch(/Cashline has 1000.00 USD open, the ERP 600.00 USD \(ERP last update 20/);
    expect(await getDb().workflowEvent.count({ where: { invoiceId: erp1.id, type: "erp.drift_detected" } })).toBe(1);
    expect(await driftBlock()).toMatchObject({ count: 2, blocking: true, href: "/exceptions?entity=US01&code=ERP_DRIFT" });
    const queue = await listExceptions(listExceptionsQuery.parse({ code: "ERP_DRIFT", entity: "US01" }));
    expect(queue.items.map((i) => i.id).sort()).toEqual((await getDb().exceptionCase.findMany({ where: { code: "ERP_DRIFT" }, select: { id: true } })).map((c) => c.id).sort());
    // The same figures again: no second case, no new event.
    expect((await sync()).drift).toMatchObject({ drifting: 2, opened: 0, updated: 0 });
    expect(await getDb().exceptionCase.count({ where: { code: "ERP_DRIFT" } })).toBe(2);
  });

  it("a re-sync showing agreement resolves the case by itself and releases close", async () => {
    const erp2 = await invoice("ERP-2");
    // The ERP-side payment of ERP-1 is reversed in the ERP: both systems agree again on 1000.00 open.
    const ledger = (await (await fetch(`${sim.url}/__sim/ledger`)).json()) as any;
    const paid = ledger.receipts.find((x: any) => x.receiptApplications.some((a: any) => a.InvoiceNumber === "ERP-1"));
    await new Promise((r) => setTimeout(r, 5));
    const unapply = await fetch(`${sim.url}${ERP_API_PREFIX}/standardReceipts/${paid.StandardReceiptId}/child/receiptApplications/${paid.receiptApplications[0].ReceiptApplicationId}/action/unapply`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(unapply.status).toBe(201);
    const r = await sync();
    expect(r.drift).toMatchObject({ drifting: 1, resolved: 1 });
    const erp1 = await invoice("ERP-1");
    expect(await driftCase(erp1.id)).toMatchObject({ status: "RESOLVED", resolution: expect.stringMatching(/Re-sync shows agreement: .*1000.00 USD/) });
    expect(await getDb().auditLog.count({ where: { action: "erp_drift.resolved", targetId: (await driftCase(erp1.id))!.id } })).toBe(1);
    expect(await driftBlock()).toMatchObject({ count: 1 });
    expect((await driftCase(erp2.id))!.status).toBe("OPEN");
  });

  it("adopting the ERP's figure sets the invoice's open amount with audit; figures moved since the case → 409", async () => {
    const erp2 = await invoice("ERP-2");
    const kase = (await driftCase(erp2.id))!;
    expect(resolveErpDriftBody.safeParse({ action: "adopt", reason: "short" }).error?.issues[0]?.message).toMatch(/at least 10 characters/); // at the edge
    await getDb().invoice.update({ where: { id: erp2.id }, data: { erpOpenAmountMinor: 1n } });
    const moved = await resolveErpDrift({ actor: analyst }, kase.id, { action: "adopt", reason: "credit memo CM-7 agreed with the customer" }).catch((e) => e);
    expect(moved).toBeInstanceOf(ProblemError);
    expect((moved as ProblemError).problem.status).toBe(409);
    await getDb().invoice.update({ where: { id: erp2.id }, data: { erpOpenAmountMinor: 0n } });
    const done = await resolveErpDrift({ actor: analyst }, kase.id, { action: "adopt", reason: "credit memo CM-7 agreed with the customer" });
    expect(done).toMatchObject({ caseId: kase.id, outcome: "closed" });
    expect(await invoice("ERP-2")).toMatchObject({ openAmountMinor: 0n, status: "PAID" });
    expect(await driftCase(erp2.id)).toMatchObject({ status: "RESOLVED", resolvedById: analyst.id });
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { action: "erp_drift.adopted" } });
    expect(audit).toMatchObject({ actorType: "user", actorId: analyst.id, targetId: kase.id });
    expect(audit.details).toMatchObject({ cashlineOpen: "500.00", erpOpen: "0.00", reason: "credit memo CM-7 agreed with the customer" });
    expect(await getDb().workflowEvent.count({ where: { invoiceId: erp2.id, type: "erp.drift_adopted" } })).toBe(1);
    expect(await driftBlock()).toMatchObject({ count: 0, blocking: false });
    expect((await sync()).drift).toMatchObject({ drifting: 0, opened: 0 });
  });

  it("accepting a difference closes the case with the reason, audited; the same figures never reopen it, new ones do", async () => {
    await new Promise((r) => setTimeout(r, 5));
    await control("invoices/ERP-3/credit", { Amount: "5.00" });
    expect((await sync()).drift.opened).toBe(1);
    const erp3 = await invoice("ERP-3");
    const kase = (await driftCase(erp3.id))!;
    expect(await driftBlock()).toMatchObject({ count: 1, blocking: true });
    await resolveErpDrift({ actor: analyst }, kase.id, { action: "accept", reason: "rounding credit booked in the ERP only, agreed with controller" });
    expect(await driftCase(erp3.id)).toMatchObject({ status: "RESOLVED", resolution: expect.stringMatching(/^Difference accepted by Ana \(Cashline 75.00, ERP 70.00 EUR\): rounding/) });
    expect(await getDb().auditLog.count({ where: { action: "erp_drift.accepted", actorId: analyst.id } })).toBe(1);
    expect(await driftBlock()).toMatchObject({ count: 0 });
    expect((await sync()).drift).toMatchObject({ drifting: 1, opened: 0 });
    // A second resolution of a closed case is refused.
    const twice = await resolveErpDrift({ actor: analyst }, kase.id, { action: "accept", reason: "once more with feeling" }).catch((e) => e);
    expect((twice as ProblemError).problem.status).toBe(409);
    await new Promise((r) => setTimeout(r, 5));
    await control("invoices/ERP-3/credit", { Amount: "10.00" });
    expect((await sync()).drift.opened).toBe(1);
  });

  it("Cashline's own posting on its way is not drift; once the ERP booked it, both agree", async () => {
    const { receipt, invoice: inv } = await seedAppliedReceipt(world, 25_000n);
    // The invoice exists in the ERP (published earlier), still fully open there.
    await control("invoices", { TransactionNumber: inv.number, BusinessUnit: "US01", BillToCustomerNumber: "C-100", InvoiceCurrencyCode: "USD", Amount: "250.00" });
    const entryId = (await getDb().$transaction((tx) => requestErpPosting(tx, { receiptId: receipt.id, correlationId: "cid-drift" })))!;
    const during = await sync();
    expect(during.drift.inFlight).toBe(1);
    expect(await driftCase(inv.id)).toBeNull();
    const erp = singleErpConnection(createErpAdapter({ kind: "oracle", baseUrl: sim.url, credentials: {}, timeoutMs: 3000 }));
    await postJournalEntry(entryId, { correlationId: "cid-drift", finalAttempt: false, erp });
    const after = await sync();
    expect(after.drift.inFlight).toBe(0);
    expect(await invoice(inv.number)).toMatchObject({ openAmountMinor: 0n, erpOpenAmountMinor: 0n });
    expect(await driftCase(inv.id)).toBeNull();

    // Someone unapplies Cashline's posting in the ERP: drift, explained by the application and its posting, on the
    // invoice's timeline and on the receipt's.
    const booked = ((await (await fetch(`${sim.url}/__sim/ledger`)).json()) as any).receipts.find((x: any) => x.receiptApplications.some((a: any) => a.InvoiceNumber === inv.number));
    await new Promise((r) => setTimeout(r, 5));
    await fetch(`${sim.url}${ERP_API_PREFIX}/standardReceipts/${booked.StandardReceiptId}/child/receiptApplications/${booked.receiptApplications[0].ReceiptApplicationId}/action/unapply`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect((await sync()).drift.opened).toBe(1);
    const kase = (await driftCase(inv.id))!;
    expect(kase.suggestion).toMatchObject({
      cashlineOpen: "0.00", erpOpen: "250.00",
      cashlineApplications: [expect.objectContaining({ receiptId: receipt.id, kind: "INVOICE", amount: "250.00", reversedAt: null })],
      postings: [expect.objectContaining({ journalEntryId: entryId, status: "POSTED" })],
    });
    const receiptSteps = (await getReceiptTimeline(receipt.id))!.steps.map((x) => x.type);
    expect(receiptSteps).toContain("erp.drift_detected");
    const timeline = (await getInvoiceTimeline(inv.id))!;
    expect(timeline.invoice).toMatchObject({ open: "0.00", erpOpen: "250.00", status: "PAID" });
    expect(timeline.steps.filter((x) => x.type === "erp.drift_detected")).toHaveLength(1);
    expect(timeline.cases).toEqual([expect.objectContaining({ code: "ERP_DRIFT", status: "OPEN" })]);
  });

  it("shows an invoice's ERP story on its timeline: from the ERP, drift found, settled", async () => {
    const t = (await getInvoiceTimeline((await invoice("ERP-2")).id))!;
    expect(t.invoice).toMatchObject({ number: "ERP-2", sourceSystem: "erp", open: "0.00", erpOpen: "0.00" });
    expect(t.steps.map((x) => x.type)).toEqual(["invoice.issued", "erp.drift_detected", "erp.drift_adopted"]);
    expect(t.cases).toEqual([expect.objectContaining({ code: "ERP_DRIFT", status: "RESOLVED" })]);
  });
});
