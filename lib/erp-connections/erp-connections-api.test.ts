// The ERP-connection API through its real route handlers: admins only, credentials accepted but never answered.
process.env.CASHLINE_ENCRYPTION_KEY ??= "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

type User = { id: string; email: string; name: string; role: "ADMIN" | "AR_ANALYST" | "CONTROLLER"; writeOffLimitMinor: bigint; mustChangePassword: boolean };
const sessionUser = vi.hoisted(() => ({ current: null as null | User }));
vi.mock("../auth/session.ts", () => ({ getSessionUser: async () => sessionUser.current }));

import { useFreshDatabase } from "../testing/test-database.ts";
import { seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { startErpSim, type ErpSim } from "../erp-sim/server.ts";
import { GET as list } from "../../app/api/v1/admin/erp-connections/route.ts";
import { PUT as put } from "../../app/api/v1/admin/erp-connections/[entity]/route.ts";
import { POST as test } from "../../app/api/v1/admin/erp-connections/[entity]/test/route.ts";
import { POST as rotate } from "../../app/api/v1/admin/erp-connections/[entity]/rotate-credentials/route.ts";

useFreshDatabase();
let sim: ErpSim;
beforeAll(async () => { sim = await startErpSim(); await seedMiniWorld(); });
afterAll(() => sim.close());

const as = (role: User["role"]) => { sessionUser.current = { id: `usr_${role}`, email: `${role.toLowerCase()}@example.test`, name: role, role, writeOffLimitMinor: 0n, mustChangePassword: false }; };
const url = "http://localhost/api/v1/admin/erp-connections";
const req = (path: string, method: string, body?: unknown) => new Request(`${url}${path}`, { method, headers: { host: "localhost", origin: "http://localhost", "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
const params = (entity: string) => ({ params: Promise.resolve({ entity }) });
const SECRET = "very-secret-password-123";

describe("ERP connections API", () => {
  it("is refused to anyone but an admin", async () => {
    for (const role of ["AR_ANALYST", "CONTROLLER"] as const) {
      as(role);
      expect((await list(req("", "GET"))).status).toBe(403);
      expect((await put(req("/US01", "PUT", { kind: "oracle", baseUrl: sim.url }), params("US01"))).status).toBe(403);
      expect((await test(req("/US01/test", "POST"), params("US01"))).status).toBe(403);
    }
    expect(await getDb().erpConnection.count()).toBe(0);
  });

  it("admin: set with credentials, list, test, rotate — no answer carries a credential", async () => {
    as("ADMIN");
    const bodies: string[] = [];
    const saved = await put(req("/US01", "PUT", { kind: "oracle", baseUrl: sim.url, credentials: { username: "cashline", password: SECRET } }), params("US01"));
    expect(saved.status).toBe(200);
    bodies.push(await saved.text());
    const listed = await list(req("", "GET"));
    const listText = await listed.text();
    bodies.push(listText);
    expect(JSON.parse(listText).items[0].connection.credentials).toMatchObject({ set: true, fields: ["password", "username"] });
    const tested = await test(req("/US01/test", "POST"), params("US01"));
    expect(await tested.json()).toMatchObject({ ok: true });
    const rotated = await rotate(req("/US01/rotate-credentials", "POST", { credentials: { username: "cashline", password: `${SECRET}-2` } }), params("US01"));
    expect(rotated.status).toBe(200);
    bodies.push(await rotated.text());
    for (const b of bodies) expect(b).not.toContain(SECRET);
    const bad = await put(req("/US01", "PUT", { kind: "oracle", baseUrl: "not a url" }), params("US01"));
    expect(bad.status).toBe(422); // zod: the field named, nothing stored
    expect(await getDb().auditLog.count({ where: { targetType: "ErpConnection", actorId: "usr_ADMIN" } })).toBe(3);
  });
});
