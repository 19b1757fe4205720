// Billing events through the API-key route handler, against a real database: idempotency, batches, held
// events for unmapped customers and their release, API-key auth, audit and rate limit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stopBoss } from "../jobs/boss.ts";
import { useFreshDatabase } from "../testing/test-database.ts";
import { makePoolPressure } from "../testing/make-pool-pressure.ts";
import { seedConnectorWorld } from "../testing/seed-connector-world.ts";
import { getDb } from "../db/client.ts";
import { createApiKey } from "../api-keys/create-api-key.ts";
import { revokeApiKey } from "../api-keys/revoke-api-key.ts";
import { mapBillingCustomer } from "./map-billing-customer.ts";
import { POST } from "../../app/api/v1/billing/events/route.ts";

useFreshDatabase();
afterAll(async () => { await stopBoss({ graceful: false }); }); // new invoices enqueue their ERP publication
let token = "";
let analyst = { id: "", email: "" };
beforeAll(async () => {
  await seedConnectorWorld();
  token = (await createApiKey({ name: "billing test", system: "billing", scopes: ["billing:events"], createdById: null })).token;
  analyst = await getDb().user.create({ data: { email: "ana@test", name: "Ana", role: "AR_ANALYST", passwordHash: "x" }, select: { id: true, email: true } });
});

let n = 0;
const issued = (over: Record<string, unknown> = {}, data: Record<string, unknown> = {}) => ({
  id: `bevt_${++n}`, type: "invoice.issued", occurred_at: "2026-11-20T10:00:00Z",
  data: { invoice_id: `binv_${n}`, number: `INV-T-${n}`, customer_id: "bcus_us", entity: "US01", currency: "USD", amount: "1250.00", issue_date: "2026-11-20", due_date: "2026-12-20", po_number: "PO-77", ...data },
  ...over,
});

async function post(body: unknown, bearer: string = token) {
  const res = await POST(new Request("http://localhost/api/v1/billing/events", {
    method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", authorization: `Bearer ${bearer}` },
  }));
  return { status: res.status, headers: res.headers, body: await res.json() };
}

