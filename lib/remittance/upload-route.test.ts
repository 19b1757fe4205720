// POST /api/v1/remittances through the route handler, as a customer portal's machine client calls it (API key with
// scope remittance:write): 201 then 200 duplicate, 422 naming the place for an unreadable file, 403 without the scope.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../api-keys/create-api-key.ts";
import { stopBoss } from "../jobs/boss.ts";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedInvoice, seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { POST } from "../../app/api/v1/remittances/route.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));
let token = "";
let otherToken = "";
beforeAll(async () => {
  const world = await seedMiniWorld();
  await seedInvoice(world, 25_000n, "INV-API-1");
  token = (await createApiKey({ name: "portal", system: "customer-portal", scopes: ["remittance:write"], createdById: null })).token;
  otherToken = (await createApiKey({ name: "bank", system: "bank", scopes: ["bank:statements"], createdById: null })).token;
});

const HEADER = "payment_reference,payer_name,currency,payment_amount,payment_date,document,paid,invoice_amount,discount,adjustment_amount,adjustment_reason,adjustment_text";
async function post(body: string, t = token, query = "?filename=portal.csv") {
  const res = await POST(new Request(`http://localhost/api/v1/remittances${query}`, { method: "POST", body, headers: { authorization: `Bearer ${t}`, "content-type": "text/csv" }, duplex: "half" } as RequestInit));
  return { status: res.status, body: await res.json() };
}

describe("POST /api/v1/remittances", () => {
  it("stores the advice (201); the same bytes again answer 200 duplicate and add nothing; audited as the key", async () => {
    const file = `${HEADER}\nAPI-77,ACME WIDGETS,USD,250.00,2026-11-30,INV-API-1,250.00,250.00,0.00,,,\n`;
    const first = await post(file);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ duplicate: false, format: "csv", advices: [{ paymentReference: "API-77", status: "WAITING_FOR_PAYMENT", created: true }] });
    const again = await post(file);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true, documentId: first.body.documentId, advices: [{ created: false }] });
    expect(await getDb().remittanceAdvice.count({ where: { paymentReference: "API-77" } })).toBe(1);
    expect(await getDb().sourceDocument.findUniqueOrThrow({ where: { id: first.body.documentId } })).toMatchObject({ kind: "remittance_advice", sourceSystem: "api", filename: "portal.csv" });
    expect(await getDb().auditLog.count({ where: { action: "remittance.uploaded", actorType: "api_key" } })).toBeGreaterThanOrEqual(1);
  });

  it("refuses an unreadable file with 422 naming line and column, storing nothing", async () => {
    const res = await post(`${HEADER}\nAPI-78,ACME,XXX,1.00,2026-11-30,INV-API-1,1.00,,,,,\n`, token, "?filename=bad.csv");
    expect(res.status).toBe(422);
    expect(res.body.detail).toBe('bad.csv line 2, column currency: unknown currency "XXX"');
    expect(await getDb().sourceDocument.count({ where: { filename: "bad.csv" } })).toBe(0);
  });

  it("refuses a key without scope remittance:write (403) and an unknown format (422)", async () => {
    expect((await post(`${HEADER}\n`, otherToken)).status).toBe(403);
    expect((await post(`${HEADER}\n`, token, "?format=docx")).status).toBe(422);
  });
});
