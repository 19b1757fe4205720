// For every page and every API operation: no session → redirect to sign-in (pages) or 401 (APIs); each role →
// 200 where its area allows it, 403 where not. Walks the same registries the app uses.
import { expect, test } from "@playwright/test";
import { PAGES } from "../lib/auth/pages.ts";
import { AREAS } from "../lib/auth/roles.ts";
import { allOperations } from "../lib/api/operations.ts";
import { apiSession, ROLE_EMAIL, type RoleName } from "./helpers.ts";

const roles = Object.keys(ROLE_EMAIL) as RoleName[];
// Operations a signed-in person may call: session ones, and API-key ones that also admit roles.
const rolesOf = (o: (typeof allOperations)[number]) => (o.access.kind === "public" ? undefined : o.access.roles);
const sessionOps = allOperations.filter((o) => rolesOf(o) && o.method === "GET" && !o.path.includes("{"));

test("unauthenticated: pages redirect to sign-in, APIs answer 401 problem+json", async ({ baseURL }) => {
  const anon = await apiSession(baseURL!, null);
  for (const p of PAGES) {
    const url = p.example ?? p.path; // pages with a path parameter are tested at an example URL from the demo data
    const res = await anon.get(url, { maxRedirects: 0 });
    expect(res.status(), url).toBe(307);
    expect(res.headers()["location"], url).toContain(`/signin?callbackUrl=${encodeURIComponent(url)}`);
  }
  for (const op of allOperations.filter((o) => o.access.kind !== "public")) {
    const res = await anon.fetch(op.path.replace(/\{[^}]+\}/g, "x"), { method: op.method, data: op.method === "GET" ? undefined : {} });
    expect(res.status(), `${op.method} ${op.path}`).toBe(401);
    expect(res.headers()["content-type"]).toContain("application/problem+json");
  }
  for (const op of allOperations.filter((o) => o.access.kind === "public" && o.method === "GET" && !o.ownAuth)) {
    expect((await anon.get(op.path)).status(), op.path).toBe(200);
  }
  // Public to the router but guarded by their own token: never open to an anonymous caller.
  for (const op of allOperations.filter((o) => o.ownAuth && o.method === "GET")) {
    expect([401, 404], op.path).toContain((await anon.get(op.path)).status());
  }
});

for (const role of roles) {
  test(`role matrix for ${role}`, async ({ baseURL }) => {
    const ctx = await apiSession(baseURL!, role);
    for (const p of PAGES) {
      const allowed = (AREAS[p.area] as readonly string[]).includes(role);
      const res = await ctx.get(p.example ?? p.path, { maxRedirects: 0 });
      expect(res.status(), `${role} page ${p.example ?? p.path}`).toBe(allowed ? 200 : 403);
    }
    for (const op of sessionOps) {
      const allowed = rolesOf(op)!.includes(role);
      const res = await ctx.get(op.path);
      expect(res.status(), `${role} ${op.method} ${op.path}`).toBe(allowed ? 200 : 403);
    }
  });
}

test("state-changing requests from another site are refused", async ({ baseURL }) => {
  const ctx = await apiSession(baseURL!, "ADMIN");
  const writes = allOperations.filter((o) => rolesOf(o) && o.method !== "GET");
  expect(writes.length).toBeGreaterThan(0);
  for (const op of writes) {
    const res = await ctx.fetch(op.path.replace(/\{[^}]+\}/g, "x"), { method: op.method, data: {}, headers: { origin: "https://evil.example" } });
    expect([401, 403], `${op.method} ${op.path}`).toContain(res.status());
  }
});

test("an admin's same-site write works and is audited; the same write from another role is 403", async ({ baseURL }) => {
  const admin = await apiSession(baseURL!, "ADMIN");
  const created = await admin.post("/api/v1/api-keys", { data: { name: "billing prod", system: "billing", scopes: ["billing:events"] } });
  expect(created.status()).toBe(201);
  const key = await created.json();
  expect(key.token).toMatch(/^clk_[a-z0-9]{8}_/);
  const invalid = await admin.post("/api/v1/api-keys", { data: { name: "", system: "billing", scopes: ["nope"] } });
  expect(invalid.status()).toBe(422);
  const problem = await invalid.json();
  expect(problem.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(["body.name", "body.scopes.0"]));
  const analyst = await apiSession(baseURL!, "AR_ANALYST");
  expect((await analyst.post("/api/v1/api-keys", { data: { name: "x", system: "y", scopes: ["replays"] } })).status()).toBe(403);
  expect((await admin.delete(`/api/v1/api-keys/${key.id}`)).status()).toBe(200);
  const audit = await (await admin.get(`/api/v1/audit-log?q=${key.id}`)).json();
  expect(audit.items.map((a: { action: string }) => a.action).sort()).toEqual(["api_key.created", "api_key.revoked"]);
});
