import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getUnappliedAging } from "./get-unapplied-aging.ts";
import { application, at, NOW, receipt, seedBase } from "./test-fixtures.ts";

useFreshDatabase();

beforeAll(async () => {
  await seedBase();
  // US01 / USD: one receipt per bucket edge (today is 2026-11-27), amounts in cents.
  const us = (valueDate: string, unapplied: bigint, extra = {}) => receipt({ valueDate: at(valueDate), receivedAt: at("2026-10-01T10:00:00Z"), amountMinor: unapplied, unappliedMinor: unapplied, state: "UNIDENTIFIED", ...extra });
  await us("2026-11-27", 10_000n); // age 0
  await us("2026-11-25", 5_000n); // age 2
  await us("2026-11-28", 400n); // value date tomorrow: counts as age 0
  await us("2026-11-24", 3_000n); // age 3
  await us("2026-11-20", 2_000n); // age 7
  await us("2026-11-19", 1_000n); // age 8
  await us("2026-10-28", 500n); // age 30
  await us("2026-10-27", 100n); // age 31
  await us("2026-09-28", 200n); // age 60
  await us("2026-09-27", 300n); // age 61
  await us("2026-11-26", 99_999n, { state: "RETURNED" }); // money went back: not cash to apply
  await us("2026-11-26", 88_888n, { state: "DUPLICATE" });
  await us("2026-11-26", 10_000n, { unappliedMinor: 0n, state: "POSTED" }); // fully applied
  await receipt({ entityId: "e_de", currency: "EUR", valueDate: at("2026-11-26"), amountMinor: 7_000n, state: "SHORT_PAY", receivedAt: at("2026-10-01T10:00:00Z") });
});

describe("getUnappliedAging", () => {
  it("buckets unapplied cash by age from the value date, per entity and currency, and totals per currency", async () => {
    const r = await getUnappliedAging({ days: 7 }, NOW);
    expect(r.today).toBe("2026-11-27");
    expect(r.buckets.map((b) => [b.key, b.valueFrom, b.valueTo])).toEqual([
      ["0-2", "2026-11-25", "2026-11-27"], ["3-7", "2026-11-20", "2026-11-24"], ["8-30", "2026-10-28", "2026-11-19"],
      ["31-60", "2026-09-28", "2026-10-27"], ["61+", null, "2026-09-27"],
    ]);
    const us = r.rows.find((x) => x.entity === "US01" && x.currency === "USD")!;
    expect(us.buckets).toEqual([
      { count: 3, amount: "154.00" }, { count: 2, amount: "50.00" }, { count: 2, amount: "15.00" }, { count: 2, amount: "3.00" }, { count: 1, amount: "3.00" },
    ]);
    expect(us.total).toEqual({ count: 10, amount: "225.00" });
    expect(r.rows.find((x) => x.entity === "DE01")).toMatchObject({ currency: "EUR", total: { count: 1, amount: "70.00" } });
    expect(r.totals.map((t) => [t.currency, t.total.amount])).toEqual([["EUR", "70.00"], ["USD", "225.00"]]);
  });

  it("filters by entity and currency", async () => {
    const r = await getUnappliedAging({ entity: "DE01", days: 7 }, NOW);
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]!.buckets[0]).toEqual({ count: 1, amount: "70.00" });
    expect((await getUnappliedAging({ currency: "GBP", days: 7 }, NOW)).rows).toEqual([]);
  });
});

