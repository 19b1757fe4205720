import { expect, request, type APIRequestContext, type Page } from "@playwright/test";

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? "cashline-demo";
export const ROLE_EMAIL = {
  AR_ANALYST: "analyst@demo.cashline.dev",
  TREASURY: "treasury@demo.cashline.dev",
  CONTROLLER: "controller@demo.cashline.dev",
  ADMIN: "admin@demo.cashline.dev",
} as const;
export type RoleName = keyof typeof ROLE_EMAIL;

/** Signs in over HTTP the way the browser form does (CSRF token + credentials callback). */
export async function apiSession(baseURL: string, role: RoleName | null): Promise<APIRequestContext> {
  const ctx = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  if (!role) return ctx;
  const { csrfToken } = await (await ctx.get("/api/auth/csrf")).json();
  const res = await ctx.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: ROLE_EMAIL[role], password: DEMO_PASSWORD, json: "true" },
    maxRedirects: 0,
  });
  expect([200, 302]).toContain(res.status());
  const me = await ctx.get("/api/v1/me");
  expect(me.status(), `signed in as ${role}`).toBe(200);
  return ctx;
}

export async function signInWithForm(page: Page, role: RoleName) {
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(ROLE_EMAIL[role]);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("who")).toContainText(ROLE_EMAIL[role]);
}
