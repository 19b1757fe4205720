// The dashboards' drill-down filters on the payments list (unapplied cash, not yet posted, value-date range).
import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { at, receipt, seedBase } from "../dashboards/test-fixtures.ts";
import { listReceipts, listReceiptsQuery } from "./list-receipts.ts";

useFreshDatabase();

beforeAll(async () => {
  await seedBase();
  await receipt({ id: "r_open_old", valueDate: at("2026-10-01"), state: "UNIDENTIFIED" });
  await receipt({ id: "r_open_new", valueDate: at("2026-11-20"), state: "SHORT_PAY" });
  await receipt({ id: "r_returned", valueDate: at("2026-11-20"), state: "RETURNED" });
  await receipt({ id: "r_applied", valueDate: at("2026-11-20"), state: "APPLIED", unappliedMinor: 0n });
  await receipt({ id: "r_posted", valueDate: at("2026-11-20"), state: "POSTED", unappliedMinor: 0n, postedAt: at("2026-11-21T10:00:00Z") });
});

const ids = async (q: Record<string, string>) => (await listReceipts(listReceiptsQuery.parse(q))).items.map((r) => r.id).sort();

describe("listReceipts drill-down filters", () => {
  it("filters unapplied cash, unposted receipts and value-date ranges", async () => {
    expect(await ids({ unapplied: "1" })).toEqual(["r_open_new", "r_open_old"]);
    expect(await ids({ unposted: "1" })).toEqual(["r_applied", "r_open_new", "r_open_old"]);
    expect(await ids({ unapplied: "1", valueFrom: "2026-11-01", valueTo: "2026-11-30" })).toEqual(["r_open_new"]);
    expect(await ids({ valueTo: "2026-10-31" })).toEqual(["r_open_old"]);
    expect(listReceiptsQuery.safeParse({ valueFrom: "2026-13-01" }).success).toBe(false);
  });

  it("gives a receipt's age in days from its value date, as the aging buckets count it", async () => {
    // Value date 8 days before "now", received 7 d 23 h before: the aging puts it in 8–30 days; the list said "7 d".
    await receipt({ id: "r_age", valueDate: at("2026-11-19"), receivedAt: at("2026-11-19T13:00:00Z"), state: "UNIDENTIFIED" });
    const row = (await listReceipts(listReceiptsQuery.parse({}), new Date("2026-11-27T12:00:00Z"))).items.find((r) => r.id === "r_age")!;
    expect(row).toMatchObject({ ageDays: 8, ageHours: 191 });
  });
});
