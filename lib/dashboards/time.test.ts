import { describe, expect, it } from "vitest";
import { AGE_BUCKETS, ageBucketIndex, bucketValueDates, currentPeriod, dateRange, parsePeriod } from "./time.ts";

describe("time helpers", () => {
  it("parses a month into a half-open UTC range", () => {
    const p = parsePeriod("2026-02");
    expect([p.start.toISOString(), p.end.toISOString(), p.lastDay]).toEqual(["2026-02-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z", "2026-02-28"]);
    expect(parsePeriod("2026-12").end.toISOString()).toBe("2027-01-01T00:00:00.000Z");
    expect(() => parsePeriod("2026-13")).toThrow();
    expect(currentPeriod(new Date("2026-11-30T23:59:59Z"))).toBe("2026-11");
  });

  it("puts ages into buckets at the documented edges", () => {
    expect([-1, 0, 2, 3, 7, 8, 30, 31, 60, 61, 400].map((d) => AGE_BUCKETS[ageBucketIndex(d)]!.key)).toEqual(["0-2", "0-2", "0-2", "3-7", "3-7", "8-30", "8-30", "31-60", "31-60", "61+", "61+"]);
  });

  it("turns a bucket into the value dates it covers", () => {
    const today = new Date("2026-11-27T00:00:00Z");
    expect(bucketValueDates(AGE_BUCKETS[2], today)).toEqual({ valueFrom: "2026-10-28", valueTo: "2026-11-19" });
    expect(bucketValueDates(AGE_BUCKETS[4], today)).toEqual({ valueFrom: undefined, valueTo: "2026-09-27" });
    expect(dateRange(new Date("2026-11-29T00:00:00Z"), new Date("2026-12-01T00:00:00Z"))).toEqual(["2026-11-29", "2026-11-30", "2026-12-01"]);
  });
});