describe("POST /api/v1/billing/events", () => {
  it("creates the invoice with lineage and an invoice.issued event, and audits the API-key call", async () => {
    const ev = issued();
    const res = await post(ev);
    expect(res.status).toBe(200);
    expect(res.body.results[0]).toMatchObject({ id: ev.id, status: "created", duplicate: false });
    const db = getDb();
    const inv = await db.invoice.findUniqueOrThrow({ where: { id: res.body.results[0].invoiceId } });
    expect(inv).toMatchObject({ number: ev.data.number, amountMinor: 125_000n, openAmountMinor: 125_000n, customerId: "cust_US01", entityId: "ent_us", poNumber: "PO-77", sourceSystem: "billing", sourceId: ev.data.invoice_id, status: "OPEN" });
    const doc = await db.sourceDocument.findUniqueOrThrow({ where: { id: inv.documentId! } });
    expect(JSON.parse(Buffer.from(doc.content).toString())).toEqual(ev);
    expect(await db.workflowEvent.findMany({ where: { invoiceId: inv.id } })).toEqual([expect.objectContaining({ type: "invoice.issued", sourceSystem: "billing", sourceId: ev.id })]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "billing.events.received" }, orderBy: { id: "desc" } });
    // Written in the event's own transaction (lib/audit/call-audit.ts): committed with the effect.
    expect(audit).toMatchObject({ actorType: "api_key", details: expect.objectContaining({ committed: true }) });
  });

  it("answers a redelivered event id with the first result and changes nothing", async () => {
    const ev = issued();
    const first = await post(ev);
    const db = getDb();
    const before = [await db.invoice.count(), await db.workflowEvent.count(), await db.sourceDocument.count()];
    const again = await post({ ...ev, data: { ...ev.data, amount: "9999.00" } });
    expect(again.status).toBe(200);
    expect(again.body.results[0]).toMatchObject({ ...first.body.results[0], duplicate: true });
    expect([await db.invoice.count(), await db.workflowEvent.count(), await db.sourceDocument.count()]).toEqual(before);
  });

  it("takes a batch: each event on its own, a rejected one does not hold back the rest", async () => {
    const inv = issued();
    const memo = { id: `bevt_${++n}`, type: "credit_memo.issued", occurred_at: "2026-11-21T10:00:00Z", data: { number: `CM-${n}`, customer_id: "bcus_us", entity: "US01", currency: "USD", amount: "100.00", issue_date: "2026-11-21", invoice_number: inv.data.number, reason: "damaged goods" } };
    const bad = issued({}, { entity: "XX99" });
    const voided = { id: `bevt_${++n}`, type: "invoice.voided", occurred_at: "2026-11-22T10:00:00Z", data: { number: inv.data.number, entity: "US01", reason: "wrong price" } };
    const res = await post([inv, memo, bad, voided]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 3, rejected: 1, duplicates: 0 });
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(["created", "created", "rejected", "voided"]);
    expect(res.body.results[2].error).toMatch(/unknown legal entity/);
    const db = getDb();
    const cm = await db.creditMemo.findUniqueOrThrow({ where: { id: res.body.results[1].creditMemoId } });
    expect(cm).toMatchObject({ amountMinor: 10_000n, invoiceId: res.body.results[0].invoiceId, reason: "damaged goods" });
    expect(await db.workflowEvent.count({ where: { type: "credit_memo.posted", sourceId: memo.id } })).toBe(1);
    expect((await db.invoice.findUniqueOrThrow({ where: { id: res.body.results[0].invoiceId } })).status).toBe("VOID");
    expect(await db.workflowEvent.count({ where: { type: "invoice.voided", sourceId: voided.id } })).toBe(1);
    // The rejected event was not stored: once fixed, the same id is accepted.
    expect((await post({ ...bad, data: { ...bad.data, entity: "US01" } })).body.results[0]).toMatchObject({ status: "created", duplicate: false });
  });

  it("parks a void that arrives before its invoice and applies it when the invoice comes", async () => {
    const inv = issued();
    const voided = { id: `bevt_${++n}`, type: "invoice.voided", occurred_at: "2026-11-22T10:00:00Z", data: { number: inv.data.number, entity: "US01" } };
    expect((await post(voided)).body.results[0].status).toBe("pending");
    await post(inv);
    expect((await getDb().invoice.findFirstOrThrow({ where: { number: inv.data.number } })).status).toBe("VOID");
  });

  it("validates the format (422 with paths) and the batch size", async () => {
    const res = await post({ id: "x", type: "invoice.issued", occurred_at: "yesterday", data: { number: "1", customer_id: "c", entity: "US01", currency: "usd", amount: "12.345", issue_date: "2026-11-20", due_date: "2026-11-01" } });
    expect(res.status).toBe(422);
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["body.occurred_at", "body.data.currency"]));
    expect((await post(Array.from({ length: 501 }, () => issued()))).status).toBe(422);
    expect((await post(issued({}, { amount: "10.999" }))).status).toBe(422);
  });

  it("holds events of an unmapped billing customer behind one CUSTOMER_MAPPING case; mapping releases them", async () => {
    const a = issued({}, { customer_id: "bcus_new", amount: "300.00" });
    const b = issued({}, { customer_id: "bcus_new", amount: "400.00" });
    const res = await post([a, b]);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(["held", "held"]);
    const db = getDb();
    expect(await db.invoice.count({ where: { number: { in: [a.data.number, b.data.number] } } })).toBe(0);
    const cases = await db.exceptionCase.findMany({ where: { code: "CUSTOMER_MAPPING", subjectId: "bcus_new" } });
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ subjectType: "BillingCustomer", status: "OPEN", entityId: "ent_us" });
    expect(await db.sourceDocument.count({ where: { filename: `${a.id}.json`, status: "QUARANTINED" } })).toBe(1);

    const mapped = await mapBillingCustomer("bcus_new", { entity: "US01", erpAccountNumber: "C-US01" }, analyst);
    expect(mapped.released.map((r) => r.status)).toEqual(["created", "created"]);
    expect(mapped.resolvedCases).toEqual([cases[0]!.id]);
    const invoices = await db.invoice.findMany({ where: { number: { in: [a.data.number, b.data.number] } }, orderBy: { number: "asc" } });
    expect(invoices.map((i) => [i.customerId, i.amountMinor])).toEqual([["cust_US01", 30_000n], ["cust_US01", 40_000n]]);
    expect((await db.exceptionCase.findUniqueOrThrow({ where: { id: cases[0]!.id } })).status).toBe("RESOLVED");
    expect(await db.sourceDocument.count({ where: { filename: `${a.id}.json`, status: "PROCESSED" } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: "customer_mapping.created", actorId: analyst.id } })).toBe(1);
    // Redelivery now answers the released result; a later event of the customer goes straight in.
    expect((await post(a)).body.results[0]).toMatchObject({ status: "created", duplicate: true });
    expect((await post(issued({}, { customer_id: "bcus_new" }))).body.results[0].status).toBe("created");
    await expect(mapBillingCustomer("bcus_new", { customerId: "cust_UK01" }, analyst)).rejects.toMatchObject({ problem: { status: 409 } });
  });
});

