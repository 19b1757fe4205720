import { describe, expect, it } from "vitest";
import { ErpPermanentError } from "../erp/errors.ts";
import { erpPostingDate } from "./erp-posting-date.ts";

const periods = [
  { name: "OCT-26", start: "2026-10-01", end: "2026-10-31", open: false },
  { name: "NOV-26", start: "2026-11-01", end: "2026-11-30", open: false },
  { name: "JAN-27", start: "2027-01-01", end: "2027-01-31", open: true },
  { name: "DEC-26", start: "2026-12-01", end: "2026-12-31", open: true },
];

describe("posting date from the ERP's periods", () => {
  it("keeps a date in an open period, or outside every period, or when the ERP reports none", () => {
    expect(erpPostingDate("2026-12-15", periods)).toEqual({ date: "2026-12-15" });
    expect(erpPostingDate("2025-06-01", periods)).toEqual({ date: "2025-06-01" });
    expect(erpPostingDate("2026-11-02", null)).toEqual({ date: "2026-11-02" });
  });

  it("moves a date in a closed period to the first day of the next open one (in date order, skipping closed ones)", () => {
    expect(erpPostingDate("2026-11-02", periods)).toEqual({ date: "2026-12-01", moved: { from: "2026-11-02", closedPeriod: "NOV-26", openPeriod: "DEC-26" } });
    expect(erpPostingDate("2026-10-31", periods)).toMatchObject({ date: "2026-12-01", moved: { closedPeriod: "OCT-26" } });
  });

  it("refuses (for a person) when no later period is open, naming the period", () => {
    const closedAll = periods.map((p) => ({ ...p, open: false }));
    expect(() => erpPostingDate("2026-11-02", closedAll)).toThrow(ErpPermanentError);
    expect(() => erpPostingDate("2026-11-02", closedAll)).toThrow(/NOV-26 .* closed and no later period is open/);
  });
});
