// Unrealised FX at a period end on the real database: US01 (functional USD) has a EUR invoice open, booked at
// 1.10 on its issue date and revalued at 1.08 (the last rate on or before 2026-11-30): EUR 500.00 → USD 550.00 vs
// USD 540.00 = loss USD 10.00, proposed as Dr 6860 / Cr 1200 and shown on the close checklist.
import { describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { getFxRevaluation } from "./get-fx-revaluation.ts";
import { getCloseChecklist } from "../close/get-close-checklist.ts";

useFreshDatabase();

describe("FX revaluation of open receivables", () => {
  it("reports each invoice at booking and period-end rates, proposes the entity's journal, and is a close item", async () => {
    const w = await seedMiniWorld();
    const db = getDb();
    const inv = (number: string, currency: string, minor: bigint, issue: string) => db.invoice.create({ data: { entityId: w.entity.id, customerId: w.customer.id, number, currency, amountMinor: minor, openAmountMinor: minor, issueDate: new Date(issue), dueDate: new Date("2026-12-31"), sourceSystem: "t", sourceId: number } });
    await inv("EU-1", "EUR", 50_000n, "2026-10-05");
    await inv("US-1", "USD", 99_900n, "2026-10-05"); // functional currency: not revalued
    await inv("EU-LATE", "EUR", 10_000n, "2026-12-02"); // issued after the period end
    await db.fxRate.createMany({ data: [
      { day: new Date("2026-10-05"), base: "EUR", quote: "USD", rate: "1.10", source: "ECB" },
      { day: new Date("2026-11-27"), base: "EUR", quote: "USD", rate: "1.08", source: "ECB" },
      { day: new Date("2026-12-01"), base: "EUR", quote: "USD", rate: "2.00", source: "ECB" }, // after the period end: never used
    ] });
    const r = await getFxRevaluation({ period: "2026-11" });
    expect(r.invoices).toEqual([{
      entity: "US01", invoiceId: expect.any(String), number: "EU-1", open: { amount: "500.00", currency: "EUR" }, issueDate: "2026-10-05",
      bookingRate: "1.1", bookingRateDate: "2026-10-05", periodEndRate: "1.08", periodEndRateDate: "2026-11-27",
      booked: { amount: "550.00", currency: "USD" }, revalued: { amount: "540.00", currency: "USD" }, gainLoss: { amount: "-10.00", currency: "USD" },
    }]);
    expect(r.entities).toEqual([{
      entity: "US01", functionalCurrency: "USD", invoices: 1, missingRates: 0, netGainLoss: { amount: "-10.00", currency: "USD" },
      proposal: [
        { account: "6860", debit: "10.00", credit: "0.00", description: "Unrealised FX on open receivables at 2026-11-30 (loss)" },
        { account: "1200", debit: "0.00", credit: "10.00", description: "Unrealised FX on open receivables at 2026-11-30" },
      ],
    }]);
    const close = await getCloseChecklist({ period: "2026-11", entity: "US01" }, new Date("2026-12-03T10:00:00Z"));
    expect(close.entities[0]!.items.find((i) => i.key === "fx_revaluation")).toMatchObject({ count: 1, blocking: false, amounts: [{ amount: "-10.00", currency: "USD" }] });
    // A month with no rate on or before the booking date cannot be revalued: the item blocks.
    await inv("EU-OLD", "EUR", 10_000n, "2026-09-01");
    const blocked = await getCloseChecklist({ period: "2026-11", entity: "US01" }, new Date("2026-12-03T10:00:00Z"));
    expect(blocked.entities[0]!.items.find((i) => i.key === "fx_revaluation")).toMatchObject({ count: 2, blocking: true });
  });
});
