// The exception case counts kept on write (created per day, open per code and per assignee) equal the cases after
// every kind of write, folded or not; moves between open statuses append nothing; a drift is named and repaired.
import { describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { findRollupDrift } from "./find-rollup-drift.ts";
import { rebuildFiguresKeptOnWrite } from "./figures-kept-on-write.ts";
import { foldExceptionCaseCounts, getExceptionCaseCounts, getExceptionCaseCountsFromCases } from "./exception-case-counts.ts";

const database = useFreshDatabase();

async function expectAgrees(label: string) {
  const [rolled, live] = await Promise.all([getExceptionCaseCounts(), getExceptionCaseCountsFromCases()]);
  expect(rolled, label).toEqual(live);
  expect(await findRollupDrift(), label).toEqual([]);
  return rolled.map((r) => `${r.kind} ${r.key} ${r.count}`);
}

describe("exception case counts kept on write", () => {
  it("equal the cases after every kind of write, folded or not", async () => {
    const db = getDb();
    const { entity } = await seedMiniWorld("cc");
    await db.user.createMany({ data: ["cc_a", "cc_b"].map((id) => ({ id, email: `${id}@x.dev`, name: id, role: "AR_ANALYST" as const, passwordHash: "x" })) });
    const base = { entityId: entity.id, slaDueAt: new Date("2026-11-22T00:00:00Z"), reasons: [] };
    await db.exceptionCase.createMany({ data: [
      { ...base, code: "SHORT_PAY", createdAt: new Date("2026-11-20T09:00:00Z"), assigneeId: "cc_a" },
      { ...base, code: "SHORT_PAY", createdAt: new Date("2026-11-20T23:59:59Z") },
      { ...base, code: "UNIDENTIFIED", createdAt: new Date("2026-11-21T00:00:00Z"), status: "RESOLVED", resolvedAt: new Date("2026-11-21T01:00:00Z") },
    ] });
    const one = await db.exceptionCase.create({ data: { ...base, code: "AMBIGUOUS", createdAt: new Date("2026-11-21T10:00:00Z"), assigneeId: "cc_b" } });
    expect(await expectAgrees("inserts")).toEqual([
      "created 2026-11-20 2", "created 2026-11-21 2",
      "open_assignee  1", "open_assignee cc_a 1", "open_assignee cc_b 1",
      "open_code AMBIGUOUS 1", "open_code SHORT_PAY 2",
    ]);
    const moves = await db.exceptionCaseCountMovement.count();
    await db.exceptionCase.update({ where: { id: one.id }, data: { status: "IN_PROGRESS", version: { increment: 1 } } });
    await db.exceptionCase.update({ where: { id: one.id }, data: { status: "ESCALATED", suggestion: { note: "x" } } });
    expect(await db.exceptionCaseCountMovement.count(), "moves between open statuses append nothing").toBe(moves);
    await db.exceptionCase.update({ where: { id: one.id }, data: { assigneeId: "cc_a" } });
    await expectAgrees("reassigned");
    await foldExceptionCaseCounts();
    await db.exceptionCase.update({ where: { id: one.id }, data: { code: "OVERPAYMENT", createdAt: new Date("2026-11-22T10:00:00Z") } });
    await expectAgrees("code and creation day corrected");
    await db.exceptionCase.update({ where: { id: one.id }, data: { status: "RESOLVED", resolvedAt: new Date("2026-11-22T12:00:00Z") } });
    await expectAgrees("resolved");
    await db.exceptionCase.update({ where: { id: one.id }, data: { status: "OPEN", resolvedAt: null } });
    await expectAgrees("reopened");
    await db.exceptionCase.update({ where: { id: one.id }, data: { status: "CANCELLED" } });
    await db.exceptionCase.deleteMany({ where: { code: "SHORT_PAY", assigneeId: null } });
    await expectAgrees("cancelled, one deleted");
    await foldExceptionCaseCounts();
    expect(await getExceptionCaseCounts("2026-11-21")).toEqual([
      { kind: "created", key: "2026-11-21", count: 1 }, { kind: "created", key: "2026-11-22", count: 1 },
      { kind: "open_assignee", key: "cc_a", count: 1 }, { kind: "open_code", key: "SHORT_PAY", count: 1 },
    ]);
    expect(await db.exceptionCaseCount.count({ where: { kind: "open_code", key: "OVERPAYMENT" } }), "emptied keys are dropped").toBe(0);
  });

  it("name a write made with triggers off, and a rebuild repairs it", async () => {
    const { entity } = await seedMiniWorld("cd");
    await database.asOwner(`set session_replication_role = replica;
      insert into "ExceptionCase" (id, code, status, "entityId", "slaDueAt", reasons, "createdAt", "updatedAt")
      values ('cd_x', 'DUPLICATE', 'OPEN', '${entity.id}', now(), '{}', '2027-03-03 10:00', now())`);
    expect(await findRollupDrift()).toEqual([
      "exception cases created 2027-03-03: roll-up nothing, source 1 rows",
      "exception cases open_assignee : roll-up nothing, source 1 rows", // unassigned
      "exception cases open_code DUPLICATE: roll-up nothing, source 1 rows",
    ]);
    await rebuildFiguresKeptOnWrite();
    await expectAgrees("rebuilt");
  });
});
