import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client.ts";
import { useFreshDatabase } from "../testing/test-database.ts";
import { listAuditLog, listAuditQuery } from "./list-audit-log.ts";
import { DISTINCT_LIMIT, findAuditValues } from "./find-audit-values.ts";

useFreshDatabase();

const search = (q: Record<string, string | number>) => listAuditLog(listAuditQuery.parse(q));

beforeAll(async () => {
  const rows = [
    { at: "2026-11-01T09:00:00Z", actorLabel: "alex@x.dev", actorId: "u_a", action: "auth.signed_in" },
    { at: "2026-11-02T10:00:00Z", actorLabel: "alex@x.dev", actorId: "u_a", action: "exception.resolved", targetType: "ExceptionCase", targetId: "case_1" },
    { at: "2026-11-03T11:00:00Z", actorLabel: "bea@x.dev", actorId: "u_b", action: "exception.assigned", targetType: "ExceptionCase", targetId: "case_2" },
    { at: "2026-11-04T12:00:00Z", actorLabel: "erp-connector", actorType: "system", action: "erp.posted", targetType: "Receipt", targetId: "rcp_1" },
    { at: "2026-11-05T23:59:59Z", actorLabel: "casey@x.dev", actorId: "u_c", action: "close.signed_off", targetType: "CloseSignOff", targetId: "so_1" },
  ];
  for (const r of rows) await getDb().auditLog.create({ data: { actorType: "user", ...r, at: new Date(r.at) } });
});

describe("listAuditLog", () => {
  it("lists newest first with an exact total below the cap", async () => {
    const r = await search({});
    expect(r.items.map((i) => i.action)).toEqual(["close.signed_off", "erp.posted", "exception.assigned", "exception.resolved", "auth.signed_in"]);
    expect([r.total, r.totalCapped]).toEqual([5, false]);
  });

  it("searches by actor, action prefix, target and date range (UTC days, inclusive)", async () => {
    expect((await search({ actor: "ALEX" })).items.map((i) => i.action)).toEqual(["exception.resolved", "auth.signed_in"]);
    expect((await search({ actor: "u_b" })).items.map((i) => i.action)).toEqual(["exception.assigned"]);
    expect((await search({ action: "exception." })).total).toBe(2);
    expect((await search({ targetType: "Receipt" })).items.map((i) => i.targetId)).toEqual(["rcp_1"]);
    expect((await search({ targetId: "case_2" })).items.map((i) => i.actor)).toEqual(["bea@x.dev"]);
    expect((await search({ from: "2026-11-02", to: "2026-11-05" })).items.map((i) => i.action)).toEqual(["close.signed_off", "erp.posted", "exception.assigned", "exception.resolved"]);
    expect((await search({ from: "2026-11-02", to: "2026-11-04", action: "exception.", actor: "alex" })).total).toBe(1);
    expect((await search({ q: "posted" })).items.map((i) => i.action)).toEqual(["erp.posted"]);
  });

  it("pages", async () => {
    const p2 = await search({ limit: 2, offset: 2 });
    expect(p2.items.map((i) => i.action)).toEqual(["exception.assigned", "exception.resolved"]);
    expect(p2.total).toBe(5);
  });

  it("matches actor and action text through their distinct values, literally, and row by row past the limit", async () => {
    expect(await findAuditValues("actorLabel", "X.DEV")).toEqual(["alex@x.dev", "bea@x.dev", "casey@x.dev"]);
    expect(await findAuditValues("action", "sign")).toEqual(["auth.signed_in", "close.signed_off", "exception.assigned"]);
    expect((await search({ q: "SIGNED_" })).items.map((i) => i.action)).toEqual(["close.signed_off", "auth.signed_in"]);
    expect((await search({ q: "case_1" })).items.map((i) => i.action)).toEqual(["exception.resolved"]);
    // % and _ are text, not wildcards.
    await getDb().auditLog.create({ data: { actorType: "api_key", actorLabel: "50%_off key", action: "api_key.used", at: new Date("2026-11-06T00:00:00Z") } });
    expect(await findAuditValues("actorLabel", "%_")).toEqual(["50%_off key"]);
    expect((await search({ actor: "0%_O" })).items.map((i) => i.action)).toEqual(["api_key.used"]);
    expect((await search({ actor: "a_e" })).total).toBe(0);
    // Thousands of distinct labels (one per anonymous caller, say): the skip scan gives way to matching row by row.
    await getDb().auditLog.createMany({ data: Array.from({ length: DISTINCT_LIMIT }, (_, k) => ({ actorType: "anonymous", actorLabel: `caller-${k}`, action: "auth.refused", at: new Date("2026-11-07T00:00:00Z") })) });
    expect(await findAuditValues("actorLabel", "caller-7")).toBeNull();
    expect((await search({ actor: "CALLER-1999" })).items.map((i) => i.actor)).toEqual(["caller-1999"]);
    expect((await search({ actor: "alex", action: "exception." })).total).toBe(1);
  });
});
