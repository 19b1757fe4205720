import { describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "../db/client.ts";
import { listWriteOffLimits, setWriteOffLimits } from "./set-write-off-limits.ts";

useFreshDatabase();

describe("setWriteOffLimits (admin)", () => {
  it("sets a user's limits per currency in that currency's minor units, replaces the set, audits before and after", async () => {
    const db = getDb();
    const u = await db.user.create({ data: { email: "a@x.dev", name: "A", role: "AR_ANALYST", passwordHash: "x" } });
    const admin = { id: "adm", email: "admin@x.dev" };
    const out = await setWriteOffLimits(u.id, { reason: "new analyst", limits: [
      { currency: "USD", perWriteOff: "50", perReceipt: "75.00", perInvoice: "60", perDay: "500" },
      { currency: "JPY", perWriteOff: "5000", perReceipt: "5000", perInvoice: "5000", perDay: "20000" },
    ] }, admin);
    expect(out.limits.map((l) => [l.currency, l.perWriteOff, l.perDay])).toEqual([["JPY", "5000", "20000"], ["USD", "50.00", "500.00"]]);
    expect((await db.writeOffLimit.findUniqueOrThrow({ where: { userId_currency: { userId: u.id, currency: "JPY" } } })).perWriteOffMinor).toBe(5000n);
    expect((await db.writeOffLimit.findUniqueOrThrow({ where: { userId_currency: { userId: u.id, currency: "USD" } } })).perWriteOffMinor).toBe(5000n);
    await setWriteOffLimits(u.id, { reason: "no yen any more", limits: [{ currency: "USD", perWriteOff: "10", perReceipt: "10", perInvoice: "10", perDay: "10" }] }, admin);
    expect((await listWriteOffLimits()).items.find((x) => x.userId === u.id)!.limits.map((l) => l.currency)).toEqual(["USD"]);
    const audits = await db.auditLog.findMany({ where: { action: "write_off_limits.updated", targetId: u.id }, orderBy: { id: "asc" } });
    expect(audits).toHaveLength(2);
    expect(audits[1]!.details).toMatchObject({ reason: "no yen any more", before: expect.arrayContaining([expect.objectContaining({ currency: "JPY" })]), after: [expect.objectContaining({ currency: "USD", perWriteOff: "10.00" })] });
  });

  it("refuses amounts a currency cannot have, unknown currencies and a single limit above the daily one", async () => {
    const u = await getDb().user.create({ data: { email: "b@x.dev", name: "B", role: "AR_ANALYST", passwordHash: "x" } });
    const admin = { id: "adm", email: "admin@x.dev" };
    const line = { currency: "JPY", perWriteOff: "1.5", perReceipt: "1", perInvoice: "1", perDay: "10" };
    await expect(setWriteOffLimits(u.id, { reason: "bad yen", limits: [line] }, admin)).rejects.toMatchObject({ problem: { status: 422 } });
    await expect(setWriteOffLimits(u.id, { reason: "bad code", limits: [{ ...line, currency: "XYZ", perWriteOff: "1" }] }, admin)).rejects.toMatchObject({ problem: { status: 422 } });
    await expect(setWriteOffLimits(u.id, { reason: "inverted", limits: [{ ...line, perWriteOff: "11" }] }, admin)).rejects.toMatchObject({ problem: { status: 422 } });
    await expect(setWriteOffLimits("nobody", { reason: "missing", limits: [] }, admin)).rejects.toMatchObject({ problem: { status: 404 } });
    expect(await getDb().writeOffLimit.count({ where: { userId: u.id } })).toBe(0);
  });
});
