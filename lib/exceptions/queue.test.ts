import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "../db/client.ts";
import { assignCases } from "./assign-cases.ts";
import { listExceptions } from "./list-exceptions.ts";
import { listExceptionsQuery } from "./queue-query.ts";
import { searchCandidateInvoices } from "./search-candidate-invoices.ts";
import { getCaseWorkspace } from "./get-case-workspace.ts";
import { saveSavedView } from "../saved-views/save-saved-view.ts";
import { listSavedViews } from "../saved-views/list-saved-views.ts";
import { deleteSavedView } from "../saved-views/delete-saved-view.ts";
import { saveViewBody } from "../saved-views/saved-view-schemas.ts";
import { actor, makeInvoice, makeReceipt, seedWorld, type World } from "./test-fixtures.ts";

useFreshDatabase();
let w: World;
const q = (raw: Record<string, string>) => listExceptionsQuery.parse(raw);
beforeAll(async () => { w = await seedWorld(); });

describe("exception queue", () => {
  it("filters by code, assignee (me / unassigned), amount, SLA and searches payer, reference and amount; sorts server-side", async () => {
    const a = await makeReceipt(w, { amountMinor: 12_345n, payerName: "ZEBRA LOGISTICS", code: "SHORT_PAY" });
    const b = await makeReceipt(w, { amountMinor: 99_000n, payerName: "ALPHA FOODS", code: "UNIDENTIFIED" });
    const c = await makeReceipt(w, { amountMinor: 500n, payerName: "MIDDLE CO", code: "OVERPAYMENT" });
    await getDb().exceptionCase.update({ where: { id: c.kase!.id }, data: { slaDueAt: new Date(Date.now() - 3_600_000) } });
    await assignCases(actor(w.analyst), { caseIds: [a.kase!.id], assigneeId: "me" });
    const ids = (r: { items: { id: string }[] }) => r.items.map((i) => i.id);

    expect(ids(await listExceptions(q({ code: "SHORT_PAY" })))).toEqual([a.kase!.id]);
    expect(ids(await listExceptions(q({ code: "SHORT_PAY,OVERPAYMENT", sort: "amount" })))).toEqual([c.kase!.id, a.kase!.id]);
    expect(ids(await listExceptions(q({ assignee: "me" }), { viewerId: w.analyst.id }))).toEqual([a.kase!.id]);
    expect(ids(await listExceptions(q({ assignee: "unassigned", sort: "payer" })))).toEqual([b.kase!.id, c.kase!.id]);
    expect(ids(await listExceptions(q({ minAmount: "100", maxAmount: "123.45", currency: "USD" })))).toEqual([a.kase!.id]);
    // Before: amounts of every currency compared as plain numbers; now a range needs its currency, and min ≤ max.
    await expect(listExceptions(q({ minAmount: "100" }))).rejects.toMatchObject({ problem: { status: 422, detail: expect.stringMatching(/needs a currency/) } });
    await expect(listExceptions(q({ minAmount: "200", maxAmount: "100", currency: "USD" }))).rejects.toMatchObject({ problem: { status: 422 } });
    expect(listExceptionsQuery.safeParse({ minAmount: "-100" }).success).toBe(false);
    expect(listExceptionsQuery.safeParse({ maxAmount: "abc" }).success).toBe(false);
    const overdue = await listExceptions(q({ sla: "overdue" }));
    expect(ids(overdue)).toEqual([c.kase!.id]);
    expect(overdue.overdue).toBe(1);
    expect(ids(await listExceptions(q({ q: "zebra" })))).toEqual([a.kase!.id]);
    expect(ids(await listExceptions(q({ q: "990.00" })))).toEqual([b.kase!.id]);
    expect(ids(await listExceptions(q({ q: a.receipt.bankReference! })))).toEqual([a.kase!.id]);
    expect(ids(await listExceptions(q({ sort: "amount", dir: "desc", limit: "2" })))).toEqual([b.kase!.id, a.kase!.id]);
    expect(ids(await listExceptions(q({ sort: "amount", dir: "desc", limit: "2", offset: "2" })))).toEqual([c.kase!.id]);
    const all = await listExceptions(q({}));
    expect(all.total).toBe(3);
    expect(all.items[0]).toMatchObject({ id: c.kase!.id, overdue: true, payerName: "MIDDLE CO", amount: "5.00", currency: "USD" });
    expect(listExceptionsQuery.safeParse({ code: "NOPE" }).success).toBe(false);
  });

  it("bulk-assigns, skips resolved cases, audits each and puts it on the timeline", async () => {
    const cases = await Promise.all([1, 2, 3].map(() => makeReceipt(w, { amountMinor: 1_000n })));
    await getDb().exceptionCase.update({ where: { id: cases[2]!.kase!.id }, data: { status: "RESOLVED" } });
    const res = await assignCases(actor(w.analyst), { caseIds: cases.map((c) => c.kase!.id), assigneeId: w.analyst2.id });
    expect(res).toMatchObject({ assigned: 2, skipped: [cases[2]!.kase!.id], assignee: { id: w.analyst2.id } });
    expect(await getDb().auditLog.count({ where: { action: "case.assigned", targetId: { in: cases.map((c) => c.kase!.id) } } })).toBe(2);
    expect(await getDb().workflowEvent.count({ where: { type: "case.assigned", receiptId: cases[0]!.receipt.id } })).toBe(1);
    await expect(assignCases(actor(w.analyst), { caseIds: [cases[0]!.kase!.id], assigneeId: w.treasury.id })).rejects.toMatchObject({ problem: { status: 422 } });
    expect((await assignCases(actor(w.analyst), { caseIds: [cases[0]!.kase!.id], assigneeId: null })).assigned).toBe(1);
  });

  it("saves, lists and deletes a user's own views (audited)", async () => {
    const body = saveViewBody.parse({ name: "My short pays", filters: { code: "SHORT_PAY", assignee: "me" } });
    const saved = await saveSavedView(w.analyst, body);
    await saveSavedView(w.analyst, { name: "My short pays", filters: { code: "SHORT_PAY", assignee: "me", sla: "overdue" } });
    expect((await listSavedViews(w.analyst.id)).items).toEqual([expect.objectContaining({ id: saved.id, filters: { code: "SHORT_PAY", assignee: "me", sla: "overdue" } })]);
    expect((await listSavedViews(w.analyst2.id)).items).toEqual([]);
    await expect(deleteSavedView(w.analyst2, saved.id)).rejects.toMatchObject({ problem: { status: 404 } });
    await deleteSavedView(w.analyst, saved.id);
    expect((await listSavedViews(w.analyst.id)).items).toEqual([]);
    expect(await getDb().auditLog.count({ where: { targetId: saved.id } })).toBe(3);
    expect(saveViewBody.safeParse({ name: "bad", filters: { code: "NOPE" } }).success).toBe(false);
  });
});

