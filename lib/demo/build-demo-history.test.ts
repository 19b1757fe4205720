import { describe, expect, it } from "vitest";
import { buildDemoData } from "./build-demo-data.ts";
import { buildDemoHistory } from "./build-demo-history.ts";

const today = new Date("2026-11-27T00:00:00Z");

describe("demo history", () => {
  it("adds cases analysts resolved before the receipt was posted, with their applications made by those analysts", () => {
    const data = buildDemoData(today);
    const h = buildDemoHistory(data, today);
    expect(h.cases.length).toBeGreaterThan(100);
    for (const c of h.cases) {
      const r = data.receipts.find((x) => x.id === c.receiptId)!;
      expect((c.createdAt as Date).getTime()).toBeLessThan((c.resolvedAt as Date).getTime());
      expect((c.resolvedAt as Date).getTime()).toBeLessThan((r.postedAt as Date).getTime());
      const apps = data.applications.filter((a) => a.receiptId === r.id);
      expect(apps.length).toBeGreaterThan(0);
      for (const a of apps) expect(a).toMatchObject({ appliedByType: "user", appliedById: c.resolvedById, appliedAt: c.resolvedAt });
    }
    expect(data.applications.some((a) => a.appliedByType === "engine")).toBe(true);
  });

  it("puts yesterday's and today's card payments on their way as payouts, net of fees", () => {
    const data = buildDemoData(today);
    const h = buildDemoHistory(data, today);
    expect(h.payouts.map((p) => p.status).sort()).toContain("in_transit");
    for (const p of h.payouts) {
      const items = h.payoutItems.filter((i) => i.payoutId === p.id);
      expect(items.reduce((s, i) => s + (i.netMinor as bigint), 0n)).toBe(p.amountMinor);
      expect(p.bankAccountId).toBeTruthy();
    }
  });
});
