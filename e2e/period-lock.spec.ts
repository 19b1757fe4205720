// The period lock in the browser: once two people have signed a month off, an analyst applying a receipt dated in
// it gets a clear error naming the period, and nothing moves; the Close page shows the lock, and reopening takes a
// request and a second person. The spec reopens the month at the end so the demo stays as it was.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { toMinor } from "../lib/money/money.ts";
import { apiSession, signInWithForm } from "./helpers.ts";

type Row = { id: string; receiptId: string | null };
type Ws = { receipt: { id: string; unapplied: string; currency: string; valueDate: string; entity: { code: string } } | null };
type Candidate = { id: string; number: string; open: string; applicable: boolean };

async function pickCase(api: APIRequestContext) {
  const list = (await (await api.get("/api/v1/exceptions?code=UNIDENTIFIED,AMBIGUOUS,SHORT_PAY,OVERPAYMENT&status=OPEN,IN_PROGRESS&limit=200")).json()) as { items: Row[] };
  // The last rows: the analyst spec takes cases from the front of the same list.
  for (const row of list.items.reverse()) {
    if (!row.receiptId) continue;
    const ws = (await (await api.get(`/api/v1/exceptions/${row.id}`)).json()) as Ws;
    if (!ws.receipt || toMinor(ws.receipt.unapplied, ws.receipt.currency) <= 0n) continue;
    const cands = ((await (await api.get(`/api/v1/receipts/${row.receiptId}/candidates`)).json()) as { items: Candidate[] }).items;
    const invoice = cands.find((c) => c.applicable);
    if (invoice) return { row, receipt: ws.receipt, invoice };
  }
  throw new Error("no open demo case with an applicable invoice");
}

test("a signed-off month refuses an analyst's application with an error naming the period; reopening takes two people", async ({ page, baseURL }, info) => {
  const analyst = await apiSession(baseURL!, "AR_ANALYST");
  const controller = await apiSession(baseURL!, "CONTROLLER");
  const admin = await apiSession(baseURL!, "ADMIN");
  const { row, receipt, invoice } = await pickCase(analyst);
  const period = receipt.valueDate.slice(0, 7);
  const entity = receipt.entity.code;

  // Two signatures: the controller prepares over the blockers, the admin overrides with a reason of their own.
  const readiness = await (await controller.get(`/api/v1/close/readiness?period=${period}&entity=${entity}`)).json();
  let signOffId: string | undefined = readiness.entities[0].signOff?.id;
  if (!signOffId) {
    const prepared = await controller.post("/api/v1/close/sign-offs", { data: { entity, period, justification: "Period lock e2e: carried items reviewed with the AR lead." } });
    expect(prepared.status()).toBe(201);
    signOffId = (await prepared.json()).id;
  }
  const selfApproval = await controller.post(`/api/v1/close/sign-offs/${signOffId}/approve`, { data: { note: "I approve my own sign-off, which must not work." } });
  expect(selfApproval.status()).toBe(403);
  const locked = await admin.post(`/api/v1/close/sign-offs/${signOffId}/approve`, { data: { note: "Reviewed the open items with the controller; override." } });
  expect(locked.status()).toBe(200);
  expect((await locked.json()).status).toBe("LOCKED");

  try {
    await signInWithForm(page, "AR_ANALYST");
    await page.goto(`/exceptions/${row.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.getByTestId("candidate-search").fill(invoice.number);
    const line = page.locator(`tr[data-invoice="${invoice.number}"]`);
    await line.getByRole("button", { name: `Fill invoice ${invoice.number}` }).click();
    await page.getByRole("tab", { name: "Apply" }).click();
    await page.getByRole("button", { name: "Apply to 1 invoice" }).click();
    const error = page.getByTestId("action-error");
    await expect(error).toContainText(`Period ${period} of ${entity} is signed off and locked: applying this receipt (dated ${receipt.valueDate}) is not allowed`);
    await info.attach("locked-period-refusal", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
    const after = (await (await analyst.get(`/api/v1/exceptions/${row.id}`)).json()) as Ws;
    expect(after.receipt!.unapplied).toBe(receipt.unapplied);

    // The Close page shows the lock; the controller asks to reopen there; the admin approves (not the requester).
    await page.context().clearCookies();
    await signInWithForm(page, "CONTROLLER");
    await page.goto(`/close?period=${period}`);
    const lock = page.getByTestId(`period-lock-${entity}`);
    await expect(lock).toContainText(`${period} locked`);
    await lock.getByLabel(/Reason to reopen/).fill("Period lock e2e: reopen to restore the demo.");
    await lock.getByRole("button", { name: `Ask to reopen ${period}` }).click();
    await expect(page.getByTestId(`reopen-${entity}`)).toContainText("Reopen requested by Casey Controller");
    await expect(page.getByTestId(`reopen-${entity}`).getByRole("button", { name: "Approve reopening" })).toHaveCount(0);
    await info.attach("reopen-requested", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
  } finally {
    const pending = (await (await admin.get(`/api/v1/close/readiness?period=${period}&entity=${entity}`)).json()).entities[0].reopenRequest;
    const requestId = pending?.id ?? (await (await controller.post("/api/v1/close/reopen-requests", { data: { entity, period, reason: "Period lock e2e: restore the demo." } })).json()).id;
    expect((await admin.post(`/api/v1/close/reopen-requests/${requestId}/approve`, { data: {} })).status()).toBe(200);
  }
  const reopened = (await (await admin.get(`/api/v1/close/readiness?period=${period}&entity=${entity}`)).json()).entities[0];
  expect(reopened.signOff).toBeNull();
});
