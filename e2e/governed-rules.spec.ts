// Governed matching rules in the browser: a controller drafts a wider tolerance for US01, backtests it on the demo's
// history and reads the figures and the diff; the author cannot approve; an admin approves with a comment (the
// approval records the backtest); the controller rolls back in one click. The demo's rules end as they began
// (the rollback is a new version with the old rules).
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { apiSession, signInWithForm } from "./helpers.ts";

type Policy = { entity: string; version: number; effective: { tolerance: { maxAbsolute: string; maxBasisPoints: number } } };
type Draft = { id: string; entity: string; status: string; version: number | null; approvedBacktest: { draft: { wrong: number } } | null; latestBacktest: { id: string; summary: { moreWrongThanLive: boolean; changed: number; live: { receipts: number } } | null } | null };

async function shot(page: Page, info: TestInfo, name: string) {
  await info.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
}

test("draft → backtest → diff → second-person approval → new version → rollback", async ({ page, browser, baseURL }, info) => {
  test.setTimeout(120_000);
  const api = await apiSession(baseURL!, "CONTROLLER");
  const before = ((await (await api.get("/api/v1/matching-policies")).json()) as { items: Policy[] }).items.find((p) => p.entity === "US01")!;

  await signInWithForm(page, "CONTROLLER");
  await page.goto("/rules");
  const editor = page.getByTestId("policy-US01");
  await editor.getByLabel("Write-off tolerance (amount)").fill("40.00");
  await editor.getByLabel("and at most (basis points of the open total)").fill("80");
  await editor.getByLabel("Why (kept in the audit log)").fill("bank charges on wires have grown");
  await editor.getByRole("button", { name: "Save as draft" }).click();
  await expect(editor.getByRole("status")).toContainText("Draft saved");
  const drafts = ((await (await api.get("/api/v1/matching-policy-changes")).json()) as { items: Draft[] }).items;
  const draft = drafts.find((d) => d.entity === "US01")!;
  const card = page.getByTestId(`draft-${draft.id}`);
  await expect(card).toContainText("loosens");
  await expect(card.getByRole("button", { name: "Approve" })).toHaveCount(0); // its author
  await card.getByRole("button", { name: "Run backtest" }).click();
  await expect(card.getByTestId("figures-draft")).toBeVisible({ timeout: 60_000 });
  const bt = ((await (await api.get("/api/v1/matching-policy-changes")).json()) as { items: Draft[] }).items.find((d) => d.id === draft.id)!.latestBacktest!;
  expect(bt.summary!.live.receipts).toBeGreaterThan(100); // the demo's last 90 days
  await expect(card.getByTestId("backtest-red-flag")).toHaveCount(bt.summary!.moreWrongThanLive ? 1 : 0);
  if (bt.summary!.changed > 0) await expect(card.getByTestId("backtest-diff").locator("tbody tr")).not.toHaveCount(0);
  const csv = await api.get(`/api/v1/policy-backtests/${bt.id}/rows?format=csv`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect((await csv.text()).split("\r\n")[0]).toMatch(/^receipt_id,/);
  await shot(page, info, "rules-draft-backtest");

  // The second person.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInWithForm(admin, "ADMIN");
  await admin.goto("/rules");
  const adminCard = admin.getByTestId(`draft-${draft.id}`);
  await adminCard.getByLabel("Comment").fill("backtest reviewed: acceptable");
  await adminCard.getByRole("button", { name: "Approve" }).click();
  await expect(adminCard).toHaveCount(0);
  await expect(admin.getByTestId("policy-US01")).toContainText(`Version ${before.version + 1}`);
  await shot(admin, info, "rules-approved");
  await adminContext.close();
  const decided = ((await (await api.get("/api/v1/matching-policy-changes?status=DECIDED")).json()) as { items: Draft[] }).items.find((d) => d.id === draft.id)!;
  expect(decided).toMatchObject({ status: "APPROVED", version: before.version + 1 });
  expect(decided.approvedBacktest).not.toBeNull();

  // One click back.
  await page.goto("/rules");
  const after = page.getByTestId("policy-US01");
  await after.getByLabel("Why go back").fill("undo the wider tolerance after review");
  await after.getByRole("button", { name: "Roll back to the previous version" }).click();
  await expect(after.getByRole("status")).toContainText(`Rolled back: version ${before.version + 2}`);
  const now = ((await (await api.get("/api/v1/matching-policies")).json()) as { items: Policy[] }).items.find((p) => p.entity === "US01")!;
  expect(now.version).toBe(before.version + 2);
  expect(now.effective.tolerance).toEqual(before.effective.tolerance);
  await shot(page, info, "rules-rolled-back");
  await api.dispose();
});
