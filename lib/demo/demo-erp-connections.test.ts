process.env.CASHLINE_ENCRYPTION_KEY ??= "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
import { describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "../db/client.ts";
import { loadErpConnection } from "../erp-connections/load-erp-connection.ts";
import { DEMO_ERP_KINDS, demoErpSimPorts, ensureDemoErpConnections } from "./demo-erp-connections.ts";

useFreshDatabase();

describe("demo ERP connections", () => {
  it("one simulator port per kind in use, in table order", () => {
    expect([...demoErpSimPorts(4010, { US01: "oracle", UK01: "bc", DE01: "sap", FR01: "bc" })]).toEqual([["oracle", 4010], ["bc", 4011], ["sap", 4012]]);
    expect(demoErpSimPorts(4010).size).toBe(new Set(Object.values(DEMO_ERP_KINDS)).size);
  });

  it("every demo entity gets a connection to its kind's simulator once; an existing one is kept", async () => {
    const db = getDb();
    for (const code of Object.keys(DEMO_ERP_KINDS)) await db.legalEntity.create({ data: { id: `ent_${code}`, code, name: code, country: "US", functionalCurrency: "USD" } });
    const ports = demoErpSimPorts(4010);
    const urlOf = (k: keyof typeof DEMO_ERP_KINDS | string) => `http://127.0.0.1:${ports.get(k as never)}`;
    expect(await ensureDemoErpConnections(db, urlOf)).toBe(Object.keys(DEMO_ERP_KINDS).length);
    for (const [code, kind] of Object.entries(DEMO_ERP_KINDS)) {
      expect(await loadErpConnection(`ent_${code}`)).toMatchObject({ kind, baseUrl: urlOf(kind) });
    }
    await db.erpConnection.update({ where: { entityId: "ent_US01" }, data: { baseUrl: "https://erp.example.com" } });
    expect(await ensureDemoErpConnections(db, urlOf)).toBe(0);
    expect((await loadErpConnection("ent_US01"))?.baseUrl).toBe("https://erp.example.com");
  });
});
