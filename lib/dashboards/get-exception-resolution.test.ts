import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getExceptionResolution } from "./get-exception-resolution.ts";
import { getAutoMatchRate } from "./get-auto-match-rate.ts";
import { application, at, exceptionCase, NOW, receipt, seedBase } from "./test-fixtures.ts";

useFreshDatabase();

beforeAll(async () => {
  await seedBase();
  await exceptionCase({ code: "SHORT_PAY", status: "RESOLVED", createdAt: at("2026-11-26T10:00:00Z"), resolvedAt: at("2026-11-26T11:00:00Z"), resolvedById: "u_a" }); // 1 h
  await exceptionCase({ code: "SHORT_PAY", status: "RESOLVED", createdAt: at("2026-11-25T10:00:00Z"), resolvedAt: at("2026-11-26T13:00:00Z"), resolvedById: "u_b" }); // 27 h
  await exceptionCase({ code: "UNIDENTIFIED", status: "RESOLVED", createdAt: at("2026-11-27T08:00:00Z"), resolvedAt: at("2026-11-27T10:00:00Z"), resolvedById: "u_a" }); // 2 h
  await exceptionCase({ code: "UNIDENTIFIED", status: "OPEN", createdAt: at("2026-11-27T09:00:00Z"), assigneeId: "u_b" });
  await exceptionCase({ code: "DUPLICATE", status: "CANCELLED", createdAt: at("2026-11-27T09:30:00Z"), resolvedAt: at("2026-11-27T09:40:00Z"), resolvedById: "u_a" });
  await exceptionCase({ code: "SHORT_PAY", status: "RESOLVED", createdAt: at("2026-10-01T10:00:00Z"), resolvedAt: at("2026-10-02T10:00:00Z"), resolvedById: "u_a" }); // outside
});

describe("getExceptionResolution", () => {
  it("reports resolution-time percentiles per day resolved, per code and per analyst", async () => {
    const r = await getExceptionResolution({ days: 7 }, NOW);
    expect(r.overall).toEqual({ resolved: 3, p50Seconds: 7200, p90Seconds: 79200, created: 5, open: 1 });
    expect(r.daily.find((d) => d.date === "2026-11-26")).toEqual({ date: "2026-11-26", created: 1, resolved: 2, p50Seconds: 50400, p90Seconds: 87840 });
    expect(r.daily.find((d) => d.date === "2026-11-27")).toEqual({ date: "2026-11-27", created: 3, resolved: 1, p50Seconds: 7200, p90Seconds: 7200 });
    expect(r.daily.find((d) => d.date === "2026-11-25")).toEqual({ date: "2026-11-25", created: 1, resolved: 0, p50Seconds: null, p90Seconds: null });
    expect(r.byCode).toEqual([
      { code: "SHORT_PAY", open: 0, resolved: 2, p50Seconds: 50400, p90Seconds: 87840 },
      { code: "UNIDENTIFIED", open: 1, resolved: 1, p50Seconds: 7200, p90Seconds: 7200 },
    ]);
    expect(r.byAnalyst).toEqual([
      { userId: "u_a", name: "Alex", openAssigned: 0, resolved: 2, p50Seconds: 5400, p90Seconds: 6840 },
      { userId: "u_b", name: "Bea", openAssigned: 1, resolved: 1, p50Seconds: 97200, p90Seconds: 97200 },
    ]);
  });
});

describe("getAutoMatchRate", () => {
  beforeAll(async () => {
    const day = (h: number) => at(`2026-11-26T${String(h).padStart(2, "0")}:00:00Z`);
    const engine = async (receivedAt: Date) => {
      const r = await receipt({ receivedAt, state: "POSTED", unappliedMinor: 0n });
      await application({ receiptId: r.id, amountMinor: 10_000n, appliedAt: new Date(receivedAt.getTime() + 5000) });
    };
    await engine(day(8));
    await engine(day(9));
    const both = await receipt({ receivedAt: day(10), state: "APPLIED", unappliedMinor: 0n }); // a person finished what the engine began
    await application({ receiptId: both.id, amountMinor: 5_000n, appliedAt: day(10) });
    await application({ receiptId: both.id, amountMinor: 5_000n, appliedByType: "user", appliedAt: day(12) });
    await receipt({ receivedAt: day(11), state: "UNIDENTIFIED" });
    await receipt({ receivedAt: day(12), state: "RECEIVED" });
    await receipt({ receivedAt: day(13), state: "RETURNED" }); // left out
    const reversed = await receipt({ receivedAt: day(14), state: "IDENTIFIED" }); // engine applied, a person reversed it
    await application({ receiptId: reversed.id, amountMinor: 10_000n, appliedAt: day(14), reversedAt: day(15) });
    await engine(at("2026-11-27T08:00:00Z"));
  });

  it("splits each arrival day's receipts into engine, people, exceptions and pending", async () => {
    const r = await getAutoMatchRate({ days: 7 }, NOW);
    expect(r.daily.find((d) => d.date === "2026-11-26")).toEqual({ date: "2026-11-26", received: 6, engine: 2, manual: 1, exception: 1, pending: 2, autoMatchRate: 2 / 6 });
    expect(r.daily.find((d) => d.date === "2026-11-27")).toEqual({ date: "2026-11-27", received: 1, engine: 1, manual: 0, exception: 0, pending: 0, autoMatchRate: 1 });
    expect(r.daily.find((d) => d.date === "2026-11-25")!.autoMatchRate).toBeNull();
    expect(r.total).toEqual({ received: 7, engine: 3, manual: 1, exception: 1, pending: 2, autoMatchRate: 3 / 7 });
  });
});
