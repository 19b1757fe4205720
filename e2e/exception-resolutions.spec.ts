// Issue 11, "every exception has a way out": one journey per exception code, each clearing a real case of the
// seeded demo in the receipt workspace, checking that the queue count for its code drops, and checking the ERP
// simulator's ledger where money moves. A real ERP simulator and a real worker (jobs, schedules) run for this file.
import type { ChildProcess } from "node:child_process";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { spawnErpSim, type SpawnedErpSim } from "../lib/erp-sim/spawn.ts";
import { apiSession, signInWithForm, startE2eWorker, stopE2eWorker, type RoleName } from "./helpers.ts";

type Row = { id: string; code: string; status: string; receiptId: string | null; amount: string | null; currency: string | null };
type Resolution = { failedPostings: { erpError: string | null }[]; related: { kind: string; receiptId: string | null; label: string }[]; candidateSets: { invoiceId: string; amount: string }[][]; refunds: { id: string; status: string }[] };
type Ws = { case: { id: string; code: string; status: string } | null; receipt: { id: string; unapplied: string; state: string; currency: string } | null; resolution?: Resolution };
type LedgerReceipt = { ReceiptNumber: string; Amount: string; receiptApplications: { ApplicationType: string; InvoiceNumber: string | null; AmountApplied: string; WriteOffReason: string | null; ReversalDate?: string | null }[] };

let sim: SpawnedErpSim;
let worker: ChildProcess;
let api: APIRequestContext;
const used = new Set<string>();

test.describe.configure({ mode: "serial", timeout: 120_000 });

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(180_000);
  sim = await spawnErpSim();
  worker = await startE2eWorker({ ERP_URL: sim.url, ERP_BREAKER_COOLDOWN_MS: "1000" });
  api = await apiSession(baseURL!, "AR_ANALYST");
});

test.afterAll(async () => {
  stopE2eWorker(worker);
  await sim?.stop();
});

const ledger = async (): Promise<LedgerReceipt[]> => (await (await fetch(`${sim.url}/__sim/ledger`)).json()).receipts;
const erpReceipt = async (receiptId: string) => (await ledger()).filter((r) => r.ReceiptNumber === `CL-${receiptId}`);
const queueCount = async (code: string) => ((await (await api.get(`/api/v1/exceptions?code=${code}`)).json()) as { total: number }).total;
const workspace = async (id: string) => (await (await api.get(`/api/v1/exceptions/${id}`)).json()) as Ws;

/** The first open demo case of `code` (smallest amount first) that fits; each case serves one test. */
async function findCase(code: string, fits: (ws: Ws) => boolean = () => true): Promise<{ row: Row; ws: Ws }> {
  const list = (await (await api.get(`/api/v1/exceptions?code=${code}&status=OPEN,IN_PROGRESS&sort=amount&dir=asc&limit=200`)).json()) as { items: Row[] };
  for (const row of list.items) {
    if (!row.receiptId || used.has(row.id)) continue;
    const ws = await workspace(row.id);
    if (ws.receipt && fits(ws)) { used.add(row.id); return { row, ws }; }
  }
  throw new Error(`no open demo case of ${code} fits this test`);
}

async function page(browser: Browser, baseURL: string, role: RoleName): Promise<Page> {
  const p = await (await browser.newContext({ baseURL })).newPage();
  await signInWithForm(p, role);
  return p;
}

async function open(p: Page, caseId: string) {
  await p.goto(`/exceptions/${caseId}`);
  await expect(p.getByTestId("resolution-panel")).toBeVisible();
}

const result = (p: Page) => p.getByTestId("action-result");

async function caseStatus(id: string) { return (await workspace(id)).case!.status; }

/** The case is closed and its code's queue is shorter. (The worker's schedules may clear or open others of the same
 *  code meanwhile — the automatic posting retry, the stall watch — so the count is compared, not equated.) */
async function expectCleared(caseId: string, code: string, before: number) {
  await expect.poll(() => caseStatus(caseId), { timeout: 30_000 }).toBe("RESOLVED");
  const list = (await (await api.get(`/api/v1/exceptions?code=${code}&limit=200`)).json()) as { items: { id: string }[] };
  expect(list.items.map((i) => i.id)).not.toContain(caseId);
  if (code !== "STALLED") expect(await queueCount(code)).toBeLessThan(before);
}

