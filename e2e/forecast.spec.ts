// Treasury opens the cash forecast on the demo data: the 13-week chart with its P10–P90 band and P50 line, the
// customers who drive it, and the backtest error — the same figures the API reports. Another entity and currency
// can be chosen. An AR analyst may not open it. Screenshot under test-results/screenshots/.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { formatAmount } from "../components/format.ts";
import { apiSession, signInWithForm } from "./helpers.ts";

const OUT = path.resolve(import.meta.dirname, "../test-results/screenshots");

test("treasury reads the 13-week forecast with its band, drivers and backtest error", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await signInWithForm(page, "TREASURY");
  await page.goto("/forecast");
  await expect(page.getByRole("heading", { name: "Cash forecast" })).toBeVisible();
  const chart = page.getByTestId("forecast-chart");
  await expect(chart.locator(".recharts-area-area")).toHaveCount(1); // the P10–P90 band
  await expect(chart.locator(".recharts-line-curve")).toHaveCount(2); // P50 and expected
  await expect(chart.locator(".recharts-legend-item")).toHaveCount(3);

  const api = await (await page.request.get("/api/v1/forecast")).json();
  const backtest = await (await page.request.get("/api/v1/forecast/backtest")).json();
  expect(api.weeks).toHaveLength(13);
  expect(api.days).toHaveLength(91);
  expect(Number(api.totals.expectedInHorizon)).toBeGreaterThan(0);
  const week1 = page.getByTestId("forecast-week-1");
  await expect(week1).toContainText(formatAmount(api.weeks[0].expected));
  const topDriver = api.weeks.flatMap((w: { drivers: { customerName: string }[] }) => w.drivers)[0];
  await expect(page.getByTestId("forecast-drivers")).toContainText(topDriver.customerName);

  expect(backtest.weeks).toHaveLength(8);
  const kpi = page.getByTestId("forecast-backtest-kpi");
  await expect(kpi).toContainText("MAPE");
  await expect(kpi).toContainText(backtest.mape === null ? "n/a" : `${backtest.mape.toFixed(1)} %`);
  await expect(page.getByTestId("forecast-backtest").locator("tbody tr")).toHaveCount(8);
  await expect(page.getByTestId("forecast-backtest-summary")).toContainText("bias");

  await page.waitForLoadState("networkidle");
  fs.mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: path.join(OUT, "forecast-1440x1000.png"), fullPage: true });

  // Another entity and currency: the page follows.
  const other = api.options.find((o: { entity: string; currency: string }) => o.entity !== api.entity);
  await page.getByTestId("forecast-scope").selectOption(`${other.entity}:${other.currency}`);
  await expect(page.getByText(`Expected receipts per week, ${other.entity} · ${other.currency}`)).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`entity=${other.entity}`));
});

test("the forecast is treasury's, controllers' and admins': an analyst gets 403", async ({ baseURL }) => {
  const analyst = await apiSession(baseURL!, "AR_ANALYST");
  expect((await analyst.get("/forecast", { maxRedirects: 0 })).status()).toBe(403);
  expect((await analyst.get("/api/v1/forecast")).status()).toBe(403);
  const treasury = await apiSession(baseURL!, "TREASURY");
  const bad = await treasury.get("/api/v1/forecast?currency=usd");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).errors[0].path).toBe("query.currency");
});
