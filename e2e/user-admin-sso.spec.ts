// User administration and single sign-on, end to end in Chromium against `next start`:
// an admin creates users in the UI (temporary password → forced change; one-time link), deactivation ends a
// session, a person signs in through a REAL local OpenID Connect provider and lands with the mapped role, the
// open redirect of finding 5 is closed, and X-Forwarded-For from a client no longer reaches the audit log.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { apiSession, signInWithForm } from "./helpers.ts";
import { startOidcProvider, type TestOidcProvider } from "../lib/testing/oidc-provider.ts";

let idp: TestOidcProvider;

test.beforeAll(async ({ baseURL }) => {
  idp = await startOidcProvider({
    port: Number(process.env.E2E_OIDC_PORT), // the port playwright.config.ts gave the web server as OIDC_ISSUER
    redirectUris: [`${baseURL}/api/auth/callback/oidc`],
    accounts: {
      "sso-controller": { email: "sam.sso@corp.example", name: "Sam Single", role: ["staff", "finance-controllers"] },
      "sso-intern": { email: "ian.intern@corp.example", name: "Ian Intern", role: "interns" },
    },
  });
});
test.afterAll(async () => { await idp?.stop(); });

async function freshPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

async function createUser(page: Page, user: { email: string; name: string; role: string; temporaryPassword?: string }) {
  const form = page.getByRole("form", { name: "Create user" });
  await form.getByLabel("E-mail").fill(user.email);
  await form.getByLabel("Name").fill(user.name);
  await form.getByLabel("Role").selectOption(user.role);
  if (user.temporaryPassword) await form.getByLabel("Temporary password (optional)").fill(user.temporaryPassword);
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(page.locator(`tr[data-email="${user.email}"]`)).toBeVisible();
}

test("admin creates a user with a temporary password; the user must change it first; deactivation ends the session", async ({ page, browser }) => {
  const email = `ana.${Date.now()}@example.com`;
  await signInWithForm(page, "ADMIN");
  await page.goto("/admin");
  await createUser(page, { email, name: "Ana New", role: "AR_ANALYST", temporaryPassword: "temporary-pass-123" });
  await expect(page.locator(`tr[data-email="${email}"]`)).toContainText("must change");

  const ana = await freshPage(browser);
  await ana.goto("/payments");
  await ana.getByLabel("E-mail").fill(email);
  await ana.getByLabel("Password").fill("temporary-pass-123");
  await ana.getByRole("button", { name: "Sign in" }).click();
  await expect(ana).toHaveURL(/\/account\/password\?next=%2Fpayments$/);
  await expect(ana.getByTestId("must-change-password")).toBeVisible();
  expect((await ana.request.get("/api/v1/receipts")).status()).toBe(403); // nothing else until changed
  await ana.goto("/exceptions");
  await expect(ana).toHaveURL(/\/account\/password/);

  await ana.getByLabel("Current password").fill("temporary-pass-123");
  await ana.getByLabel("New password", { exact: true }).fill("ana's very own passphrase");
  await ana.getByLabel("Repeat new password").fill("ana's very own passphrase");
  await ana.getByRole("button", { name: "Change password" }).click();
  await expect(ana).toHaveURL(/\/exceptions$/); // back to where the user was going
  await expect(ana.getByTestId("role")).toHaveText("AR analyst");
  expect((await ana.request.get("/api/v1/receipts")).status()).toBe(200);

  await page.reload();
  const row = page.locator(`tr[data-email="${email}"]`);
  await expect(row).not.toContainText("must change");
  await row.getByRole("button", { name: "Deactivate" }).click();
  await expect(row.getByRole("button", { name: "Reactivate" })).toBeVisible();
  await ana.goto("/payments");
  await expect(ana).toHaveURL(/\/signin/); // the open session stopped working at once
  expect((await ana.request.get("/api/v1/receipts")).status()).toBe(401);

  const audit = await (await page.request.get(`/api/v1/audit-log?action=user.&limit=50`)).json();
  const actions = audit.items.map((a: { action: string }) => a.action);
  expect(actions).toEqual(expect.arrayContaining(["user.created", "user.password_changed", "user.deactivated"]));
});