/** Refund the receipt's unapplied cash: analyst asks, the controller approves when over the analyst's limit, then confirm. */
async function refundAndConfirm(analyst: Page, browser: Browser, baseURL: string, caseId: string) {
  await analyst.getByRole("button", { name: "Refund to payer" }).click();
  await expect(result(analyst)).toContainText(/Refund of .* (requested|is above your limit)/);
  if (/above your limit/.test((await result(analyst).textContent()) ?? "")) {
    const controller = await page(browser, baseURL, "CONTROLLER");
    await open(controller, caseId);
    await controller.getByRole("button", { name: "Approve refund" }).click();
    await expect(result(controller)).toContainText("approved and sent to the payments system");
    await controller.context().close();
    await analyst.reload();
  }
  await analyst.getByRole("button", { name: "Confirm refund paid" }).click();
  await expect(result(analyst)).toContainText("confirmed; case closed");
}

test("POSTING_FAILED: the ERP's answer is on the case; Retry posting books it once in the ERP and closes the case", async ({ browser, baseURL }) => {
  const { row } = await findCase("POSTING_FAILED", (ws) => ws.receipt!.state === "POSTING_FAILED");
  const before = await queueCount("POSTING_FAILED");
  const p = await page(browser, baseURL!, "AR_ANALYST");
  await open(p, row.id);
  await expect(p.getByTestId("erp-error")).toContainText("503 Service Unavailable");
  await p.getByRole("button", { name: "Retry posting" }).click();
  await expect(result(p)).toContainText("same idempotency key");
  await expect.poll(async () => (await erpReceipt(row.receiptId!)).length, { timeout: 60_000 }).toBe(1);
  await expect.poll(() => caseStatus(row.id), { timeout: 30_000 }).toBe("RESOLVED");
  expect((await erpReceipt(row.receiptId!))[0]!.Amount).toBe(row.amount);
  await expectCleared(row.id, "POSTING_FAILED", before);
});

test("AMBIGUOUS: every fitting set is shown; one click applies one, and the ERP gets exactly that", async ({ browser, baseURL }) => {
  const { row, ws } = await findCase("AMBIGUOUS", (w) => (w.resolution?.candidateSets.length ?? 0) > 0);
  const set = ws.resolution!.candidateSets[0]!;
  const before = await queueCount("AMBIGUOUS");
  const p = await page(browser, baseURL!, "AR_ANALYST");
  await open(p, row.id);
  await expect(p.getByTestId("candidate-sets")).toContainText(`Invoice sets that fit (${ws.resolution!.candidateSets.length})`);
  await p.getByRole("button", { name: "Apply set 1" }).click();
  await expect(result(p)).toContainText(/Receipt fully applied|still unapplied/);
  await expect.poll(async () => (await erpReceipt(row.receiptId!)).length, { timeout: 60_000 }).toBe(1);
  const erp = (await erpReceipt(row.receiptId!))[0]!;
  expect(erp.receiptApplications.filter((a) => a.ApplicationType === "INVOICE")).toHaveLength(set.length);
  await expectCleared(row.id, "AMBIGUOUS", before);
});

test("DUPLICATE: linked to the original receipt; refunded to the payer; the ERP books the refund", async ({ browser, baseURL }) => {
  const { row, ws } = await findCase("DUPLICATE", (w) => w.resolution!.related.some((r) => r.kind === "original_receipt"));
  const original = ws.resolution!.related.find((r) => r.kind === "original_receipt")!;
  const before = await queueCount("DUPLICATE");
  const p = await page(browser, baseURL!, "AR_ANALYST");
  await open(p, row.id);
  await expect(p.getByTestId("related").getByRole("link", { name: new RegExp(`original receipt ${original.receiptId}`) })).toBeVisible();
  await refundAndConfirm(p, browser, baseURL!, row.id);
  await expectCleared(row.id, "DUPLICATE", before);
  await expect.poll(async () => (await erpReceipt(row.receiptId!)).length, { timeout: 60_000 }).toBe(1);
  const erp = (await erpReceipt(row.receiptId!))[0]!;
  expect(erp.receiptApplications).toEqual([expect.objectContaining({ ApplicationType: "WRITE_OFF", WriteOffReason: "refund", AmountApplied: row.amount })]);
});