describe("receipt workspace", () => {
  it("ranks candidates: suggestion, then the customer's invoices by closeness, then others; searches across customers", async () => {
    const suggested = await makeInvoice(w, { amountMinor: 50_000n, customerId: w.globex.id });
    const exact = await makeInvoice(w, { amountMinor: 20_000n });
    const near = await makeInvoice(w, { amountMinor: 21_000n });
    const named = await makeInvoice(w, { amountMinor: 90_000n, number: "INV-NAMED-77" });
    const other = await makeInvoice(w, { amountMinor: 20_000n, customerId: w.globex.id, poNumber: "PO-4711" });
    const { receipt, kase } = await makeReceipt(w, { amountMinor: 20_000n, customerId: w.acme.id, suggestionInvoiceId: suggested.id, remittance: "PAYMENT INV-NAMED-77" });
    const { items } = await searchCandidateInvoices(receipt.id, { limit: 40 });
    const order = items.map((i) => i.id);
    expect(order[0]).toBe(suggested.id);
    expect(order.indexOf(named.id)).toBeLessThan(order.indexOf(exact.id));
    expect(order.indexOf(exact.id)).toBeLessThan(order.indexOf(near.id));
    expect(order.indexOf(near.id)).toBeLessThan(order.indexOf(other.id));
    expect(items.find((i) => i.id === exact.id)?.why).toContain("exact amount");
    expect(items.find((i) => i.id === other.id)?.group).toBe("other");
    expect((await searchCandidateInvoices(receipt.id, { q: "PO-4711", limit: 40 })).items.map((i) => i.id)).toEqual([other.id]);
    expect((await searchCandidateInvoices(receipt.id, { q: "globex", limit: 40 })).items.map((i) => i.id)).toContain(other.id);
    expect((await searchCandidateInvoices(receipt.id, { q: "900.00", limit: 40 })).items.map((i) => i.id)).toEqual([named.id]);

    const ws = await getCaseWorkspace(kase!.id, actor(w.analyst).actor);
    expect(ws?.receipt).toMatchObject({ id: receipt.id, amount: "200.00", unapplied: "200.00", version: 0, customer: { id: w.acme.id } });
    expect(ws?.receipt?.lineage.bankLine?.bankReference).toBe(receipt.bankReference);
    expect(ws?.case?.suggestion).toEqual([{ invoiceId: suggested.id, invoiceNumber: null, amount: "200.00" }]);
    expect(ws?.viewer.writeOffLimit).toBe("50.00");
    // The workspace opens by receipt id too.
    expect((await getCaseWorkspace(receipt.id, actor(w.analyst).actor))?.case?.id).toBe(kase!.id);
    expect(await getCaseWorkspace("nope", actor(w.analyst).actor)).toBeNull();
  });
});
