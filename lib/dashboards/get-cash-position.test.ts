import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client.ts";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getCashPosition } from "./get-cash-position.ts";
import { foldGlBalances } from "../figures/gl-balances.ts";
import { at, bankLine, journal, NOW, receipt, seedBase, statement } from "./test-fixtures.ts";

useFreshDatabase();

async function payout(p: { id: string; bankAccountId: string | null; amountMinor: bigint; arrivalDate: string; status: string; recognizedAt?: Date }) {
  await getDb().payout.create({
    data: { payoutId: p.id, entityId: "e_us", bankAccountId: p.bankAccountId, currency: "USD", amountMinor: p.amountMinor, grossMinor: p.amountMinor, feeMinor: 0n,
      arrivalDate: at(p.arrivalDate), status: p.status, statusEventAt: NOW, recognizedAt: p.recognizedAt ?? null },
  });
}

async function invoice(n: number, dueDate: string, openAmountMinor: bigint, status: "OPEN" | "PARTIALLY_PAID" | "PAID") {
  await getDb().invoice.create({
    data: { entityId: "e_us", customerId: "c1", number: `INV-${n}`, currency: "USD", amountMinor: 99_999n, openAmountMinor, issueDate: at("2026-10-01"), dueDate: at(dueDate),
      status, sourceSystem: "billing", sourceId: `inv-${n}` },
  });
}

beforeAll(async () => {
  await seedBase();
  await getDb().customer.create({ data: { id: "c1", entityId: "e_us", erpAccountNumber: "C1", name: "Acme", aliases: [], payerAccounts: [] } });
  await statement({ bankAccountId: "b_us", day: "2026-11-25", opening: 100_000n, closing: 150_000n });
  await statement({ bankAccountId: "b_us", day: "2026-11-26", opening: 150_000n, closing: 180_000n });
  await receipt({ bankAccountId: "b_us", amountMinor: 20_000n, receivedAt: at("2026-11-27T09:00:00Z") });
  await receipt({ bankAccountId: "b_us", amountMinor: 5_000n, receivedAt: at("2026-11-27T10:00:00Z") });
  await receipt({ bankAccountId: "b_us", amountMinor: 99_900n, receivedAt: at("2026-11-27T10:30:00Z"), state: "DUPLICATE" });
  await receipt({ bankAccountId: "b_us", amountMinor: 77_700n, receivedAt: at("2026-11-26T10:00:00Z") }); // yesterday
  await payout({ id: "po_1", bankAccountId: "b_us", amountMinor: 30_000n, arrivalDate: "2026-11-27", status: "in_transit" });
  await payout({ id: "po_2", bankAccountId: "b_us", amountMinor: 10_000n, arrivalDate: "2026-11-28", status: "in_transit" });
  await payout({ id: "po_3", bankAccountId: "b_us", amountMinor: 55_500n, arrivalDate: "2026-11-25", status: "paid" });
  await payout({ id: "po_4", bankAccountId: "b_us", amountMinor: 44_400n, arrivalDate: "2026-11-26", status: "in_transit", recognizedAt: at("2026-11-26T09:00:00Z") });
  await payout({ id: "po_5", bankAccountId: null, amountMinor: 4_000n, arrivalDate: "2026-11-28", status: "pending" });
  // ERP: POSTED lines on GL 1010 of US01/USD count; a FAILED entry and another entity's 1010 do not.
  await journal({ status: "POSTED", postedAt: at("2026-11-20T10:00:00Z"), lines: [{ account: "1010", debit: 70_000n }, { account: "1200", credit: 70_000n }] });
  await journal({ status: "POSTED", postedAt: at("2026-11-26T10:00:00Z"), lines: [{ account: "1010", debit: 10_000n }, { account: "1010", credit: 3_000n }, { account: "1200", credit: 7_000n }] });
  await journal({ status: "FAILED", lines: [{ account: "1010", debit: 500_000n }, { account: "1200", credit: 500_000n }] });
  await journal({ status: "POSTED", entityId: "e_de", currency: "EUR", postedAt: at("2026-11-20T10:00:00Z"), lines: [{ account: "1010", debit: 123_000n }, { account: "1200", credit: 123_000n }] });
  await bankLine({ bankAccountId: "b_us", amountMinor: 1_200n, valueDate: "2026-11-20" });
  await bankLine({ bankAccountId: "b_us", amountMinor: 800n, valueDate: "2026-11-21" });
  await bankLine({ bankAccountId: "b_us", amountMinor: 9_999n, valueDate: "2026-11-21", reconciled: true });
  await invoice(1, "2026-11-27", 10_000n, "OPEN");
  await invoice(2, "2026-11-27", 5_000n, "PARTIALLY_PAID");
  await invoice(3, "2026-12-03", 2_500n, "OPEN");
  await invoice(4, "2026-12-04", 1_000n, "OPEN"); // day 8: outside the week
  await invoice(5, "2026-11-27", 0n, "PAID");
  await invoice(6, "2026-11-20", 3_000n, "OPEN"); // overdue: not "due"
});

