import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getPostingLatency } from "./get-posting-latency.ts";
import { at, exceptionCase, NOW, receipt, seedBase } from "./test-fixtures.ts";

useFreshDatabase();

beforeAll(async () => {
  await seedBase();
  const posted = (postedAt: string, ms: number, channel: "ACH" | "WIRE") =>
    receipt({ state: "POSTED", channel, unappliedMinor: 0n, receivedAt: new Date(at(postedAt).getTime() - ms), postedAt: at(postedAt), postingLatencyMs: ms });
  for (const ms of [1000, 2000, 3000, 4000]) await posted("2026-11-26T10:00:00Z", ms, "ACH");
  await posted("2026-11-27T09:00:00Z", 10_000, "WIRE");
  await posted("2026-11-01T09:00:00Z", 999_999, "ACH"); // outside a 7-day window
  // Waiting: oldest first, returned payments and duplicates are not waiting for anything.
  const w1 = await receipt({ state: "NEEDS_REVIEW", receivedAt: at("2026-11-25T08:00:00Z"), amountMinor: 12_345n, payerName: "ACME", bankReference: "BR1" });
  await exceptionCase({ code: "AMBIGUOUS", createdAt: at("2026-11-25T08:00:10Z"), receiptId: w1.id, assigneeId: "u_a" });
  await receipt({ state: "APPLIED", receivedAt: at("2026-11-26T08:00:00Z"), unappliedMinor: 0n });
  await receipt({ state: "RETURNED", receivedAt: at("2026-11-20T08:00:00Z") });
  await receipt({ state: "DUPLICATE", receivedAt: at("2026-11-20T08:00:00Z") });
});

describe("getPostingLatency", () => {
  it("computes p50/p95/p99 per day, per channel and overall with linear interpolation (percentile_cont)", async () => {
    const r = await getPostingLatency({ days: 7 }, NOW);
    expect(r.from).toBe("2026-11-21");
    expect(r.daily).toHaveLength(7);
    expect(r.daily.find((d) => d.date === "2026-11-26")).toEqual({ date: "2026-11-26", count: 4, p50Ms: 2500, p95Ms: 3850, p99Ms: 3970 });
    expect(r.daily.find((d) => d.date === "2026-11-27")).toEqual({ date: "2026-11-27", count: 1, p50Ms: 10000, p95Ms: 10000, p99Ms: 10000 });
    expect(r.daily.find((d) => d.date === "2026-11-25")).toEqual({ date: "2026-11-25", count: 0, p50Ms: null, p95Ms: null, p99Ms: null });
    expect(r.byChannel).toEqual([
      { channel: "ACH", count: 4, p50Ms: 2500, p95Ms: 3850, p99Ms: 3970 },
      { channel: "WIRE", count: 1, p50Ms: 10000, p95Ms: 10000, p99Ms: 10000 },
    ]);
    expect(r.overall).toEqual({ count: 5, p50Ms: 3000, p95Ms: 8800, p99Ms: 9760 });
    expect(r.dailyByChannel).toEqual([
      { date: "2026-11-26", channel: "ACH", count: 4, p50Ms: 2500, p95Ms: 3850, p99Ms: 3970 },
      { date: "2026-11-27", channel: "WIRE", count: 1, p50Ms: 10000, p95Ms: 10000, p99Ms: 10000 },
    ]);
  });

  it("filters by channel", async () => {
    const r = await getPostingLatency({ days: 7, channel: "WIRE" }, NOW);
    expect(r.overall).toEqual({ count: 1, p50Ms: 10000, p95Ms: 10000, p99Ms: 10000 });
    expect(r.waiting.total).toBe(0);
  });

  it("lists the receipts waiting longest with their state and owner", async () => {
    const r = await getPostingLatency({ days: 7 }, NOW);
    expect(r.waiting.total).toBe(2);
    expect(r.waiting.oldest.map((w) => [w.state, w.owner, w.waitingMinutes])).toEqual([
      ["NEEDS_REVIEW", "Alex", 52 * 60],
      ["APPLIED", "ERP connector", 28 * 60],
    ]);
    expect(r.waiting.oldest[0]).toMatchObject({ entity: "US01", amount: "123.45", currency: "USD", payerName: "ACME", bankReference: "BR1" });
  });
});
