import { expect, test } from "@playwright/test";
import { ROLE_EMAIL, signInWithForm, type RoleName } from "./helpers.ts";

const LABEL: Record<RoleName, string> = { AR_ANALYST: "AR analyst", TREASURY: "Treasury", CONTROLLER: "Controller", ADMIN: "Admin" };

for (const role of Object.keys(ROLE_EMAIL) as RoleName[]) {
  test(`${role} signs in, sees the cockpit for the role, and signs out`, async ({ page }, info) => {
    await page.goto("/payments");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fpayments/);
    await signInWithForm(page, role);
    await expect(page.getByTestId("role")).toHaveText(LABEL[role]);
    await page.goto("/");
    await expect(page.getByTestId("open-exceptions")).toBeVisible();
    const count = Number(await page.getByTestId("open-exceptions").locator(".value").textContent());
    expect(count).toBeGreaterThan(0);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Payments" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Admin" })).toHaveCount(role === "ADMIN" ? 1 : 0);
    await expect(nav.getByRole("link", { name: "Exceptions" })).toHaveCount(role === "TREASURY" ? 0 : 1);
    await info.attach(`home-${role}`, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name.endsWith("cashline.session"));
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Lax");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);
  });
}

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill("treasury@demo.cashline.dev");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("#signin-error")).toHaveText("Wrong e-mail or password.");
});

test("every response carries the security headers", async ({ request }) => {
  for (const path of ["/signin", "/api/v1/health", "/api/v1/receipts"]) {
    const res = await request.get(path);
    const h = res.headers();
    expect(h["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(h["x-content-type-options"], path).toBe("nosniff");
    expect(h["x-frame-options"], path).toBe("DENY");
  }
});

test("small JSON answers go out uncompressed with their length; pages are still gzipped", async ({ request }) => {
  // A webhook's or an API's few hundred bytes are not worth the web's CPU for gzip (lib/http/json-response.ts).
  const small = await request.post("/api/webhooks/stripe", { data: "{}", headers: { "content-type": "application/json", "accept-encoding": "gzip" } });
  expect(small.status()).toBe(400); // no Stripe-Signature: refused, nothing stored
  expect(small.headers()["content-encoding"]).toBeUndefined();
  expect(small.headers()["cache-control"]).toBe("no-store, no-transform");
  expect((await small.json()).detail).toContain("Stripe-Signature");
  const page = await request.get("/signin", { headers: { "accept-encoding": "gzip" } });
  expect(page.headers()["content-encoding"]).toBe("gzip");
});
