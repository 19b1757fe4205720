// The edges: POST /api/v1/erp/sync (role, one job per entity however often asked, audited with the person) and
// POST /api/v1/exceptions/{id}/erp-drift (role, zod at the edge, accept audited).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedConnectorWorld } from "../testing/seed-connector-world.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { openExceptionCase } from "../exceptions/open-exception-case.ts";
import { erpSyncJob } from "./erp-sync-jobs.ts";

type Role = "ADMIN" | "TREASURY" | "AR_ANALYST" | "CONTROLLER";
const sessionUser = vi.hoisted(() => ({ current: null as null | { id: string; email: string; name: string; role: Role; writeOffLimitMinor: bigint } }));
vi.mock("../auth/session.ts", () => ({ getSessionUser: async () => sessionUser.current }));
const { POST: syncPost } = await import("../../app/api/v1/erp/sync/route.ts");
const { POST: driftPost } = await import("../../app/api/v1/exceptions/[id]/erp-drift/route.ts");

const dbState = useFreshDatabase();
beforeAll(async () => { await seedConnectorWorld(); });
afterAll(async () => { await stopBoss({ graceful: false }); });

async function as(role: Role) {
  const u = await getDb().user.upsert({ where: { email: `${role}@x.dev` }, update: {}, create: { email: `${role}@x.dev`, name: role, role, passwordHash: "x" } });
  sessionUser.current = { id: u.id, email: u.email, name: u.name, role, writeOffLimitMinor: 0n };
  return u;
}
const req = (url: string, body: unknown) => new Request(url, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", host: "localhost", origin: "http://localhost" } });

describe("POST /api/v1/erp/sync", () => {
  it("queues one sync job per entity, dedupes while queued, audits the person; AR analysts are refused", async () => {
    await as("AR_ANALYST");
    expect((await syncPost(req("http://localhost/api/v1/erp/sync", {}))).status).toBe(403);
    const treasury = await as("TREASURY");
    const first = await syncPost(req("http://localhost/api/v1/erp/sync", {}));
    expect(first.status).toBe(202);
    const body = (await first.json()) as { requested: { entity: string; jobId: string | null }[] };
    expect(body.requested.map((r) => r.entity)).toEqual(["DE01", "UK01", "US01"]);
    expect(body.requested.every((r) => r.jobId)).toBe(true);
    const again = (await (await syncPost(req("http://localhost/api/v1/erp/sync", { entity: "us01" }))).json()) as typeof body;
    expect(again.requested).toEqual([{ entity: "US01", jobId: null }]); // one queued per entity (stately)
    const jobs = await dbState.asOwner(`select data->'data'->>'entityId' as e from pgboss.job where name = $1 order by 1`, [erpSyncJob.name]);
    expect(jobs.rows.map((r) => r.e)).toEqual(["ent_de", "ent_uk", "ent_us"]);
    const audit = await getDb().auditLog.findMany({ where: { action: "erp.sync_requested" }, orderBy: { chainSeq: "asc" } });
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actorType: "user", actorId: treasury.id, targetId: "*" });
    const missing = await syncPost(req("http://localhost/api/v1/erp/sync", { entity: "XX99" }));
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { detail: string }).detail).toMatch(/XX99/);
  });
});

describe("POST /api/v1/exceptions/{id}/erp-drift", () => {
  it("validates at the edge, refuses other roles and other codes, accepts with audit", async () => {
    const db = getDb();
    const inv = await db.invoice.create({ data: { entityId: "ent_us", customerId: "cust_US01", number: "D-1", currency: "USD", amountMinor: 10_000n, openAmountMinor: 10_000n, erpOpenAmountMinor: 9_000n, issueDate: new Date("2026-11-01"), dueDate: new Date("2026-11-30"), sourceSystem: "erp", sourceId: "US01:1" } });
    const { caseId } = await db.$transaction((tx) => openExceptionCase(tx, { code: "ERP_DRIFT", entityId: "ent_us", subjectType: "Invoice", subjectId: inv.id, reasons: ["drift"], suggestion: { invoiceId: inv.id, cashlineOpen: "100.00", erpOpen: "90.00" } }));
    const { caseId: other } = await db.$transaction((tx) => openExceptionCase(tx, { code: "STATEMENT_GAP", entityId: "ent_us", subjectType: "BankAccount", subjectId: "bank_us", reasons: ["gap"] }));
    const url = (id: string) => `http://localhost/api/v1/exceptions/${id}/erp-drift`;
    const params = (id: string) => ({ params: Promise.resolve({ id }) });
    await as("TREASURY");
    expect((await driftPost(req(url(caseId), { action: "accept", reason: "agreed with the customer" }), params(caseId))).status).toBe(403);
    const analyst = await as("AR_ANALYST");
    const short = await driftPost(req(url(caseId), { action: "accept", reason: "ok" }), params(caseId));
    expect(short.status).toBe(422);
    expect(JSON.stringify(await short.json())).toMatch(/reason/);
    expect((await driftPost(req(url(other), { action: "accept", reason: "agreed with the customer" }), params(other))).status).toBe(409);
    const ok = await driftPost(req(url(caseId), { action: "accept", reason: "agreed with the customer" }), params(caseId));
    expect(ok.status).toBe(200);
    expect(await db.exceptionCase.findUniqueOrThrow({ where: { id: caseId } })).toMatchObject({ status: "RESOLVED", resolvedById: analyst.id });
    expect(await db.auditLog.count({ where: { action: "erp_drift.accepted", actorId: analyst.id, targetId: caseId } })).toBe(1);
    expect((await db.invoice.findUniqueOrThrow({ where: { id: inv.id } })).openAmountMinor).toBe(10_000n); // accepted, not adopted
  });
});
