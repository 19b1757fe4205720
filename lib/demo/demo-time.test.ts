// Invariants of the demo's clock: the demo is anchored to the moment it is generated, so nothing it writes lies in
// the future (a demo started at 06:46 once showed receipts "received 14:38"), latencies are never negative,
// timelines are in order, and only a realistic share of the exception queue is past its SLA.
import { describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "../db/client.ts";
import { seedDemo } from "./seed-demo.ts";

useFreshDatabase();
// Early in the UTC morning: the hour at which the old seed wrote most of "today" into the future.
const now = new Date("2026-11-27T06:46:00Z");

describe("demo seed anchored to its start", () => {
  it("writes no timestamp after the moment it was generated", async () => {
    const db = getDb();
    await seedDemo(db, { password: "cashline-demo", now });
    const [row] = await db.$queryRaw<Record<string, Date | null>[]>`
      select (select max(greatest("receivedAt", coalesce("postedAt", "receivedAt"), "createdAt", "stateChangedAt")) from "Receipt") as receipts,
             (select max(greatest("occurredAt", "recordedAt")) from "WorkflowEvent") as events,
             (select max(greatest("createdAt", coalesce("resolvedAt", "createdAt"), "updatedAt")) from "ExceptionCase") as cases,
             (select max(greatest("createdAt", coalesce("postedAt", "createdAt"))) from "JournalEntry") as journals,
             (select max(greatest("startedAt", coalesce("finishedAt", "startedAt"))) from "ConnectorRun") as runs,
             (select max("appliedAt") from "Application") as applications,
             (select max("createdAt") from "BankTransaction") as "bankLines",
             (select max("receivedAt") from "BankStatement") as statements,
             (select max("statusEventAt") from "Payout") as payouts`;
    for (const [what, at] of Object.entries(row!)) {
      expect(at, what).not.toBeNull();
      expect(at!.getTime(), `${what}: latest ${at!.toISOString()} is after ${now.toISOString()}`).toBeLessThanOrEqual(now.getTime());
    }
    // Some receipts did arrive today (before 06:46), so "receipts today" is not empty.
    expect(await db.receipt.count({ where: { receivedAt: { gte: new Date("2026-11-27T00:00:00Z") } } })).toBeGreaterThan(0);
  }, 240_000); // seeds the demo first (the seed test's own allowance: a busy 2-core machine needs minutes)

  it("has no negative latency and keeps every receipt's timeline in order", async () => {
    const [bad] = await getDb().$queryRaw<{ negative: bigint; postedBeforeReceived: bigint; appliedBeforeReceived: bigint; caseBeforeReceipt: bigint }[]>`
      select (select count(*) from "Receipt" where "postingLatencyMs" < 0)::bigint as negative,
             (select count(*) from "Receipt" where "postedAt" < "receivedAt")::bigint as "postedBeforeReceived",
             (select count(*) from "Application" a join "Receipt" r on r.id = a."receiptId" where a."appliedAt" < r."receivedAt")::bigint as "appliedBeforeReceived",
             (select count(*) from "ExceptionCase" c join "Receipt" r on r.id = c."receiptId" where c."createdAt" < r."receivedAt" or c."resolvedAt" < c."createdAt")::bigint as "caseBeforeReceipt"`;
    expect(bad).toEqual({ negative: 0n, postedBeforeReceived: 0n, appliedBeforeReceived: 0n, caseBeforeReceipt: 0n });
  });

  it("puts a realistic share of the open queue past its SLA, not most of it", async () => {
    const open = await getDb().exceptionCase.findMany({ where: { status: { notIn: ["RESOLVED", "CANCELLED"] } }, select: { slaDueAt: true, createdAt: true } });
    const overdue = open.filter((c) => c.slaDueAt < now);
    const share = overdue.length / open.length;
    expect(open.length).toBeGreaterThan(100);
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.4);
    const oldestDays = Math.max(...open.map((c) => (now.getTime() - c.createdAt.getTime()) / 86_400_000));
    expect(oldestDays).toBeLessThan(16);
  });
});
