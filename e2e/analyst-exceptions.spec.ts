// The AR analyst's day against the seeded demo: clearing exceptions by every action in the receipt workspace, the
// four-eyes write-off, keyboard work in the queue, a conflict between two analysts, and a payment's timeline.
// Receipts are picked from the demo data through the API (ids are never hard-coded, except the demo users').
import { expect, test, type APIRequestContext, type Browser, type Page, type TestInfo } from "@playwright/test";
import { fromMinor, toMinor } from "../lib/money/money.ts";
import { apiSession, signInWithForm, type RoleName } from "./helpers.ts";

type Candidate = { id: string; number: string; customerName: string; group: string; open: string; applicable: boolean; currency: string };
type Row = { id: string; code: string; status: string; receiptId: string | null; payerName: string | null; amount: string | null; currency: string | null };
type Ws = { receipt: { id: string; version: number; unapplied: string; currency: string; customer: { id: string; name: string } | null; payerName: string | null } | null; case: { id: string } | null };
type Found = { row: Row; ws: Ws; cands: Candidate[]; suggested?: Candidate; unapplied: bigint; cur: string };

const used = new Set<string>();
const minor = (amount: string, cur: string) => toMinor(amount, cur);

async function shot(page: Page, testInfo: TestInfo, name: string) {
  await testInfo.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
}

/** An open demo case of one of the codes that fits the test's needs; each case is used by one test only. */
async function findCase(api: APIRequestContext, codes: string[], fits: (f: Found) => boolean): Promise<Found> {
  const list = (await (await api.get(`/api/v1/exceptions?code=${codes.join(",")}&status=OPEN,IN_PROGRESS&limit=300`)).json()) as { items: Row[] };
  let tried = 0;
  for (const row of list.items) {
    if (!row.receiptId || used.has(row.id) || tried++ > 80) continue;
    const ws = (await (await api.get(`/api/v1/exceptions/${row.id}`)).json()) as Ws;
    if (!ws.receipt) continue;
    const cands = ((await (await api.get(`/api/v1/receipts/${row.receiptId}/candidates`)).json()) as { items: Candidate[] }).items;
    const cur = ws.receipt.currency;
    const f: Found = { row, ws, cands, cur, unapplied: minor(ws.receipt.unapplied, cur), suggested: cands.find((c) => c.group === "suggested" && c.applicable) };
    if (f.unapplied > 0n && fits(f)) {
      used.add(row.id);
      return f;
    }
  }
  throw new Error(`no open demo case of ${codes.join("/")} fits this test`);
}

