// Treasury and controller journeys against the seeded demo: the cash position shows the API's figures; the
// dashboards render; a controller's sign-off is refused while items block and, once a written justification is
// given, only prepared: overriding blockers takes a second person (the demo always has blockers in the current
// month: today's receipts are not posted yet). The month is left unlocked for the other specs.
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { formatAmount } from "../components/format.ts";
import { signInWithForm } from "./helpers.ts";

type CashPosition = {
  accounts: { id: string; name: string; closingBalance: string | null; receivedToday: string; inTransit: string; projected: string | null; erpBalance: string; bankMinusErp: string | null }[];
  totals: { currency: string; accounts: number; projected: string }[];
};

async function shot(page: Page, info: TestInfo, name: string) {
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => window.scrollTo(0, 0)); // sticky table headers stay put in a full-page capture
  await info.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
}

test("treasury reads the cash position, and it shows exactly what the API reports", async ({ page }, info) => {
  await signInWithForm(page, "TREASURY");
  await page.goto("/cash");
  await expect(page.getByRole("heading", { name: "Cash position" })).toBeVisible();
  const table = page.getByTestId("cash-table");
  await expect(table).toBeVisible();
  const api = (await (await page.request.get("/api/v1/dashboards/cash-position")).json()) as CashPosition;
  expect(api.accounts.length).toBeGreaterThanOrEqual(6);
  for (const a of api.accounts) {
    const row = page.getByTestId(`cash-row-${a.id}`);
    await expect(row).toContainText(a.name);
    const cell = (id: string) => row.getByTestId(id);
    await expect(cell("closing")).toHaveText(a.closingBalance ? formatAmount(a.closingBalance) : "—");
    await expect(cell("received-today")).toHaveText(formatAmount(a.receivedToday));
    await expect(cell("in-transit")).toHaveText(formatAmount(a.inTransit));
    await expect(cell("projected")).toHaveText(a.projected ? formatAmount(a.projected) : "—");
    await expect(cell("erp")).toHaveText(formatAmount(a.erpBalance));
    await expect(cell("bank-minus-erp")).toHaveText(a.bankMinusErp ? formatAmount(a.bankMinusErp) : "—");
  }
  // Real figures, not placeholders: statements exist, money arrived today, card payouts are on their way.
  expect(api.accounts.filter((a) => a.closingBalance !== null).length).toBeGreaterThanOrEqual(5);
  expect(api.accounts.some((a) => a.receivedToday !== "0.00")).toBe(true);
  expect(api.accounts.some((a) => a.inTransit !== "0.00")).toBe(true);
  for (const t of api.totals.filter((x) => x.accounts > 0)) {
    await expect(page.getByTestId(`cash-total-${t.currency}`)).toContainText(formatAmount(t.projected));
  }
  await shot(page, info, "cash-position");
});

test("the dashboards render with data, and an aging bucket drills down to its receipts", async ({ page }, info) => {
  await signInWithForm(page, "TREASURY");
  await page.goto("/dashboards");
  await expect(page.getByTestId("overview-aging")).toBeVisible();
  await shot(page, info, "dashboards-overview");

  await page.goto("/dashboards/aging");
  const aging = page.getByTestId("aging-table");
  await expect(aging).toBeVisible();
  await expect(page.locator("figure.chart svg").first()).toBeVisible();
  await shot(page, info, "dashboards-aging");
  const link = aging.locator("tbody td.num a").first();
  const label = (await link.getAttribute("aria-label"))!;
  const count = Number(/in (\d+) receipts/.exec(label)![1]);
  await link.click();
  await expect(page).toHaveURL(/\/payments\?.*unapplied=1/);
  await expect(page.getByText(`${count} receipts`, { exact: false }).first()).toBeVisible();

  await page.goto("/dashboards/latency");
  await expect(page.getByTestId("latency-by-channel")).toBeVisible();
  await expect(page.getByTestId("latency-waiting")).toBeVisible();
  await shot(page, info, "dashboards-latency");

  await page.goto("/dashboards/exceptions");
  await expect(page.getByTestId("resolution-by-analyst")).toBeVisible();
  await expect(page.getByTestId("throughput-kpis")).toContainText("%");
  await shot(page, info, "dashboards-exceptions");

  await page.goto("/connectors");
  await expect(page.getByTestId("connector-health")).toBeVisible();
  // erp.posting's health is read from the postings the ERP acknowledged (the demo's seeded run failed two days ago,
  // postings have landed since): not "failing, last success never".
  const erp = page.getByTestId("connector-erp.posting");
  await expect(erp).toBeVisible();
  await expect(erp).not.toContainText("failing");
  await expect(erp).not.toContainText("never");
  await shot(page, info, "connectors");
});

test("a controller's sign-off is refused while items block, then prepared with a written justification for a second person", async ({ page }, info) => {
  await signInWithForm(page, "CONTROLLER");
  await page.goto("/close");
  const panel = page.getByTestId("close-US01");
  await expect(panel).toBeVisible();
  await expect(panel.getByRole("heading")).toContainText("blocking");
  await expect(panel.getByTestId("check-unposted").getByTestId("count")).not.toHaveText("0");
  await shot(page, info, "close-before");
  const period = new Date().toISOString().slice(0, 7);
  const button = panel.getByRole("button", { name: `Sign off US01 ${period}` });

  await button.click();
  await expect(panel.getByRole("alert")).toContainText("still block US01");
  await panel.getByLabel(/Justification/).fill("Too short to count.");
  await button.click();
  await expect(panel.getByRole("alert")).toContainText("at least 30 characters");
  await shot(page, info, "close-refused");

  const justification = "Open items are today's receipts in flight; reviewed with treasury, no impact on the month.";
  await panel.getByLabel(/Justification/).fill(justification);
  await button.click();
  const signed = page.getByTestId("signoff-US01");
  await expect(signed).toContainText("Prepared by Casey Controller");
  await expect(signed).toContainText(justification);
  await expect(signed).toContainText("Receipts not yet posted to the ERP");
  await expect(page.getByTestId("close-US01").getByRole("heading")).toContainText("prepared — needs a second signature");
  // The preparer cannot give the second signature: only a withdraw button is offered.
  await expect(page.getByTestId("period-lock-US01").getByRole("button", { name: /Approve/ })).toHaveCount(0);
  await shot(page, info, "close-signed-off");

  const again = await page.request.post("/api/v1/close/sign-offs", { data: { entity: "US01", period, justification }, headers: { origin: new URL(page.url()).origin } });
  expect(again.status()).toBe(409);

  await page.goto("/audit?action=close.");
  const audit = page.getByTestId("audit-table");
  await expect(audit).toContainText("close.prepared");
  await expect(audit).toContainText("controller@demo.cashline.dev");
  await shot(page, info, "audit-log");
});
