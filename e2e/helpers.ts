import { spawn, type ChildProcess } from "node:child_process";
import { expect, request, type APIRequestContext, type Page } from "@playwright/test";
import pg from "pg";

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

/** One statement against the e2e database on a connection of its own (fixtures the UI cannot make). */
export async function e2eSql(text: string, values: unknown[] = []) {
  const c = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL! });
  await c.connect();
  try { return (await c.query(text, values)).rows; } finally { await c.end(); }
}

/** A real job worker on the e2e database, in its own process group; resolves once it says worker.ready. */
export async function startE2eWorker(env: Record<string, string>): Promise<ChildProcess> {
  const worker = spawn("npx", ["tsx", "jobs/worker.ts"], {
    detached: true, stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL!, LOG_LEVEL: "warn", ...env },
  });
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error("worker did not start in 150 s")), 150_000);
    worker.stdout!.on("data", (b: Buffer) => { if (b.toString().includes("worker.ready")) { clearTimeout(t); resolve(); } });
    worker.once("exit", (code) => reject(new Error(`worker exited ${code}`)));
  });
  return worker;
}

/** Stops a worker started by startE2eWorker (its whole process group: npx, tsx, node). */
export function stopE2eWorker(worker: ChildProcess | undefined) {
  if (worker?.pid) { try { process.kill(-worker.pid, "SIGTERM"); } catch { /* already gone */ } }
}