describe("API-key access", () => {
  // Without any key the route falls back to the session cookie, which needs Next's request context: that case
  // is covered by the browser role-matrix test (every non-public operation answers 401).
  it("answers 401 for an unknown or revoked key, 403 for a key without the scope", async () => {
    expect((await post(issued(), "clk_00000000_notarealkeynotarealkeyxx")).status).toBe(401);
    const other = await createApiKey({ name: "bank", system: "bank", scopes: ["bank:statements"], createdById: null });
    expect((await post(issued(), other.token)).status).toBe(403);
    const admin = await getDb().user.create({ data: { email: "admin@test", name: "Admin", role: "ADMIN", passwordHash: "x" } });
    const gone = await createApiKey({ name: "old", system: "billing", scopes: ["billing:events"], createdById: admin.id });
    await revokeApiKey(gone.id, admin);
    expect((await post(issued(), gone.token)).status).toBe(401);
    expect(await getDb().auditLog.count({ where: { actorType: "api_key", actorId: other.id, details: { path: ["status"], equals: 403 } } })).toBe(1);
  });

  it("limits each key's requests per minute: over the limit → 429 problem+json with Retry-After", async () => {
    const limited = await createApiKey({ name: "slow", system: "billing", scopes: ["billing:events"], createdById: null, rateLimitPerMinute: 3 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(issued(), limited.token)).status);
    expect(statuses).toEqual([200, 200, 200]);
    const over = await post(issued(), limited.token);
    expect(over.status).toBe(429);
    expect(over.headers.get("content-type")).toContain("application/problem+json");
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(over.body.detail).toMatch(/3 requests per minute/);
    // Another key is not affected.
    expect((await post(issued())).status).toBe(200);
  });
});

describe("admission control", () => {
  it("at capacity: 503 with Retry-After before the key is looked up, nothing stored or audited; the resend is taken", async () => {
    const db = getDb();
    const pressure = await makePoolPressure();
    const ev = issued();
    const started = performance.now();
    const refused = await post(ev);
    const ms = performance.now() - started;
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(refused.body.detail).toMatch(/^POST \/api\/v1\/billing\/events: the server is at capacity/);
    expect(ms).toBeLessThan(500); // refused before joining the queue
    await pressure.drained;
    expect(await db.inboundEvent.count({ where: { eventId: ev.id } })).toBe(0);
    expect(await db.invoice.count({ where: { number: ev.data.number as string } })).toBe(0);
    expect(await db.auditLog.count({ where: { actorType: "api_key", details: { path: ["status"], equals: 503 } } })).toBe(0);
    const again = await post(ev);
    expect(again.status).toBe(200);
    expect(again.body.results[0]).toMatchObject({ id: ev.id, status: "created", duplicate: false });
  });
});