test("ALREADY_PAID: names the invoice and who paid it; refunded; the ERP books the refund", async ({ browser, baseURL }) => {
  const { row } = await findCase("ALREADY_PAID", (w) => w.resolution!.related.some((r) => r.kind === "paid_invoice"));
  const before = await queueCount("ALREADY_PAID");
  const p = await page(browser, baseURL!, "AR_ANALYST");
  await open(p, row.id);
  await expect(p.getByTestId("related")).toContainText(/is paid \(paid by receipt/);
  await refundAndConfirm(p, browser, baseURL!, row.id);
  await expectCleared(row.id, "ALREADY_PAID", before);
  await expect.poll(async () => (await erpReceipt(row.receiptId!)).length, { timeout: 60_000 }).toBe(1);
  expect((await erpReceipt(row.receiptId!))[0]!.receiptApplications.map((a) => a.WriteOffReason)).toEqual(["refund"]);
});

test("OVERPAYMENT: apply the invoice, refund the excess; the ERP gets both", async ({ browser, baseURL }) => {
  // A case with an open invoice smaller than the receipt: applying it leaves an excess to refund (compared in minor
  // units of the receipt's one currency, never as floats).
  const minor = (decimal: string) => BigInt(decimal.replace(".", ""));
  type Cand = { number: string; group: string; applicable: boolean; open: string };
  let picked: { row: Row; ws: Ws; invoice: Cand } | undefined;
  while (!picked) {
    const { row, ws } = await findCase("OVERPAYMENT", (w) => w.receipt!.state === "OVERPAYMENT");
    const cands = ((await (await api.get(`/api/v1/receipts/${row.receiptId}/candidates`)).json()) as { items: Cand[] }).items;
    const smaller = cands.filter((c) => c.applicable && minor(c.open) < minor(ws.receipt!.unapplied));
    const invoice = smaller.find((c) => c.group === "suggested") ?? smaller[0];
    if (invoice) picked = { row, ws, invoice };
  }
  const { row, ws, invoice } = picked;
  const before = await queueCount("OVERPAYMENT");
  const p = await page(browser, baseURL!, "AR_ANALYST");
  await open(p, row.id);
  await p.getByRole("button", { name: `Fill invoice ${invoice.number}` }).click();
  await p.getByRole("tab", { name: "Apply" }).click();
  await p.getByRole("button", { name: "Apply to 1 invoice" }).click();
  await expect(result(p)).toContainText("still unapplied");
  await refundAndConfirm(p, browser, baseURL!, row.id);
  await expectCleared(row.id, "OVERPAYMENT", before);
  await expect.poll(async () => (await erpReceipt(row.receiptId!)).length, { timeout: 60_000 }).toBe(1);
  const apps = (await erpReceipt(row.receiptId!))[0]!.receiptApplications;
  expect(apps.map((a) => a.ApplicationType).sort()).toEqual(["INVOICE", "WRITE_OFF"]);
  expect(ws.receipt!.currency).toBeTruthy();
});

test("STALLED: a payment waiting unseen has a case saying why; applying it clears the case and posts it", async ({ browser, baseURL }) => {
  // A stalled MATCHED payment whose invoice is still open for exactly its amount (a later payment may have paid it).
  const list = (await (await api.get(`/api/v1/exceptions?code=STALLED&limit=200`)).json()) as { items: Row[] };
  let row: Row | undefined;
  let exact: { number: string } | undefined;
  for (const r of list.items) {
    const w = await workspace(r.id);
    if (w.receipt?.state !== "MATCHED") continue;
    const cands = ((await (await api.get(`/api/v1/receipts/${r.receiptId}/candidates`)).json()) as { items: { number: string; open: string; applicable: boolean }[] }).items;
    exact = cands.find((c) => c.applicable && c.open === w.receipt!.unapplied);
    if (exact) { row = r; break; }
  }
  expect(row, "a stalled MATCHED payment with its invoice still open").toBeTruthy();
  if (!row || !exact) return;
  used.add(row.id);
  const before = await queueCount("STALLED");
  const p = await page(browser, baseURL!, "AR_ANALYST");
  await p.goto(`/payments/${row.receiptId}`);
  await expect(p.getByTestId("stall")).toContainText("allowed in this state");
  await open(p, row.id);
  await expect(p.locator(".workspace")).toContainText("stalled: MATCHED for");
  await p.getByRole("button", { name: `Fill invoice ${exact.number}` }).click();
  await p.getByRole("tab", { name: "Apply" }).click();
  await p.getByRole("button", { name: "Apply to 1 invoice" }).click();
  await expect(result(p)).toContainText("Receipt fully applied");
  await expectCleared(row.id, "STALLED", before);
  await expect.poll(async () => (await erpReceipt(row.receiptId!)).length, { timeout: 60_000 }).toBe(1);
  await p.goto("/");
  await expect(p.getByTestId("stalled")).toContainText(/\d+ stalled payments/);
});

test("CHARGEBACK: dispute opened, evidence submitted, won — nothing moves and the case closes", async ({ browser, baseURL }) => {
  const { row } = await findCase("CHARGEBACK", (w) => w.receipt!.state === "CHARGEBACK");
  const before = await queueCount("CHARGEBACK");
  const ledgerBefore = (await ledger()).length;
  const p = await page(browser, baseURL!, "AR_ANALYST");
  await open(p, row.id);
  const dispute = p.getByTestId("dispute");
  await dispute.getByRole("button", { name: "Open dispute" }).click();
  await expect(result(p)).toContainText("Dispute opened");
  await expect(dispute.getByRole("button", { name: "Submit evidence" })).toBeVisible();
  await dispute.locator("textarea").fill("signed delivery receipt and matching IP address");
  await dispute.getByRole("button", { name: "Submit evidence" }).click();
  await expect(result(p)).toContainText("Evidence submitted");
  await dispute.getByRole("button", { name: "Dispute won" }).click();
  await expect(result(p)).toContainText("Dispute won");
  expect(await caseStatus(row.id)).toBe("RESOLVED");
  expect((await workspace(row.id)).receipt!.state).toBe("POSTED");
  await expectCleared(row.id, "CHARGEBACK", before);
  expect((await erpReceipt(row.receiptId!))).toHaveLength(0);
  expect((await ledger()).length).toBeGreaterThanOrEqual(ledgerBefore);
});

test("RETURNED: Reverse and close re-opens what it paid, tells collections, and closes the case", async ({ browser, baseURL }) => {
  const { row } = await findCase("RETURNED", (w) => w.receipt!.state === "RETURNED");
  const before = await queueCount("RETURNED");
  const timeline0 = await (await api.get(`/api/v1/receipts/${row.receiptId}/timeline`)).json();
  const paid = (timeline0.applications as { kind: string; invoiceId: string | null; reversedAt: string | null }[]).filter((a) => a.kind === "INVOICE" && !a.reversedAt);
  const p = await page(browser, baseURL!, "AR_ANALYST");
  await open(p, row.id);
  await p.getByTestId("resolution-panel").getByLabel("Note").fill("R01: customer to pay again by wire");
  await p.getByRole("button", { name: "Reverse and close" }).click();
  await expect(result(p)).toContainText(`Closed: ${paid.length} invoice(s) re-opened, collections told.`);
  await expectCleared(row.id, "RETURNED", before);
  const timeline = await (await api.get(`/api/v1/receipts/${row.receiptId}/timeline`)).json();
  expect((timeline.applications as { reversedAt: string | null; reversalReason: string | null }[]).every((a) => a.reversedAt && /payment returned/.test(a.reversalReason ?? ""))).toBe(true);
  expect((timeline.steps as { type: string }[]).map((s) => s.type)).toEqual(expect.arrayContaining(["invoice.reopened", "collections.follow_up_requested"]));
  // No money reached the ERP for a returned payment: nothing was booked there twice.
  expect(await erpReceipt(row.receiptId!)).toHaveLength(0);
});