test("a new user chooses a password through the one-time link, which works once", async ({ page, browser }) => {
  const email = `tom.${Date.now()}@example.com`;
  await signInWithForm(page, "ADMIN");
  await page.goto("/admin");
  await createUser(page, { email, name: "Tom Link", role: "TREASURY" });
  const link = (await page.getByTestId("password-link").locator("pre").textContent())!.trim();
  expect(link).toMatch(/\/set-password\?token=/);

  const tom = await freshPage(browser);
  await tom.goto(link);
  await tom.getByLabel("New password", { exact: true }).fill("tom chose this one");
  await tom.getByLabel("Repeat password").fill("tom chose this one");
  await tom.getByRole("button", { name: "Set password" }).click();
  await expect(tom.getByTestId("role")).toHaveText("Treasury");

  const again = await freshPage(browser);
  await again.goto(link);
  await again.getByLabel("New password", { exact: true }).fill("someone else's pass");
  await again.getByLabel("Repeat password").fill("someone else's pass");
  await again.getByRole("button", { name: "Set password" }).click();
  await expect(again.locator("form [role=alert]")).toContainText("not valid any more");
});

test("a user signs in through the OpenID Connect provider and lands in the cockpit with the mapped role", async ({ page, browser }) => {
  await page.goto("/close");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fclose/);
  await page.getByRole("button", { name: "Single sign-on (SSO)" }).click();
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`));
  await page.locator('input[name="login"]').fill("sso-controller");
  await page.locator('input[name="password"]').fill("any password: the dev login page");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await expect(page).toHaveURL(/\/close$/);
  await expect(page.getByTestId("who")).toContainText("sam.sso@corp.example");
  await expect(page.getByTestId("role")).toHaveText("Controller");

  // a role claim that maps to no Cashline role: no access
  const intern = await freshPage(browser);
  await intern.goto("/signin");
  await intern.getByRole("button", { name: "Single sign-on (SSO)" }).click();
  await intern.locator('input[name="login"]').fill("sso-intern");
  await intern.locator('input[name="password"]').fill("whatever");
  await intern.getByRole("button", { name: "Sign-in" }).click();
  await expect(intern).toHaveURL(/\/signin\?.*error=AccessDenied/);
  await expect(intern.locator("#signin-error")).toContainText("no Cashline role");
  await intern.goto("/");
  await expect(intern).toHaveURL(/\/signin/);
});

test("finding 5: /signin?callbackUrl=/%5Cevil.example stays on this site after sign-in", async ({ page, baseURL }) => {
  await page.goto("/signin?callbackUrl=/%5Cevil.example");
  await page.getByLabel("E-mail").fill("treasury@demo.cashline.dev");
  await page.getByLabel("Password").fill(process.env.DEMO_PASSWORD ?? "cashline-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("who")).toBeVisible();
  expect(page.url()).toBe(`${baseURL}/`);
});

test("finding 4: a client's X-Forwarded-For neither picks its throttle bucket nor reaches the audit log", async ({ baseURL }) => {
  const anon = await apiSession(baseURL!, null);
  const email = `nobody.${Date.now()}@example.com`;
  for (let i = 1; i <= 3; i++) {
    const { csrfToken } = await (await anon.get("/api/auth/csrf")).json();
    await anon.post("/api/auth/callback/credentials", {
      form: { csrfToken, email, password: `guess-${i}`, json: "true" }, maxRedirects: 0,
      headers: { "x-forwarded-for": `203.0.113.${i}`, "x-cashline-peer-address": `198.51.100.${i}` },
    });
  }
  const admin = await apiSession(baseURL!, "ADMIN");
  const audit = await (await admin.get(`/api/v1/audit-log?actor=${encodeURIComponent(email)}`)).json();
  const ips = audit.items.map((a: { ip: string }) => a.ip);
  expect(ips).toHaveLength(3);
  expect(new Set(ips)).toEqual(new Set(["127.0.0.1"]));
});
