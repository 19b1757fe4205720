// Every figure agrees: on the demo company, the home page, the dashboards, the cash position and close readiness
// answer the same question with the same number, to the cent, because they call the same domain functions the
// pages call. (Before: unapplied EUR 1,831,278.67 in 162 receipts on home vs 1,572,033.87 in 139 on dashboards;
// receipts today 118 on home vs 80 on the cash page; dashboards on 7/14/30-day windows.)
import { describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "../db/client.ts";
import { seedDemo } from "../demo/seed-demo.ts";
import { getHomeSummary } from "../dashboards/get-home-summary.ts";
import { getUnappliedAging, unappliedAgingQuery } from "../dashboards/get-unapplied-aging.ts";
import { getCashPosition, cashPositionQuery } from "../dashboards/get-cash-position.ts";
import { autoMatchRateQuery, getAutoMatchRate } from "../dashboards/get-auto-match-rate.ts";
import { getPostingLatency, postingLatencyQuery } from "../dashboards/get-posting-latency.ts";
import { exceptionResolutionQuery } from "../dashboards/get-exception-resolution.ts";
import { getCloseChecklist } from "../close/get-close-checklist.ts";
import { fromMinor, toMinor } from "../money/money.ts";

useFreshDatabase();
// Early in a month's first days, so the demo's receipts span two close periods.
const now = new Date("2026-12-03T08:20:00Z");
const figures: Record<string, unknown> = {};

describe("one definition per figure, on the demo company", () => {
  it("agrees on unapplied cash: home = dashboards (overview and aging) = close readiness summed over periods", async () => {
    await seedDemo(getDb(), { password: "cashline-demo", now });
    const home = await getHomeSummary(now);
    const aging = await getUnappliedAging(unappliedAgingQuery.parse({}), now);
    const closeNov = await getCloseChecklist({ period: "2026-11" }, now);
    const closeDec = await getCloseChecklist({ period: "2026-12" }, now);
    // The two periods cover every receipt with cash unapplied (the demo's payment history, months older, is all applied).
    const [oldest] = await getDb().$queryRaw<{ d: Date }[]>`select min("valueDate") as d from "Receipt" where "unappliedMinor" <> 0`;
    expect(oldest!.d.toISOString() >= "2026-11-01").toBe(true);

    const closeBy = new Map<string, { count: number; minor: bigint }>();
    for (const e of [...closeNov.entities, ...closeDec.entities]) {
      const item = e.items.find((i) => i.key === "unapplied")!;
      for (const a of item.amounts) {
        const t = closeBy.get(a.currency) ?? closeBy.set(a.currency, { count: 0, minor: 0n }).get(a.currency)!;
        t.minor += toMinor(a.amount, a.currency);
      }
    }
    const closeCount = [...closeNov.entities, ...closeDec.entities].reduce((s, e) => s + e.items.find((i) => i.key === "unapplied")!.count, 0);

    expect(home.unappliedByCurrency.length).toBeGreaterThanOrEqual(3);
    expect(aging.totals.map((t) => ({ currency: t.currency, amount: t.total.amount, count: t.total.count }))).toEqual(home.unappliedByCurrency);
    expect([...closeBy].map(([currency, t]) => ({ currency, amount: fromMinor(t.minor, currency) })).sort((a, b) => a.currency.localeCompare(b.currency)))
      .toEqual(home.unappliedByCurrency.map(({ currency, amount }) => ({ currency, amount })));
    expect(closeCount).toBe(home.unappliedByCurrency.reduce((s, u) => s + u.count, 0));
    // The trend ends on today's figure and never goes below zero.
    for (const t of aging.totals) {
      const points = aging.trend.filter((p) => p.currency === t.currency);
      expect(points.at(-1)!.amount, t.currency).toBe(t.total.amount);
      for (const p of points) expect(p.amount.startsWith("-"), `${t.currency} ${p.date} ${p.amount}`).toBe(false);
    }
    figures.unapplied = home.unappliedByCurrency;
  }, 240_000); // seeds the demo first (the seed test's own allowance: a busy 2-core machine needs minutes)

  it("agrees on receipts today: home = cash position totals", async () => {
    const home = await getHomeSummary(now);
    const cash = await getCashPosition(cashPositionQuery.parse({}), now);
    expect(home.receiptsToday).toBeGreaterThan(0);
    const cashByCurrency = cash.totals.filter((t) => t.receivedTodayCount > 0).map((t) => ({ currency: t.currency, amount: t.receivedToday, count: t.receivedTodayCount }));
    expect(cashByCurrency).toEqual(home.receiptsTodayByCurrency);
    figures.receiptsToday = home.receiptsTodayByCurrency;
  });

  it("shares one period (last 30 days) across every dashboard, and auto-match and latency add up", async () => {
    const defaults = [unappliedAgingQuery, postingLatencyQuery, autoMatchRateQuery, exceptionResolutionQuery].map((q) => q.parse({}).days);
    expect(defaults).toEqual([30, 30, 30, 30]);
    const rate = await getAutoMatchRate(autoMatchRateQuery.parse({}), now);
    const t = rate.total;
    expect(t.engine + t.manual + t.exception + t.pending).toBe(t.received);
    const [received] = await getDb().$queryRaw<{ n: bigint }[]>`
      select count(*)::bigint as n from "Receipt" where "receivedAt" >= ${new Date("2026-11-04T00:00:00Z")} and state not in ('RETURNED', 'DUPLICATE')`;
    expect(t.received).toBe(Number(received!.n));
    const latency = await getPostingLatency(postingLatencyQuery.parse({}), now);
    const [posted] = await getDb().$queryRaw<{ n: bigint; neg: bigint }[]>`
      select count(*)::bigint as n, count(*) filter (where "postingLatencyMs" < 0)::bigint as neg from "Receipt" where "postedAt" >= ${new Date("2026-11-04T00:00:00Z")}`;
    expect(latency.overall.count).toBe(Number(posted!.n));
    expect(posted!.neg).toBe(0n);
    expect(latency.overall.p50Ms!).toBeGreaterThan(0);
    figures.autoMatch = { received: t.received, engine: t.engine, rate: t.autoMatchRate };
    figures.latency = latency.overall;
    console.log(`[figures agree] ${JSON.stringify(figures)}`);
  });
});