describe("getCashPosition", () => {
  it("shows each account's statement balances, today's receipts, payouts in transit, ERP and the difference", async () => {
    const r = await getCashPosition({ historyDays: 30 }, NOW);
    const us = r.accounts.find((a) => a.id === "b_us")!;
    expect(us).toMatchObject({
      statementDate: "2026-11-26", statementStale: false, openingBalance: "1500.00", closingBalance: "1800.00",
      receivedToday: "250.00", receivedTodayCount: 2, inTransit: "400.00", inTransitCount: 2, arrivingToday: "300.00",
      projected: "2350.00", erpBalance: "770.00", bankMinusErp: "1030.00", unreconciledCount: 2, unreconciledAmount: "20.00",
    });
    const de = r.accounts.find((a) => a.id === "b_de")!;
    expect(de).toMatchObject({ statementDate: null, statementStale: true, closingBalance: null, projected: null, bankMinusErp: null, erpBalance: "0.00" });
    expect(r.unassignedPayouts).toEqual([{ entity: "US01", currency: "USD", amount: "40.00", count: 1 }]);
    expect(r.invoicesDue).toEqual([{ entity: "US01", currency: "USD", dueToday: "150.00", dueTodayCount: 2, dueWeek: "175.00", dueWeekCount: 3 }]);
    expect(r.totals.find((t) => t.currency === "USD")).toEqual({
      currency: "USD", accounts: 1, closingBalance: "1800.00", receivedToday: "250.00", receivedTodayCount: 2, inTransit: "440.00", projected: "2350.00",
      erpBalance: "770.00", bankMinusErp: "1030.00", dueToday: "150.00", dueWeek: "175.00",
    });
    expect(r.history.filter((h) => h.accountId === "b_us").map((h) => [h.date, h.closing])).toEqual([["2026-11-25", "1500.00"], ["2026-11-26", "1800.00"]]);
  });

  it("gives the same ERP balance folded or not, and counts a posting dated on a day already folded", async () => {
    await foldGlBalances();
    expect(await getDb().glBalanceMovement.count()).toBe(0);
    // Posted today after the fold: read from the movements.
    await journal({ status: "POSTED", postedAt: at("2026-11-27T09:00:00Z"), lines: [{ account: "1010", debit: 1_000n }, { account: "1200", credit: 1_000n }] });
    const r = await getCashPosition({ historyDays: 30 }, NOW);
    expect(r.accounts.find((a) => a.id === "b_us")).toMatchObject({ erpBalance: "780.00", bankMinusErp: "1020.00" });
    // An acknowledgement recorded late, its postedAt on a day folded long ago: the day-by-day roll-up this replaced
    // never counted it; a balance kept on write does.
    const late = await journal({ status: "PENDING", lines: [{ account: "1010", debit: 500n }, { account: "1200", credit: 500n }] });
    await getDb().journalEntry.update({ where: { id: late.id }, data: { status: "POSTED", postedAt: at("2026-11-20T23:59:59Z") } });
    await foldGlBalances();
    const rows = await getDb().glBalance.findMany({ where: { entityId: "e_us", account: "1010" } });
    expect(rows).toEqual([expect.objectContaining({ currency: "USD", count: 5n, amountMinor: 78_500n })]);
    expect((await getCashPosition({ historyDays: 30 }, NOW)).accounts.find((a) => a.id === "b_us")!.erpBalance).toBe("785.00");
  });
});
