// Screenshots of the analyst's and the controller's main screens at 1280×800 and 1920×1080, saved under
// test-results/screenshots/ for review, plus the checks that make 1280 px usable: the queue's Payer and Why
// columns keep a readable width, a candidate invoice keeps its Due date, and the favicon is served.
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { apiSession, signInWithForm } from "./helpers.ts";

const OUT = path.resolve(import.meta.dirname, "../test-results/screenshots");
const SIZES = [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }];

async function save(page: Page, name: string, size: { width: number; height: number }) {
  await page.waitForLoadState("networkidle");
  fs.mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: path.join(OUT, `${name}-${size.width}x${size.height}.png`) });
}

for (const size of SIZES) {
  test(`home, queue, case workspace and dashboards at ${size.width}×${size.height}`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, viewport: size });
    const page = await context.newPage();
    await signInWithForm(page, "AR_ANALYST");
    await page.goto("/");
    await expect(page.getByTestId("unapplied")).toContainText(/[A-Z]{3} [\d,]+\.\d{2}/);
    await save(page, "home", size);

    await page.goto("/exceptions");
    const table = page.getByTestId("exceptions-table");
    await expect(table).toBeVisible();
    const first = table.locator("tbody tr").first();
    // Columns that matter are never cut to three letters.
    expect((await first.getByTestId("payer").boundingBox())!.width).toBeGreaterThanOrEqual(140);
    expect((await first.locator("td.why").boundingBox())!.width).toBeGreaterThanOrEqual(180);
    const tableBox = (await table.boundingBox())!;
    expect(tableBox.x + tableBox.width).toBeLessThanOrEqual(size.width);
    await save(page, "queue", size);

    const api = await apiSession(baseURL!, "AR_ANALYST");
    const rows = ((await (await api.get("/api/v1/exceptions?code=SHORT_PAY")).json()) as { items: { id: string }[] }).items;
    await page.goto(`/exceptions/${rows[0]!.id}`);
    await expect(page.getByTestId("candidates-table")).toBeVisible();
    await expect(page.getByTestId("candidates-table").getByRole("columnheader", { name: "Due" })).toBeVisible();
    await save(page, "case-workspace", size);

    for (const [name, url] of [["dashboards", "/dashboards"], ["dashboards-latency", "/dashboards/latency"]] as const) {
      await page.goto(url);
      await expect(page.getByTestId("period-picker")).toHaveValue("30");
      await save(page, name, size);
    }
    await context.close();
  });
}

test("the controller's home page has the approvals inbox with a count; the favicon and app icons are served", async ({ page, request }) => {
  for (const icon of ["/favicon.ico", "/icon.svg", "/icon-192.png", "/apple-touch-icon.png"]) expect((await request.get(icon)).status(), icon).toBe(200);
  await signInWithForm(page, "CONTROLLER");
  await page.goto("/");
  await expect(page.getByTestId("approvals-inbox")).toBeVisible();
  await expect(page.getByTestId("approvals-count")).toHaveText(/^\d+$/);
  await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute("href", /favicon\.ico|icon/);
});