describe("unapplied trend (derived from receipts and applications)", () => {
  beforeAll(async () => {
    const gbp = { entityId: "e_uk", currency: "GBP" };
    // A: received 23rd, applied 24th, application reversed 26th → unapplied again.
    const a = await receipt({ ...gbp, amountMinor: 1_000n, unappliedMinor: 1_000n, receivedAt: at("2026-11-23T10:00:00Z"), state: "IDENTIFIED" });
    await application({ receiptId: a.id, amountMinor: 1_000n, currency: "GBP", appliedAt: at("2026-11-24T10:00:00Z"), reversedAt: at("2026-11-26T10:00:00Z") });
    // B: received 25th, 60.00 of 100.00 applied on the 26th.
    const b = await receipt({ ...gbp, amountMinor: 10_000n, unappliedMinor: 4_000n, receivedAt: at("2026-11-25T10:00:00Z"), state: "SHORT_PAY" });
    await application({ receiptId: b.id, amountMinor: 6_000n, currency: "GBP", appliedAt: at("2026-11-26T09:00:00Z") });
    // C: received today, nothing applied.
    await receipt({ ...gbp, amountMinor: 2_500n, receivedAt: at("2026-11-27T08:00:00Z") });
    // E: received and applied on the 26th with a bank-charge write-off: invoice 100.00 settled by 95.00 of cash.
    const e = await receipt({ ...gbp, amountMinor: 9_500n, unappliedMinor: 0n, receivedAt: at("2026-11-26T10:00:00Z"), state: "POSTED" });
    await application({ receiptId: e.id, amountMinor: 10_000n, currency: "GBP", appliedAt: at("2026-11-26T11:00:00Z") });
    await application({ receiptId: e.id, kind: "WRITE_OFF", reasonCode: "bank_charge", amountMinor: 500n, currency: "GBP", appliedAt: at("2026-11-26T11:00:00Z") });
    // An old receipt applied inside the window (its receipt arrived before the window).
    const old = await receipt({ ...gbp, amountMinor: 300n, unappliedMinor: 0n, receivedAt: at("2026-10-01T10:00:00Z"), state: "POSTED" });
    await application({ receiptId: old.id, amountMinor: 300n, currency: "GBP", appliedAt: at("2026-11-22T10:00:00Z") });
    // A duplicate is never cash, at any point of its history.
    const dup = await receipt({ ...gbp, amountMinor: 50_000n, receivedAt: at("2026-11-24T10:00:00Z"), state: "DUPLICATE" });
    await application({ receiptId: dup.id, amountMinor: 50_000n, currency: "GBP", appliedAt: at("2026-11-25T10:00:00Z"), reversedAt: at("2026-11-25T12:00:00Z") });
  });

  it("walks back from today's balance to each end of day", async () => {
    const r = await getUnappliedAging({ currency: "GBP", days: 7 }, NOW);
    expect(r.trend.map((p) => [p.date, p.amount])).toEqual([
      ["2026-11-21", "3.00"], ["2026-11-22", "0.00"], ["2026-11-23", "10.00"], ["2026-11-24", "0.00"],
      ["2026-11-25", "100.00"], ["2026-11-26", "50.00"], ["2026-11-27", "75.00"],
    ]);
    expect(r.totals).toEqual([expect.objectContaining({ currency: "GBP", total: { count: 3, amount: "75.00" } })]);
  });

  it("gives the same trend when filtered by entity", async () => {
    const byEntity = await getUnappliedAging({ entity: "UK01", days: 7 }, NOW);
    expect(byEntity.trend.filter((p) => p.currency === "GBP").map((p) => p.amount)).toEqual(["3.00", "0.00", "10.00", "0.00", "100.00", "50.00", "75.00"]);
  });
});

describe("unapplied trend from the daily snapshot", () => {
  it("reads closed days from the snapshot and gives the same figures as the derivation", async () => {
    const { snapshotUnappliedCash } = await import("./snapshot-unapplied-cash.ts");
    const derived = await getUnappliedAging({ days: 7 }, NOW);
    const first = await snapshotUnappliedCash(NOW);
    expect(first).toMatchObject({ from: "2026-08-29", through: "2026-11-26" });
    expect(first.rows).toBeGreaterThan(0);
    expect(await snapshotUnappliedCash(NOW)).toMatchObject({ from: null, rows: 0 });
    const fromSnapshot = await getUnappliedAging({ days: 7 }, NOW);
    expect(fromSnapshot.trend).toEqual(derived.trend);
    const gbp = await getUnappliedAging({ currency: "GBP", days: 7 }, NOW);
    expect(gbp.trend.map((p) => p.amount)).toEqual(["3.00", "0.00", "10.00", "0.00", "100.00", "50.00", "75.00"]);
    const uk = await getUnappliedAging({ entity: "UK01", days: 7 }, NOW);
    expect(uk.trend.map((p) => p.amount)).toEqual(["3.00", "0.00", "10.00", "0.00", "100.00", "50.00", "75.00"]);
  });
});
