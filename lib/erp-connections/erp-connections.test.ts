// Per-entity ERP connections: credentials sealed at rest and never returned, every change audited, test connection
// through the adapter, credentials rotated by an admin and resealed after an encryption-key rotation.
process.env.CASHLINE_ENCRYPTION_KEY ??= "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { env } from "../env.ts";
import { startErpSim, type ErpSim } from "../erp-sim/server.ts";
import { listErpConnections } from "./list-erp-connections.ts";
import { rotateErpCredentials, saveErpConnection } from "./save-erp-connection.ts";
import { testErpConnection } from "./test-erp-connection.ts";
import { resealErpCredentials } from "./reseal-erp-credentials.ts";
import { loadErpConnection } from "./load-erp-connection.ts";
import { openCredentials } from "./credentials.ts";
import { registeredErpKinds } from "../erp/adapters.ts";

useFreshDatabase();
let sim: ErpSim;
const admin = { id: "usr_admin", email: "admin@example.test" };
const SECRET = "s3cr3t-client-secret-value";
beforeAll(async () => { sim = await startErpSim({ seed: 5 }); await seedMiniWorld(); });
afterAll(async () => { await sim.close(); });

const problemOf = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a refusal"); }, (e: { problem: { status: number; detail: string } }) => e.problem);

describe("ERP connections", () => {
  it("stores credentials sealed, returns only set/fields/fingerprint, and audits without the secret", async () => {
    const saved = await saveErpConnection("US01", { kind: "oracle", baseUrl: `${sim.url}/`, credentials: { clientId: "cashline", clientSecret: SECRET } }, admin);
    expect(saved.connection).toMatchObject({ kind: "oracle", baseUrl: sim.url, version: 1, credentials: { set: true, fields: ["clientId", "clientSecret"], sealedWithCurrentKey: true } });
    expect(saved.connection.credentials.fingerprint).toMatch(/^fp_[0-9a-f]{16}$/);
    const list = await listErpConnections();
    expect(list.kinds).toContain("oracle");
    expect(list.items.find((i) => i.entityCode === "US01")).toMatchObject({ effective: { source: "connection", baseUrl: sim.url } });
    const row = await getDb().erpConnection.findFirstOrThrow();
    const audits = await getDb().auditLog.findMany({ where: { targetType: "ErpConnection" } });
    expect(audits.map((a) => a.action)).toEqual(["erp_connection.created"]);
    for (const text of [JSON.stringify(saved), JSON.stringify(list), JSON.stringify(audits.map((a) => a.details)), row.credentialsSealed!]) expect(text).not.toContain(SECRET);
    expect(row.credentialsSealed).toMatch(/^sb1\./);
    expect((await loadErpConnection(row.entityId))?.credentials).toEqual({ clientId: "cashline", clientSecret: SECRET });
    // Bound to its entity: the sealed value copied onto another entity does not open.
    expect(() => openCredentials("another-entity", row.credentialsSealed)).toThrow(/failed authentication/);
  });

  it("refuses bad input whole, naming the field", async () => {
    expect(await problemOf(saveErpConnection("XX99", { kind: "oracle", baseUrl: sim.url }, admin))).toMatchObject({ status: 404 });
    expect(await problemOf(saveErpConnection("US01", { kind: "oracle", baseUrl: "http://user:pw@erp.example.com" }, admin))).toMatchObject({ status: 422, detail: expect.stringMatching(/^baseUrl/) });
    expect(await problemOf(saveErpConnection("US01", { kind: "oracle", baseUrl: "ftp://erp.example.com" }, admin))).toMatchObject({ status: 422, detail: expect.stringMatching(/^baseUrl/) });
    // A kind without an installed adapter (until its branch merges) — or a kind change without that kind's credentials.
    const unregistered = (["sap", "bc", "netsuite"] as const).find((k) => !registeredErpKinds().includes(k));
    if (unregistered) expect(await problemOf(saveErpConnection("US01", { kind: unregistered, baseUrl: sim.url }, admin))).toMatchObject({ status: 422, detail: expect.stringMatching(/^kind/) });
    const row = await getDb().erpConnection.findFirstOrThrow();
    expect(row.version).toBe(1);
  });

  it("Test connection asks the adapter over HTTP, keeps the result and audits it", async () => {
    expect(await testErpConnection("US01", admin)).toMatchObject({ ok: true, detail: expect.stringContaining("200") });
    await saveErpConnection("US01", { kind: "oracle", baseUrl: "http://127.0.0.1:9", reason: "wrong port on purpose" }, admin);
    const failed = await testErpConnection("US01", admin);
    expect(failed.ok).toBe(false);
    const row = await getDb().erpConnection.findFirstOrThrow();
    expect(row).toMatchObject({ lastTestOk: false, version: 2, credentialFields: ["clientId", "clientSecret"] }); // credentials kept
    expect(await getDb().auditLog.count({ where: { action: "erp_connection.tested" } })).toBe(2);
    expect((await getDb().auditLog.findFirstOrThrow({ where: { action: "erp_connection.updated" } })).details).toMatchObject({ reason: "wrong port on purpose", credentialsChanged: false });
  });

  it("rotates credentials (new fingerprint, version bump, audited from → to)", async () => {
    const before = await getDb().erpConnection.findFirstOrThrow();
    const after = await rotateErpCredentials("US01", { credentials: { clientId: "cashline", clientSecret: "the-new-one" } }, admin);
    expect(after.connection.credentials.fingerprint).not.toBe(before.credentialsFingerprint);
    expect(after.connection.version).toBe(before.version + 1);
    expect((await getDb().auditLog.findFirstOrThrow({ where: { action: "erp_connection.credentials_rotated" } })).details).toMatchObject({ fromFingerprint: before.credentialsFingerprint, toFingerprint: after.connection.credentials.fingerprint });
  });

  it("reseals credentials under a new encryption key (the old one kept in _OLD_KEYS meanwhile), audited", async () => {
    const e = env();
    const oldKey = e.CASHLINE_ENCRYPTION_KEY!;
    const before = await getDb().erpConnection.findFirstOrThrow();
    e.CASHLINE_ENCRYPTION_KEY = crypto.randomBytes(32).toString("base64");
    e.CASHLINE_ENCRYPTION_OLD_KEYS = oldKey;
    try {
      expect((await listErpConnections()).items.find((i) => i.entityCode === "US01")?.connection?.credentials.sealedWithCurrentKey).toBe(false);
      expect(await resealErpCredentials()).toBe(1);
      expect(await resealErpCredentials()).toBe(0);
      const after = await getDb().erpConnection.findFirstOrThrow();
      expect(after.credentialsKeyId).not.toBe(before.credentialsKeyId);
      expect(after.version).toBe(before.version); // same credentials: adapters need no rebuild
      e.CASHLINE_ENCRYPTION_OLD_KEYS = undefined; // the old key gone: the resealed value still opens
      expect((await loadErpConnection(after.entityId))?.credentials).toEqual({ clientId: "cashline", clientSecret: "the-new-one" });
      expect(await getDb().auditLog.count({ where: { action: "erp_connection.credentials_resealed" } })).toBe(1);
    } finally {
      e.CASHLINE_ENCRYPTION_KEY = oldKey;
      e.CASHLINE_ENCRYPTION_OLD_KEYS = undefined;
    }
  });
});
