// An API-key call is audited in the same transaction as its effect: when its audit row cannot be written, its
// effect rolls back (both transaction paths: Prisma's and node-postgres's). Calls that change nothing still leave
// a row with their status, and the stored correlation id is ours, not whatever a client sent.
process.env.BANK_UPLOAD_MAX_BYTES = "100000";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../api-keys/create-api-key.ts";
import { generateCamt053 } from "../bankfiles/generate.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { seedConnectorWorld } from "../testing/seed-connector-world.ts";
import { useFreshDatabase } from "../testing/test-database.ts";
import { POST as postBillingEvents } from "../../app/api/v1/billing/events/route.ts";
import { POST as postBankStatement } from "../../app/api/v1/bank-statements/route.ts";

const database = useFreshDatabase();
let billingKey = "";
let bankKey = "";
let owner: pg.Client;
beforeAll(async () => {
  await seedConnectorWorld();
  billingKey = (await createApiKey({ name: "billing", system: "billing", scopes: ["billing:events"], createdById: null })).token;
  bankKey = (await createApiKey({ name: "bank", system: "bank", scopes: ["bank:statements"], createdById: null })).token;
  owner = new pg.Client({ connectionString: database.ownerUrl() });
  await owner.connect();
});
afterAll(async () => { await owner.end(); await stopBoss({ graceful: false }); });

let n = 0;
const invoiceEvent = () => ({
  id: `bevt_audit_${++n}`, type: "invoice.issued", occurred_at: "2026-11-20T10:00:00Z",
  data: { invoice_id: `binv_audit_${n}`, number: `INV-AUD-${n}`, customer_id: "bcus_us", entity: "US01", currency: "USD", amount: "10.00", issue_date: "2026-11-20", due_date: "2026-12-20" },
});
const billing = (body: unknown, headers: Record<string, string> = {}) => postBillingEvents(new Request("http://localhost/api/v1/billing/events", {
  method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", authorization: `Bearer ${billingKey}`, ...headers },
}));
const bankFile = (content: string) => postBankStatement(new Request("http://localhost/api/v1/bank-statements", {
  method: "POST", body: content, headers: { "content-type": "application/xml", authorization: `Bearer ${bankKey}` }, duplex: "half",
} as RequestInit));

/** As the owner: make every API-key audit insert fail, as a full disk or a broken constraint would. */
async function breakApiKeyAudit<T>(fn: () => Promise<T>): Promise<T> {
  await owner.query(`create function fail_api_key_audit() returns trigger language plpgsql as $$
    begin if new."actorType" = 'api_key' then raise exception 'audit insert refused (test)'; end if; return new; end $$`);
  await owner.query(`create trigger fail_api_key_audit before insert on "AuditLog" for each row execute function fail_api_key_audit()`);
  try {
    return await fn();
  } finally {
    await owner.query(`drop trigger fail_api_key_audit on "AuditLog"; drop function fail_api_key_audit()`);
  }
}

describe("API-key calls are audited with their effect", () => {
  it("writes the call's row in the effect's transaction", async () => {
    const ev = invoiceEvent();
    const res = await billing(ev);
    expect(res.status).toBe(200);
    const requestId = res.headers.get("x-request-id");
    const rows = await getDb().auditLog.findMany({ where: { actorType: "api_key", requestId } });
    expect(rows).toEqual([expect.objectContaining({ action: "billing.events.received", details: { system: "billing", committed: true } })]);
  });

  it("rolls the effect back when the audit row cannot be written (Prisma transaction)", async () => {
    const ev = invoiceEvent();
    const res = await breakApiKeyAudit(() => billing(ev));
    expect(res.status).toBe(500);
    expect(await getDb().invoice.count({ where: { sourceId: ev.data.invoice_id } })).toBe(0);
    expect(await getDb().inboundEvent.count({ where: { eventId: ev.id } })).toBe(0);
    // The same event once the audit log works again: taken as new, nothing half-done was left behind.
    const again = await billing(ev);
    expect((await again.json()).results[0]).toMatchObject({ status: "created", duplicate: false });
  });

  it("rolls the effect back when the audit row cannot be written (node-postgres transaction: bank file upload)", async () => {
    const file = generateCamt053({ entries: 3, seed: 91 });
    const res = await breakApiKeyAudit(() => bankFile(file));
    expect(res.status).toBe(500);
    expect(await getDb().sourceDocument.count({ where: { kind: "bank_statement" } })).toBe(0);
    const ok = await bankFile(file);
    expect(ok.status).toBe(202);
    const id = (await ok.json()).id;
    expect(await getDb().auditLog.count({ where: { actorType: "api_key", action: "bank_file.uploaded", requestId: ok.headers.get("x-request-id"), details: { path: ["committed"], equals: true } } })).toBe(1);
    expect(await getDb().sourceDocument.count({ where: { id } })).toBe(1);
  });

  it("a refused call (422) leaves a row of the attempt with its status", async () => {
    const res = await billing({ id: "bevt_bad", type: "invoice.issued" });
    expect(res.status).toBe(422);
    const row = await getDb().auditLog.findFirstOrThrow({ where: { actorType: "api_key", requestId: res.headers.get("x-request-id") } });
    expect(row.details).toEqual({ status: 422, system: "billing" });
  });
});

describe("x-request-id", () => {
  it("keeps a short plain token and replaces anything else with an id of ours", async () => {
    const keep = await billing({ id: "x" }, { "x-request-id": "billing-run.2026-11-20_0001" });
    expect(keep.headers.get("x-request-id")).toBe("billing-run.2026-11-20_0001");
    for (const sent of ["evil\u2028line <script>alert(1)</script>", "a".repeat(65), "id with spaces", "ünïcode"]) {
      const res = await billing({ id: "x" }, { "x-request-id": encodeURI(sent) === sent ? sent : sent.replace(/[^\x20-\x7e]/g, "?") });
      const stored = res.headers.get("x-request-id")!;
      expect(stored).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      const row = await getDb().auditLog.findFirstOrThrow({ where: { actorType: "api_key", requestId: stored } });
      expect(row.requestId).toBe(stored);
    }
    expect(await getDb().auditLog.count({ where: { requestId: { contains: "script" } } })).toBe(0);
  });
});
