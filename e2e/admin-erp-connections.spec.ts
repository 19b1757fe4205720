// An admin sets an entity's ERP connection in the browser: plain http refused in production, credentials typed once
// and never shown again (field names and a fingerprint only), Test connection runs and its failure shows, the
// credentials rotated (new fingerprint) — each step audited. The connection is removed afterwards so later specs'
// postings keep going to ERP_URL.
import { expect, test } from "@playwright/test";
import { e2eSql, signInWithForm } from "./helpers.ts";

const SECRET = "Very-Secret-123";
const sql = e2eSql;
test.afterAll(async () => {
  await sql(`delete from "ErpConnection" where "entityId" = (select id from "LegalEntity" where code = 'UK01')`);
});

test("set, test and rotate an entity's ERP connection; credentials never shown", async ({ page }) => {
  await signInWithForm(page, "ADMIN");
  await page.goto("/admin/erp-connections");
  const row = page.getByTestId("erp-connection-UK01");
  await expect(row).toContainText("ERP_URL, no connection set");

  const form = page.getByRole("form", { name: "Set an ERP connection" });
  await form.getByLabel("Entity").selectOption("UK01");
  await form.getByLabel("ERP").selectOption("oracle");
  await form.getByLabel("Base URL").fill("http://erp.internal.example");
  await form.getByRole("button", { name: "Save connection" }).click();
  await expect(page.locator(".error[role=alert]")).toContainText("baseUrl: http: is not allowed");

  await form.getByLabel("Base URL").fill("https://erp.uk.example.invalid");
  await form.getByLabel(/^Credentials/).fill(`username=cashline\npassword=${SECRET}`);
  await form.getByLabel("Why (audited)").fill("UK01 moves to its own ERP");
  await form.getByRole("button", { name: "Save connection" }).click();
  await expect(page.getByRole("status")).toContainText("Connection of UK01 saved.");
  await expect(row).toContainText("set: password, username");
  await expect(row).toContainText("https://erp.uk.example.invalid");
  const fingerprint = (await row.textContent())!.match(/fp_[0-9a-f]{16}/)![0];
  await expect(form.getByLabel(/^Credentials/)).toHaveValue("");

  await row.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByRole("status")).toContainText("UK01: connection failed");
  await expect(row).toContainText("failed");

  const rotate = page.getByRole("form", { name: "Replace ERP credentials" });
  await rotate.getByLabel("Entity").selectOption("UK01");
  await rotate.getByLabel(/New credentials/).fill("username=cashline\npassword=Other-Secret-456");
  await rotate.getByRole("button", { name: "Rotate credentials" }).click();
  await expect(page.getByRole("status")).toContainText("Credentials of UK01 replaced.");
  await expect(row).not.toContainText(fingerprint);
  await expect(row).toContainText(/fp_[0-9a-f]{16}/);

  expect(await page.content()).not.toContain(SECRET);
  const audits = await sql(`select action from "AuditLog" where "targetType" = 'ErpConnection' and "targetId" = (select id from "LegalEntity" where code = 'UK01') order by "chainSeq"`);
  expect(audits.map((a) => a.action)).toEqual(["erp_connection.created", "erp_connection.tested", "erp_connection.credentials_rotated"]);
});
