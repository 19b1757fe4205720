// An admin manages webhook subscribers in the browser: a private address is refused, an https subscriber is
// registered with chosen event types (secret shown once), paused and resumed, tested (the outcome is a generic class:
// this machine has no DNS), its secret rotated (shown once) and deleted — each step audited.
import { expect, test } from "@playwright/test";
import { apiSession, signInWithForm } from "./helpers.ts";

test("register, refuse a private address, pause/resume, test, rotate and delete a subscriber", async ({ page, baseURL }) => {
  page.on("dialog", (d) => d.accept());
  await signInWithForm(page, "ADMIN");
  await page.goto("/admin/webhooks");
  const form = page.getByRole("form", { name: "Register a subscriber" });

  await form.getByLabel("Name").fill("metadata probe");
  await form.getByLabel("URL").fill("https://169.254.169.254/latest/meta-data");
  await form.getByRole("button", { name: "Register" }).click();
  await expect(page.locator(".error[role=alert]")).toContainText(/private, loopback or link-local/);

  await form.getByLabel("Name").fill("analytics");
  await form.getByLabel("URL").fill("https://hooks.analytics.example.com/cashline");
  await form.getByLabel(/Event types/).selectOption(["receipt.posted", "cash.applied"]);
  await form.getByRole("button", { name: "Register" }).click();
  const first = await page.getByTestId("subscriber-secret").textContent();
  expect(first).toMatch(/^whsec_/);
  const row = page.getByTestId("subscribers").getByRole("row", { name: /analytics/ });
  await expect(row).toContainText("cash.applied, receipt.posted");
  await expect(row).toContainText("active");

  await row.getByRole("button", { name: "Pause" }).click();
  await expect(row).toContainText("paused");
  await row.getByRole("button", { name: "Resume" }).click();
  await expect(row).toContainText("active");

  await row.getByRole("button", { name: "Send test" }).click();
  await expect(page.getByTestId("subscriber-notice")).toContainText(/Test ping to analytics (failed: (dns_failed|connect_failed|timeout)|: answered)/);

  await row.getByRole("button", { name: "Rotate secret" }).click();
  await expect(page.getByTestId("subscriber-secret")).not.toHaveText(first!);
  await expect(row).toContainText("secret rotated");

  await row.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByTestId("subscribers").getByRole("row", { name: /analytics/ })).toHaveCount(0);

  const admin = await apiSession(baseURL!, "ADMIN");
  const audit = await (await admin.get("/api/v1/audit-log?action=webhook_subscriber&limit=50")).json();
  const actions = (audit.items as { action: string }[]).map((a) => a.action);
  for (const a of ["created", "paused", "resumed", "tested", "secret_rotated", "deleted"]) expect(actions).toContain(`webhook_subscriber.${a}`);
});
