// Receipt arrivals kept on write equal the receipts themselves after every kind of write (bulk and single inserts,
// moves between categories, moves within one, a corrected arrival time or amount, people's applications made and
// reversed, deletes), folded or not; the SQL category function agrees with the TypeScript one for every state; the
// auto-match rate reads the roll-up.
import { describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { RECEIPT_STATES, type ReceiptState } from "../workflow/receipt-states.ts";
import { arrivalCategory, foldReceiptArrivals, getReceiptArrivals, getReceiptArrivalsFromReceipts, rebuildReceiptArrivals } from "./receipt-arrivals.ts";
import { findRollupDrift } from "./find-rollup-drift.ts";
import { getAutoMatchRate } from "../dashboards/get-auto-match-rate.ts";

const database = useFreshDatabase();
let seq = 0;

function receipt(entityId: string, state: ReceiptState, receivedAt: string, amountMinor = 1_000n, currency = "USD") {
  const id = `ra_r${++seq}`;
  return {
    id, entityId, currency, amountMinor, unappliedMinor: amountMinor, valueDate: new Date(receivedAt.slice(0, 10)), receivedAt: new Date(receivedAt),
    channel: "ACH" as const, state, naturalKey: `test:${id}`, sourceSystem: "bank", sourceId: id,
  };
}

async function expectAgrees(label: string) {
  const [rolled, live] = await Promise.all([getReceiptArrivals(), getReceiptArrivalsFromReceipts()]);
  expect(rolled, label).toEqual(live);
  expect(await findRollupDrift(), label).toEqual([]);
  return rolled.map((r) => `${r.day} ${r.category} ${r.currency} ${r.count} ${r.amountMinor}`);
}

describe("receipt arrivals kept on write", () => {
  it("classify every state, applied by people or not, as the TypeScript does", async () => {
    const rows = await getDb().$queryRawUnsafe<{ state: ReceiptState; person: number; category: string }[]>(
      `select s::text as state, p as person, cashline_arrival_category(s, p) as category
         from unnest(enum_range(null::"ReceiptState")) s, unnest(array[0, 2]) p`);
    expect([...new Set(rows.map((r) => r.state))].sort()).toEqual([...RECEIPT_STATES].sort());
    for (const r of rows) expect(r.category, `${r.state} ${r.person}`).toBe(arrivalCategory(r.state, r.person));
    expect(arrivalCategory("POSTED", 1)).toBe("applied_by_person");
  });

  it("equal the receipts after every kind of write, folded or not, and the auto-match rate reads them", async () => {
    const { entity } = await seedMiniWorld("ra");
    const db = getDb();
    await db.receipt.createMany({ data: [
      receipt(entity.id, "RECEIVED", "2026-11-20T09:00:00Z"), receipt(entity.id, "RECEIVED", "2026-11-20T23:59:59Z"),
      receipt(entity.id, "UNIDENTIFIED", "2026-11-21T00:00:00Z"), receipt(entity.id, "DUPLICATE", "2026-11-21T08:00:00Z"),
      receipt(entity.id, "RECEIVED", "2026-11-21T10:00:00Z", 500n, "EUR"),
    ] });
    const single = await db.receipt.create({ data: receipt(entity.id, "RECEIVED", "2026-11-22T12:00:00Z") });
    expect(await expectAgrees("inserts")).toEqual([
      "2026-11-20 pending USD 2 2000", "2026-11-21 exception USD 1 1000", "2026-11-21 not_cash USD 1 1000", "2026-11-21 pending EUR 1 500",
      "2026-11-22 pending USD 1 1000",
    ]);

    const [a, b] = await db.receipt.findMany({ where: { receivedAt: { lt: new Date("2026-11-21") } }, orderBy: { receivedAt: "asc" } });
    await db.receipt.update({ where: { id: a!.id }, data: { state: "APPLIED", unappliedMinor: 0n } });
    const moves = await db.receiptArrivalMovement.count();
    await db.receipt.update({ where: { id: a!.id }, data: { state: "POSTED" } }); // within "applied"
    await db.receipt.update({ where: { id: a!.id }, data: { state: "PUBLISHED", payerName: "ACME" } });
    await db.receipt.updateMany({ data: { remittance: "INV-1" } });
    expect(await db.receiptArrivalMovement.count(), "moves within a category append nothing").toBe(moves);
    await db.receipt.update({ where: { id: b!.id }, data: { state: "SHORT_PAY" } });
    await db.receipt.update({ where: { id: single.id }, data: { receivedAt: new Date("2026-11-21T12:00:00Z"), amountMinor: 1_200n } }); // corrected
    expect(await expectAgrees("updates")).toEqual([
      "2026-11-20 applied USD 1 1000", "2026-11-20 exception USD 1 1000", "2026-11-21 exception USD 1 1000", "2026-11-21 not_cash USD 1 1000",
      "2026-11-21 pending EUR 1 500", "2026-11-21 pending USD 1 1200",
    ]);

    await foldReceiptArrivals();
    expect(await db.receiptArrivalMovement.count()).toBe(0);
    await expectAgrees("folded");
    // Received 2 on the 20th (one applied by the engine, one in an exception); the 21st: the duplicate left out.
    const rate = await getAutoMatchRate({ days: 7 }, new Date("2026-11-22T18:00:00Z"));
    expect(rate.daily.find((d) => d.date === "2026-11-20")).toMatchObject({ received: 2, engine: 1, manual: 0, exception: 1, pending: 0, autoMatchRate: 0.5 });
    expect(rate.daily.find((d) => d.date === "2026-11-21")).toMatchObject({ received: 3, engine: 0, exception: 1, pending: 2 });

    // A person applies the short payment (two applications), then reverses one; the engine's application on the
    // other receipt changes nothing; bulk inserts count too.
    const app = (receiptId: string, appliedByType: string, reversedAt: Date | null = null) => ({ receiptId, kind: "ON_ACCOUNT" as const, amountMinor: 100n, currency: "USD", appliedByType, reversedAt });
    await db.application.create({ data: app(a!.id, "engine") });
    await db.application.createMany({ data: [app(b!.id, "user"), app(b!.id, "user"), app(b!.id, "user", new Date())] });
    expect(await db.receipt.findUniqueOrThrow({ where: { id: b!.id } })).toMatchObject({ personApplications: 2 });
    await db.receipt.update({ where: { id: b!.id }, data: { state: "APPLIED" } });
    expect(await expectAgrees("applied by a person")).toContain("2026-11-20 applied_by_person USD 1 1000");
    const [first] = await db.application.findMany({ where: { receiptId: b!.id, reversedAt: null } });
    await db.application.update({ where: { id: first!.id }, data: { reversedAt: new Date() } });
    expect(await db.receipt.findUniqueOrThrow({ where: { id: b!.id } })).toMatchObject({ personApplications: 1 });
    await db.application.updateMany({ where: { receiptId: b!.id }, data: { reversedAt: new Date() } });
    expect(await expectAgrees("every person's application reversed")).toContain("2026-11-20 applied USD 2 2000");
    await db.application.updateMany({ where: { receiptId: b!.id, id: first!.id }, data: { reversedAt: null } });
    expect((await getAutoMatchRate({ days: 7 }, new Date("2026-11-22T18:00:00Z"))).daily.find((d) => d.date === "2026-11-20"))
      .toMatchObject({ received: 2, engine: 1, manual: 1, exception: 0 });
    await db.application.deleteMany({ where: { receiptId: { in: [a!.id, b!.id] } } });
    expect(await db.receipt.findUniqueOrThrow({ where: { id: b!.id } })).toMatchObject({ personApplications: 0 });
    await expectAgrees("applications deleted");

    await db.receipt.deleteMany({ where: { currency: "EUR" } });
    expect(await expectAgrees("deletes")).toEqual([
      "2026-11-20 applied USD 2 2000", "2026-11-21 exception USD 1 1000", "2026-11-21 not_cash USD 1 1000", "2026-11-21 pending USD 1 1200",
    ]);
    await foldReceiptArrivals();
    expect(await db.receiptArrivalsByDay.count(), "keys with nothing left are dropped").toBe(4);
  });

  it("reports a write made with triggers off as drift and a rebuild repairs it", async () => {
    await database.asOwner(`set session_replication_role = replica; update "Receipt" set "receivedAt" = '2026-11-19 10:00' where state = 'UNIDENTIFIED'`);
    expect(await findRollupDrift()).toEqual([
      "receipt arrivals 2026-11-19 exception USD: roll-up nothing, source 1 rows, 1000 minor",
      "receipt arrivals 2026-11-21 exception USD: roll-up 1 rows, 1000 minor, source nothing",
    ]);
    // A person's application written with triggers off: the source counts it, the receipt's count does not.
    const [applied] = await getDb().receipt.findMany({ where: { state: "PUBLISHED" } });
    await database.asOwner(`set session_replication_role = replica; insert into "Application" (id, "receiptId", kind, "amountMinor", currency, "appliedByType") values ('ra_off', '${applied!.id}', 'ON_ACCOUNT', 1, 'USD', 'user')`);
    expect(await findRollupDrift()).toContain("receipt arrivals 2026-11-20 applied_by_person USD: roll-up nothing, source 1 rows, 1000 minor");
    await rebuildReceiptArrivals();
    await expectAgrees("after a rebuild");
  });
});