async function openWorkspace(page: Page, caseId: string) {
  await page.goto(`/exceptions/${caseId}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
}

async function signedInPage(browser: Browser, baseURL: string, role: RoleName): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signInWithForm(page, role);
  return page;
}

const result = (page: Page) => page.getByTestId("action-result");

/** Press a workspace shortcut until its tab is selected: a key pressed before the page has hydrated reaches no
 *  handler (seen once in CI: the "Escalate" form never opened), so a lost press is retried rather than waited on. */
async function shortcut(page: Page, key: string, tab: string) {
  const selected = page.getByRole("tab", { name: tab, exact: true });
  await expect(async () => {
    await page.keyboard.press(key);
    await expect(selected).toHaveAttribute("aria-selected", "true", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
}

test.describe("AR analyst: the receipt workspace", () => {
  let api: APIRequestContext;
  test.beforeAll(async ({ baseURL }) => { api = await apiSession(baseURL!, "AR_ANALYST"); });

  test("apply an unidentified receipt found by search; Cashline learns the payer; the learning can be revoked", async ({ page }, testInfo) => {
    const f = await findCase(api, ["UNIDENTIFIED"], (x) => x.cands.some((c) => c.group === "other" && c.applicable && minor(c.open, x.cur) >= x.unapplied) && !!x.ws.receipt!.payerName);
    const target = f.cands.find((c) => c.group === "other" && c.applicable && minor(c.open, f.cur) >= f.unapplied)!;
    await signInWithForm(page, "AR_ANALYST");
    await openWorkspace(page, f.row.id);
    await shot(page, testInfo, "workspace-unidentified");
    await page.keyboard.press("/");
    await expect(page.getByTestId("candidate-search")).toBeFocused();
    await page.keyboard.type(target.number);
    const row = page.locator(`tr[data-invoice="${target.number}"]`);
    await expect(row).toBeVisible();
    await row.getByRole("button", { name: `Fill invoice ${target.number}` }).click();
    await page.getByRole("tab", { name: "Apply" }).click();
    await page.getByRole("button", { name: "Apply to 1 invoice" }).click();
    await expect(result(page)).toContainText("Receipt fully applied");
    await expect(page.getByTestId("unapplied")).toContainText("0.00");
    const learned = page.getByTestId("learned-payers");
    await expect(learned).toContainText(f.ws.receipt!.payerName!);
    await expect(learned).toContainText(target.customerName);
    await shot(page, testInfo, "workspace-applied-learned");
    await learned.getByRole("button", { name: "revoke" }).first().click();
    await expect(learned).toContainText("revoked by");
    const timeline = await (await api.get(`/api/v1/receipts/${f.row.receiptId}/timeline`)).json();
    expect(timeline.receipt.state).toBe("APPLIED");
    expect(timeline.journal.at(-1)).toMatchObject({ status: expect.stringMatching(/PENDING|POSTED/), balanced: true });
  });

  test("split a receipt: the server refuses parts that do not add up, then splits invoice + on account", async ({ page }, testInfo) => {
    const f = await findCase(api, ["SHORT_PAY", "AMBIGUOUS"], (x) => !!x.suggested && !!x.ws.receipt!.customer && minor(x.suggested.open, x.cur) >= x.unapplied && x.unapplied > 5000n);
    const invoicePart = f.unapplied - 2000n;
    await signInWithForm(page, "AR_ANALYST");
    await openWorkspace(page, f.row.id);
    await page.getByLabel(`Amount for invoice ${f.suggested!.number}`).fill(fromMinor(invoicePart, f.cur));
    await page.getByRole("tab", { name: "Split" }).click();
    await page.getByRole("button", { name: "+ On-account part" }).click();
    const part = page.getByRole("group", { name: "On account part 1" });
    await expect(part.getByLabel("Amount")).toHaveValue("20.00");
    // The picker never chooses by itself (one click used to put the cash on the first hit): the analyst picks.
    const picker = part.getByRole("combobox", { name: "Customer" });
    await expect(picker).toHaveValue("");
    await expect(page.getByRole("button", { name: "Split into 2 parts" })).toBeDisabled();
    await expect(picker.locator("option").nth(1)).toBeAttached();
    await picker.selectOption({ index: 1 });
    await expect(picker).not.toHaveValue("");
    await part.getByLabel("Amount").fill("19.99");
    await page.getByRole("button", { name: "Split into 2 parts" }).click();
    await expect(page.getByTestId("action-error")).toContainText("the parts must add up exactly");
    await expect(page.getByTestId("action-error")).toContainText("0.01 short");
    await shot(page, testInfo, "workspace-split-refused");
    await part.getByLabel("Amount").fill("20.00");
    await page.getByRole("button", { name: "Split into 2 parts" }).click();
    await expect(result(page)).toContainText("Receipt fully applied");
    await expect(page.getByTestId("applications-table")).toContainText("on account");
    await shot(page, testInfo, "workspace-split-done");
  });

  test("short pay: apply the cash, the rest of the invoice stays open as a deduction with its reason", async ({ page }, testInfo) => {
    const f = await findCase(api, ["SHORT_PAY"], (x) => !!x.suggested && minor(x.suggested.open, x.cur) > x.unapplied);
    await signInWithForm(page, "AR_ANALYST");
    await openWorkspace(page, f.row.id);
    await page.getByRole("button", { name: "use suggestion" }).click();
    await page.getByRole("tab", { name: "Short pay" }).click();
    await page.getByLabel(`Deduction reason for ${f.suggested!.number}`).selectOption("discount_taken");
    await shot(page, testInfo, "workspace-short-pay");
    await page.getByRole("button", { name: "Short pay 1 invoice" }).click();
    await expect(result(page)).toContainText("Receipt fully applied");
    await expect(page.getByTestId("applications-table")).toContainText("deduction · Discount taken");
    const cands = (await (await api.get(`/api/v1/receipts/${f.row.receiptId}/candidates?q=${encodeURIComponent(f.suggested!.number)}`)).json()).items as Candidate[];
    expect(cands.find((c) => c.id === f.suggested!.id)?.open).toBe(fromMinor(minor(f.suggested!.open, f.cur) - f.unapplied, f.cur));
  });

  test("put on account for a customer found by name", async ({ page }, testInfo) => {
    const f = await findCase(api, ["UNIDENTIFIED", "DUPLICATE"], (x) => x.cands.some((c) => c.group === "other"));
    const customer = f.cands.find((c) => c.group === "other")!.customerName;
    await signInWithForm(page, "AR_ANALYST");
    await openWorkspace(page, f.row.id);
    await shortcut(page, "4", "On account");
    await page.getByLabel("Find customer").fill(customer.split(" ")[0]!);
    const select = page.getByRole("combobox", { name: "Customer" });
    await expect(select.locator("option", { hasText: customer })).toHaveCount(1);
    await select.selectOption({ label: await select.locator("option", { hasText: customer }).innerText() });
    await page.getByRole("button", { name: "Put on account" }).click();
    await expect(result(page)).toContainText("Receipt fully applied");
    await expect(page.getByTestId("applications-table")).toContainText(customer);
    await shot(page, testInfo, "workspace-on-account");
  });

  test("write off a shortfall within the limit (controller, in one step with the cash)", async ({ browser, baseURL }, testInfo) => {
    const f = await findCase(api, ["SHORT_PAY"], (x) => !!x.suggested && minor(x.suggested.open, x.cur) > x.unapplied && minor(x.suggested.open, x.cur) - x.unapplied <= 100_000n);
    const page = await signedInPage(browser, baseURL!, "CONTROLLER");
    await openWorkspace(page, f.row.id);
    await page.getByRole("button", { name: "use suggestion" }).click();
    await page.getByRole("tab", { name: "Write off" }).click();
    await page.getByRole("combobox", { name: "Reason" }).selectOption("discount");
    await page.getByRole("button", { name: /^the rest:/ }).click();
    await expect(page.getByRole("button", { name: "Write off", exact: true })).toBeEnabled();
    await shot(page, testInfo, "workspace-write-off-within-limit");
    await page.getByRole("button", { name: "Write off", exact: true }).click();
    await expect(result(page)).toContainText("Receipt fully applied");
    await expect(page.getByTestId("applications-table")).toContainText("write off · Early-payment discount");
    const t = await (await api.get(`/api/v1/receipts/${f.row.receiptId}/timeline`)).json();
    expect(t.journal.at(-1).lines.some((l: { account: string }) => l.account === "6820")).toBe(true);
    expect(t.journal.every((j: { balanced: boolean }) => j.balanced)).toBe(true);
    await page.context().close();
  });

  test("write off above the analyst's limit: sent for approval, the analyst cannot approve, the controller approves", async ({ page, browser, baseURL }, testInfo) => {
    const f = await findCase(api, ["SHORT_PAY"], (x) => !!x.suggested && minor(x.suggested.open, x.cur) - x.unapplied > 5_000n && minor(x.suggested.open, x.cur) - x.unapplied <= 100_000n);
    await signInWithForm(page, "AR_ANALYST");
    await openWorkspace(page, f.row.id);
    await page.getByRole("button", { name: "use suggestion" }).click();
    await page.getByRole("tab", { name: "Write off" }).click();
    await page.getByRole("button", { name: /^the rest:/ }).click();
    await page.getByLabel("Note for the approver").fill("Customer deducted a volume rebate agreed by sales.");
    await page.getByRole("button", { name: "Send for approval" }).click();
    await expect(result(page)).toContainText("sent for approval by a second person");
    const panel = page.getByTestId("approval-panel");
    await expect(panel).toContainText("You proposed it");
    await expect(panel.getByRole("button", { name: "Approve write-off" })).toHaveCount(0);
    await shot(page, testInfo, "workspace-write-off-pending");
    const own = await api.post(`/api/v1/exceptions/${f.row.id}/write-off/approve`, { data: {} });
    expect(own.status()).toBe(403);
    expect((await own.json()).detail).toMatch(/second person/);

    const controller = await signedInPage(browser, baseURL!, "CONTROLLER");
    await controller.goto("/exceptions?status=PENDING_APPROVAL");
    await expect(controller.locator(`tr[data-case-id="${f.row.id}"]`)).toBeVisible();
    await openWorkspace(controller, f.row.id);
    await expect(controller.getByTestId("approval-panel")).toContainText("volume rebate");
    await shot(controller, testInfo, "workspace-write-off-approval");
    await controller.getByRole("button", { name: "Approve write-off" }).click();
    await expect(result(controller)).toContainText("approved");
    await expect(controller.getByTestId("applications-table")).toContainText("write off");
    await controller.context().close();
  });

  test("escalate to the controller with a note, then comment", async ({ page }, testInfo) => {
    const f = await findCase(api, ["UNIDENTIFIED", "DUPLICATE", "AMBIGUOUS", "OVERPAYMENT"], () => true);
    await signInWithForm(page, "AR_ANALYST");
    await openWorkspace(page, f.row.id);
    await shortcut(page, "6", "Escalate");
    await page.getByRole("combobox", { name: "Escalate to" }).selectOption({ label: "Casey Controller · controller" });
    await page.getByLabel("What should they decide? (required)").fill("Large payment from an unknown payer: approve a refund?");
    await page.getByRole("button", { name: "Escalate" }).click();
    await expect(result(page)).toContainText("Escalated to Casey Controller");
    await expect(page.locator(".titlebar")).toContainText("escalated");
    await shortcut(page, "7", "Comment");
    await page.getByRole("textbox", { name: "Comment" }).fill("Left a voicemail with the payer's AP team.");
    await page.getByRole("button", { name: "Add comment" }).click();
    await expect(page.getByTestId("notes")).toContainText("Left a voicemail");
    await expect(page.getByTestId("notes")).toContainText("Escalated to Casey Controller");
    await shot(page, testInfo, "workspace-escalated-commented");
    const t = await (await api.get(`/api/v1/receipts/${f.row.receiptId}/timeline`)).json();
    expect(t.steps.map((s: { type: string }) => s.type)).toEqual(expect.arrayContaining(["case.escalated", "case.commented"]));
  });

  test("unapply: reverse an application, the invoice re-opens and the receipt is back to identified", async ({ page }, testInfo) => {
    const f = await findCase(api, ["AMBIGUOUS", "SHORT_PAY", "OVERPAYMENT"], (x) => !!x.suggested);
    const amount = minor(f.suggested!.open, f.cur) < f.unapplied ? f.suggested!.open : f.ws.receipt!.unapplied;
    const applied = await api.post(`/api/v1/receipts/${f.row.receiptId}/apply`, { data: { receiptVersion: f.ws.receipt!.version, lines: [{ invoiceId: f.suggested!.id, amount }] } });
    expect(applied.status()).toBe(200);
    await signInWithForm(page, "AR_ANALYST");
    await openWorkspace(page, f.row.receiptId!);
    const apps = page.getByTestId("applications-table");
    await apps.getByRole("button", { name: /^Unapply invoice/ }).first().click();
    await page.getByLabel("Reason for unapplying").fill("Applied to the wrong invoice");
    await page.getByRole("button", { name: "Unapply", exact: true }).click();
    await expect(result(page)).toContainText("Reversed");
    await expect(apps).toContainText("reversed by Alex Analyst");
    await shot(page, testInfo, "workspace-unapplied");
    const cands = (await (await api.get(`/api/v1/receipts/${f.row.receiptId}/candidates?q=${encodeURIComponent(f.suggested!.number)}`)).json()).items as Candidate[];
    expect(cands.find((c) => c.id === f.suggested!.id)?.open).toBe(f.suggested!.open);
  });
});

test("two analysts act on the same receipt: the second gets a clear conflict, never a double apply", async ({ browser, baseURL }, testInfo) => {
  const api = await apiSession(baseURL!, "AR_ANALYST");
  const f = await findCase(api, ["AMBIGUOUS", "SHORT_PAY", "OVERPAYMENT"], (x) => !!x.suggested);
  const [a, b] = await Promise.all([signedInPage(browser, baseURL!, "AR_ANALYST"), signedInPage(browser, baseURL!, "CONTROLLER")]);
  for (const p of [a, b]) {
    await openWorkspace(p, f.row.id);
    await p.getByRole("button", { name: `Fill invoice ${f.suggested!.number}` }).click();
    await p.getByRole("tab", { name: "Apply" }).click();
  }
  await a.getByRole("button", { name: "Apply to 1 invoice" }).click();
  await expect(result(a)).toBeVisible();
  await b.getByRole("button", { name: "Apply to 1 invoice" }).click();
  const conflict = b.getByTestId("action-error");
  await expect(conflict).toContainText("Someone else acted on this receipt first");
  await expect(conflict.getByRole("button", { name: "Reload the receipt" })).toBeVisible();
  await shot(b, testInfo, "workspace-conflict");
  const ws = await (await api.get(`/api/v1/exceptions/${f.row.id}`)).json();
  expect(ws.applications.filter((x: { kind: string; reversedAt: string | null }) => x.kind === "INVOICE" && !x.reversedAt)).toHaveLength(1);
  await Promise.all([a.context().close(), b.context().close()]);
});

test("the queue by keyboard: j/k move, x selects, ? helps, a assigns, Enter opens; filters, saved views, bulk assign", async ({ page }, testInfo) => {
  await signInWithForm(page, "AR_ANALYST");
  await page.goto("/exceptions?assignee=unassigned&status=OPEN");
  const table = page.getByTestId("exceptions-table");
  await expect(table).toBeVisible();
  await shot(page, testInfo, "queue");
  const rows = table.locator("tbody tr");
  const ids = await rows.evaluateAll((trs) => trs.slice(0, 4).map((tr) => tr.getAttribute("data-case-id")!));
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await page.keyboard.press("k");
  await expect(rows.nth(1)).toBeFocused();
  await expect(rows.nth(1)).toHaveClass(/cursor/);
  await page.keyboard.press("?");
  await expect(page.getByTestId("shortcut-help")).toBeVisible();
  await shot(page, testInfo, "queue-shortcuts");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("shortcut-help")).toBeHidden();

  // Bulk: select the first three with x, assign them to the controller.
  await page.keyboard.press("k");
  for (let i = 0; i < 3; i++) { await page.keyboard.press("x"); await page.keyboard.press("j"); }
  await expect(page.getByTestId("bulk-bar")).toContainText("3 selected");
  await page.getByTestId("bulk-assignee").selectOption({ label: "Casey Controller" });
  await page.getByRole("button", { name: "Assign 3" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Assigned 3 to Casey Controller" })).toBeVisible();
  // They are no longer unassigned: the live list drops them.
  await expect(table.locator(`tr[data-case-id="${ids[0]}"]`)).toHaveCount(0);

  // a = assign the current case to me.
  const first = await rows.first().getAttribute("data-case-id");
  await rows.first().click();
  await page.keyboard.press("a");
  await expect(page.getByRole("status").filter({ hasText: "Assigned 1 to you" })).toBeVisible();
  await page.getByLabel("Assignee").selectOption("me");
  await expect(table.locator(`tr[data-case-id="${first}"]`)).toBeVisible();

  // Saved view: save the current filters, clear, load it back.
  await page.getByRole("button", { name: "Save view…" }).click();
  await page.getByLabel("Name").fill("Mine, open");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("saved-view-select")).toContainText("Mine, open");
  await page.getByRole("button", { name: "Clear", exact: true }).click();
  await page.getByTestId("saved-view-select").selectOption({ label: "Mine, open" });
  await expect(page.getByLabel("Assignee")).toHaveValue("me");
  await page.getByRole("button", { name: "Delete “Mine, open”" }).click();
  await expect(page.getByTestId("saved-view-select")).not.toContainText("Mine, open");

  // Search, then Enter opens the workspace of the case under the cursor.
  await page.keyboard.press("/");
  await expect(page.getByLabel(/Search/)).toBeFocused();
  await page.keyboard.press("Escape");
  await page.keyboard.press("j");
  await page.keyboard.press("k");
  const target = await rows.first().getAttribute("data-case-id");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/exceptions/${target}$`));
  await expect(page.getByRole("tab", { name: "Apply" })).toBeVisible();
  await page.keyboard.press("u");
  await expect(page).toHaveURL(/\/exceptions(\?|$)/);
});

test("payments: live list by keyboard, and a payment's timeline across systems", async ({ page }, testInfo) => {
  await signInWithForm(page, "AR_ANALYST");
  await page.goto("/payments?state=POSTED");
  const table = page.getByTestId("receipts-table");
  await expect(table).toBeVisible();
  await page.getByRole("button", { name: "Amount", exact: true }).click();
  await expect(page).toHaveURL(/sort=amount/);
  await shot(page, testInfo, "payments");
  await page.keyboard.press("j");
  const id = await table.locator("tbody tr").nth(1).getAttribute("data-receipt-id");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/payments/${id}$`));
  const steps = page.getByTestId("timeline");
  await expect(steps).toContainText("payment received");
  await expect(steps).toContainText("receipt posted");
  await expect(page.getByTestId("owner")).toContainText("Now with");
  await expect(page.getByTestId("journal-entry").first()).toContainText("posted");
  await shot(page, testInfo, "payment-timeline");
});
