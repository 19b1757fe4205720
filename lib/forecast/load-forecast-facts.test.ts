// The as-of reconstruction against real rows: what the database holds today, rebuilt as it stood on a past day.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client.ts";
import { at, receipt, seedBase } from "../dashboards/test-fixtures.ts";
import { useFreshDatabase } from "../testing/test-database.ts";
import { dayOf } from "./days.ts";
import { getCashForecast } from "./get-cash-forecast.ts";
import { getForecastBacktest } from "./get-forecast-backtest.ts";
import { loadForecastFacts } from "./load-forecast-facts.ts";
import { actualCash, reconstructAsOf } from "./reconstruct-as-of.ts";

useFreshDatabase();

const AS_OF = "2026-11-20";

async function invoice(id: string, p: { due: string; amount: bigint; open: bigint; status?: "OPEN" | "PARTIALLY_PAID" | "PAID" | "VOID"; receivedAt: string; currency?: string }) {
  await getDb().invoice.create({ data: {
    id, entityId: "e_us", customerId: "c1", number: id, currency: p.currency ?? "USD", amountMinor: p.amount, openAmountMinor: p.open, issueDate: at("2026-10-01"),
    dueDate: at(p.due), status: p.status ?? "OPEN", sourceSystem: "billing", sourceId: id, receivedAt: at(p.receivedAt),
  } });
}
async function pay(invoiceId: string, p: { amount: bigint; valueDate: string; appliedAt: string; reversedAt?: string; kind?: "INVOICE" | "DEDUCTION" }) {
  const r = await receipt({ amountMinor: p.amount, valueDate: at(p.valueDate), receivedAt: at(p.appliedAt), state: "APPLIED" });
  await getDb().application.create({ data: {
    receiptId: r.id, invoiceId, customerId: "c1", kind: p.kind ?? "INVOICE", amountMinor: p.amount, currency: "USD", appliedByType: "engine",
    appliedAt: at(p.appliedAt), reversedAt: p.reversedAt ? at(p.reversedAt) : null,
  } });
  return r;
}

beforeAll(async () => {
  await seedBase();
  await getDb().customer.create({ data: { id: "c1", entityId: "e_us", erpAccountNumber: "C1", name: "Acme", aliases: [], payerAccounts: [] } });
  await invoice("old-paid", { due: "2026-10-15", amount: 50_000n, open: 0n, status: "PAID", receivedAt: "2026-09-15" });
  await pay("old-paid", { amount: 50_000n, valueDate: "2026-10-25", appliedAt: "2026-10-25T10:00:00Z" }); // 10 days late
  await invoice("open-then", { due: "2026-11-25", amount: 30_000n, open: 0n, status: "PAID", receivedAt: "2026-10-26" });
  await pay("open-then", { amount: 30_000n, valueDate: "2026-11-22", appliedAt: "2026-11-22T09:00:00Z" }); // paid after the as-of date
  await invoice("created-after", { due: "2026-12-20", amount: 9_000n, open: 9_000n, receivedAt: "2026-11-21" });
  await invoice("voided", { due: "2026-11-30", amount: 4_000n, open: 0n, status: "VOID", receivedAt: "2026-11-01" });
  await invoice("eur", { due: "2026-11-30", amount: 4_000n, open: 4_000n, receivedAt: "2026-11-01", currency: "EUR" });
  // Charged back on Nov 18 (application reversed, case open): disputed at the as-of date.
  await invoice("charged-back", { due: "2026-11-10", amount: 20_000n, open: 20_000n, receivedAt: "2026-10-10" });
  const cb = await pay("charged-back", { amount: 20_000n, valueDate: "2026-11-10", appliedAt: "2026-11-10T10:00:00Z", reversedAt: "2026-11-18T10:00:00Z" });
  await getDb().exceptionCase.create({ data: { code: "CHARGEBACK", status: "OPEN", entityId: "e_us", receiptId: cb.id, createdAt: at("2026-11-18T10:00:00Z"), slaDueAt: at("2026-11-25"), reasons: [] } });
  // Paid before Cashline: settled outside, never open.
  await invoice("legacy", { due: "2026-09-01", amount: 7_000n, open: 0n, status: "PAID", receivedAt: "2026-08-01" });
  await getDb().payout.create({ data: { payoutId: "po_1", entityId: "e_us", currency: "USD", amountMinor: 1_500n, grossMinor: 1_550n, feeMinor: 50n, arrivalDate: at("2026-11-21"), status: "paid",
    statusEventAt: at("2026-11-21T08:00:00Z"), createdAt: at("2026-11-19T08:00:00Z"), recognizedAt: at("2026-11-21T09:00:00Z"), recognizedValueDate: at("2026-11-21") } });
});

describe("loadForecastFacts + reconstructAsOf", () => {
  it("rebuilds the open invoices, history, holds and payouts as of a past day", async () => {
    const facts = await loadForecastFacts("e_us", "USD");
    const r = reconstructAsOf(facts, dayOf(at(AS_OF)));
    expect(r.invoices.map((i) => [i.id, i.openMinor, i.hold]).sort()).toEqual([["charged-back", 20_000n, "dispute"], ["open-then", 30_000n, null]]);
    // The charged-back payment was reversed before the date: it is not history either.
    expect(r.history.filter((h) => h.censoredAtDay === undefined)).toEqual([{ customerId: "c1", invoiceId: "old-paid", dueDay: dayOf(at("2026-10-15")), cashDay: dayOf(at("2026-10-25")), amountMinor: 50_000n }]);
    expect(r.payouts.map((p) => p.payoutId)).toEqual(["po_1"]);
    expect(actualCash(facts, r, dayOf(at(AS_OF)), dayOf(at(AS_OF)) + 6)).toBe(30_000n + 1_500n);
    // A day later the invoice created on Nov 21 is known.
    expect(reconstructAsOf(facts, dayOf(at("2026-11-22"))).invoices.map((i) => i.id).sort()).toEqual(["charged-back", "created-after", "open-then"]);
  });

  it("forecasts the customer's 10-day lateness and scores the backtest against what arrived", async () => {
    const now = at("2026-11-21T06:00:00Z"); // before the payout is recognised at 09:00
    const f = await getCashForecast({ entity: "US01", currency: "USD" }, now);
    expect(f).toMatchObject({ entity: "US01", currency: "USD" });
    expect(f.totals).toMatchObject({ heldBack: "200.00", payoutsInTransit: "15.00" });
    expect(f.days.find((d) => d.date === "2026-11-21")!.payouts).toBe("15.00"); // in transit, arriving today
    // open-then is due Nov 25; the customer pays 10 days late: Dec 5 (weight 1/6 own, 5/6 the entity's — the same).
    expect(f.days.find((d) => d.date === "2026-12-05")!.expected).toBe("300.00");
    expect(f.weeks[2]!.drivers[0]).toMatchObject({ customerName: "Acme", expected: "300.00" });
    const b = await getForecastBacktest({ entity: "US01", currency: "USD" }, at("2026-11-27T12:00:00Z"));
    expect(b.weeks).toHaveLength(8);
    expect(b.weeks.at(-1)).toMatchObject({ from: "2026-11-20", to: "2026-11-26", actual: "315.00" });
  });
});
