import { describe, expect, it } from "vitest";
import { buildDemoData } from "./build-demo-data.ts";
import { appendDemoPaymentHistory, demoPaymentHabits, HISTORY_RECENT_LIMIT_DAYS } from "./build-demo-payment-history.ts";

const DAY = 86_400_000;
const now = new Date("2026-11-27T10:00:00Z");
const today = new Date("2026-11-27T00:00:00Z");

describe("demo payment history", () => {
  const data = buildDemoData(now);
  const ownReceipts = data.receipts.map((r) => `${r.id}:${r.amountMinor}:${r.state}`);
  const result = appendDemoPaymentHistory(data, today);
  const history = data.receipts.filter((r) => String(r.id).startsWith("rcp_h"));

  it("adds months of paid invoices paid by receipts, leaving the demo's own receipts as they were", () => {
    expect(result.invoices).toBeGreaterThan(300);
    expect(history.length).toBe(result.receipts);
    expect(data.receipts.slice(0, ownReceipts.length).map((r) => `${r.id}:${r.amountMinor}:${r.state}`)).toEqual(ownReceipts);
    const days = history.map((r) => (r.valueDate as Date).getTime());
    expect((Math.max(...days) - Math.min(...days)) / DAY).toBeGreaterThanOrEqual(180);
    expect(Math.max(...days)).toBeLessThanOrEqual(today.getTime() - HISTORY_RECENT_LIMIT_DAYS * DAY);
  });

  it("pays every history invoice exactly, each receipt POSTED with a balanced journal, in its customer's habit", () => {
    const byInvoice = new Map<string, bigint>();
    for (const a of data.applications.filter((a) => String(a.receiptId).startsWith("rcp_h"))) byInvoice.set(a.invoiceId as string, (byInvoice.get(a.invoiceId as string) ?? 0n) + (a.amountMinor as bigint));
    const invoiceOf = new Map(data.invoices.map((i) => [i.id, i]));
    for (const [id, paid] of byInvoice) {
      const inv = invoiceOf.get(id)!;
      expect(inv.status).toBe("PAID");
      expect(paid).toBe(inv.amountMinor);
    }
    const journalOf = new Map(data.journal.map((j) => [j.entry.receiptId, j]));
    for (const r of history) {
      expect(r.state).toBe("POSTED");
      const je = journalOf.get(r.id)!;
      expect(je.lines.reduce((s, l) => s + (l.debitMinor as bigint) - (l.creditMinor as bigint), 0n)).toBe(0n);
    }
    // Habits differ between customers (what the forecast learns), and are the same on every run.
    const habits = [...demoPaymentHabits(data.customers).values()];
    expect(new Set(habits.map((h) => h.lateMeanDays)).size).toBeGreaterThan(4);
    expect(habits.filter((h) => h.partialP > 0).length).toBeGreaterThan(50);
    expect(demoPaymentHabits(data.customers)).toEqual(demoPaymentHabits(data.customers));
  });
});
