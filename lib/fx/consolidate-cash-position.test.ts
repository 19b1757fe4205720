// Consolidation into the reporting currency (EUR): hand-computed with the ECB rates of Friday 2026-11-27 used on
// Sunday 2026-11-29: USD 1,082.30 / 1.0823 = EUR 1,000.00; GBP 851.70 / 0.8517 = EUR 1,000.00; JPY has no rate.
import { describe, expect, it } from "vitest";
import { RateTable } from "./lookup-rate.ts";
import { consolidateCashPosition } from "./consolidate-cash-position.ts";
import type { CashPosition } from "../dashboards/get-cash-position.ts";

const rates = new RateTable([
  { day: "2026-11-27", base: "EUR", quote: "USD", rate: "1.0823" },
  { day: "2026-11-27", base: "EUR", quote: "GBP", rate: "0.8517" },
  { day: "2026-11-30", base: "EUR", quote: "USD", rate: "2" }, // after the day: never used
]);
const account = (id: string, entity: string, currency: string, closing: string, inTransit = "0", projected: string | null = closing) => ({
  id, entity, name: id, bankName: "B", account: id, currency, glAccount: "1000", statementDate: null, statementStale: false, openingBalance: null, closingBalance: closing,
  receivedToday: "0", receivedTodayCount: 0, inTransit, inTransitCount: 0, arrivingToday: "0", projected, erpBalance: "0", bankMinusErp: null, unreconciledCount: 0, unreconciledAmount: "0",
});
const pos = {
  asOf: "2026-11-29T10:00:00Z", today: "2026-11-29", receivedTodayViaProcessor: [], unassignedPayouts: [], totals: [], history: [],
  accounts: [account("us", "US01", "USD", "1082.30", "108.23", "1190.53"), account("uk", "UK01", "GBP", "851.70"), account("de", "DE01", "EUR", "10.00"), account("jp", "JP01", "JPY", "5000")],
  invoicesDue: [{ entity: "US01", currency: "USD", dueToday: "0", dueTodayCount: 0, dueWeek: "2164.60", dueWeekCount: 2 }],
} as CashPosition;

describe("consolidated cash position", () => {
  it("converts per account and entity at the day's rate (or the last before it), lists the rates used and the missing ones", () => {
    const c = consolidateCashPosition(pos, "EUR", rates);
    expect(c.rates).toEqual([{ currency: "GBP", rate: "1.1741223435", day: "2026-11-27", how: "inverse" }, { currency: "USD", rate: "0.9239582371", day: "2026-11-27", how: "inverse" }]);
    expect(c.missingRates).toEqual(["JPY"]);
    expect(c.accounts.map((a) => [a.id, a.closing, a.inTransit, a.projected])).toEqual([
      ["us", "1000.00", "100.00", "1100.00"], ["uk", "1000.00", "0.00", "1000.00"], ["de", "10.00", "0.00", "10.00"],
    ]);
    expect(c.entities).toEqual([
      { entity: "DE01", closing: "10.00", inTransit: "0.00", projected: "10.00", expected: "0.00" },
      { entity: "UK01", closing: "1000.00", inTransit: "0.00", projected: "1000.00", expected: "0.00" },
      { entity: "US01", closing: "1000.00", inTransit: "100.00", projected: "1100.00", expected: "2000.00" },
    ]);
    expect(c.total).toEqual({ closing: "2010.00", inTransit: "100.00", projected: "2110.00", expected: "2000.00" });
  });
});
