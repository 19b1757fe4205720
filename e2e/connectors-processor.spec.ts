// Connectors against the real built app: five deliveries of one signed Stripe event make one receipt and a bad
// signature is refused; the Billing page's CSV import and the Admin page's API keys work in the browser.
import { expect, test } from "@playwright/test";
import { chargeObject, signedDelivery, stripeEvent, stripeId } from "../lib/stripe/stripe-fixtures.ts";
import { apiSession, signInWithForm } from "./helpers.ts";

const SECRET = process.env.STRIPE_WEBHOOK_SECRET ?? "whsec_e2e_test_secret";

test("five identical Stripe deliveries make exactly one receipt; a bad signature is 400", async ({ request, baseURL }) => {
  const chargeId = stripeId("ch");
  const event = stripeEvent("charge.succeeded", chargeObject({
    id: chargeId, paymentIntentId: stripeId("pi"), amount: 43_210, currency: "usd", name: "E2E Payer LLC", email: "ap@e2e.example",
    description: "Invoice INV-2026-000001", metadata: { invoice_number: "INV-2026-000001" },
  }));
  const delivery = signedDelivery(event, SECRET);
  const answers = [];
  for (let i = 0; i < 5; i++) {
    const res = await request.post("/api/webhooks/stripe", { data: delivery.body, headers: delivery.headers });
    expect(res.status(), await res.text()).toBe(200);
    answers.push(await res.json());
  }
  expect(answers.filter((a) => a.duplicate)).toHaveLength(4);

  const bad = signedDelivery(stripeEvent("charge.succeeded", chargeObject({ id: stripeId("ch"), paymentIntentId: stripeId("pi"), amount: 100, currency: "usd" })), "whsec_not_the_secret");
  const refused = await request.post("/api/webhooks/stripe", { data: bad.body, headers: bad.headers });
  expect(refused.status()).toBe(400);
  expect(refused.headers()["content-type"]).toContain("application/problem+json");

  const analyst = await apiSession(baseURL!, "AR_ANALYST");
  const found = await (await analyst.get(`/api/v1/receipts?q=${chargeId}`)).json();
  expect(found.total).toBe(1);
  expect(found.items[0]).toMatchObject({ amount: "432.10", currency: "USD", channel: "CARD", payerName: "E2E Payer LLC" });
});

test("an AR analyst imports an invoice CSV on the Billing page: problems by line and column, then a clean import", async ({ page }) => {
  await signInWithForm(page, "AR_ANALYST");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Billing import" }).click();
  await expect(page.getByRole("heading", { name: "Billing import" })).toBeVisible();
  const run = Date.now().toString(36);
  const header = "invoice_number,customer_id,entity,currency,amount,issue_date,due_date,po_number";
  const bad = [header, `E2E-${run}-1,bcus_1001,US01,USD,100.00,2026-11-01,2026-12-01,`, `E2E-${run}-2,bcus_1001,US01,USD,12.345,2026-11-01,2026-12-01,`].join("\n");
  await page.getByTestId("invoice-csv").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await page.getByRole("button", { name: "Import" }).click();
  const errors = page.getByTestId("import-errors");
  await expect(errors).toContainText("nothing was imported");
  await expect(errors.locator("tbody tr")).toHaveCount(1);
  await expect(errors.locator("tbody tr").first()).toContainText("3");
  await expect(errors.locator("tbody tr").first()).toContainText("amount");

  const good = [header, `E2E-${run}-1,bcus_1001,US01,USD,100.00,2026-11-01,2026-12-01,PO-1`].join("\n");
  await page.getByTestId("invoice-csv").setInputFiles({ name: "good.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByTestId("import-result")).toContainText("Imported 1 new invoice(s) from 1 row(s)");
});

test("an admin creates an API key (shown once) and revokes it on the Admin page", async ({ page }) => {
  await signInWithForm(page, "ADMIN");
  await page.goto("/admin");
  const name = `e2e key ${Date.now().toString(36)}`;
  const form = page.getByRole("form", { name: "Create API key" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("System").fill("billing");
  await form.getByLabel("billing:events").check();
  await form.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByTestId("new-api-key")).toContainText(/clk_[a-z0-9]{8}_/);
  const row = page.getByTestId("api-keys-table").locator("tr", { hasText: name });
  await expect(row).toContainText("active");
  page.once("dialog", (d) => void d.accept());
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("revoked");
});
