// End-of-day unapplied cash, derived from receipts and applications (no snapshot needed):
//   unapplied(end of D) = unapplied now − receipts received after D + cash their applications consumed after D
//                         − applications reversed after D
// per entity and currency, for every day from `firstDay` to today (today = now). Returned payments and
// duplicates are left out of the whole history (by their current state). Used for the days the daily snapshot
// does not cover yet, and by the snapshot job itself.
import { db, Prisma } from "../db/client.ts";
import { dateRange, isoDate } from "./time.ts";
import { cashEffectSql, notCashStatesSql } from "./sql.ts";
import { getUnappliedCash } from "../figures/unapplied-cash.ts";

export type TrendFilters = { entity?: string; currency?: string };
export type TrendPoint = { day: string; entityId: string; currency: string; amountMinor: bigint };

export async function deriveUnappliedTrend(firstDay: Date, today: Date, f: TrendFilters = {}): Promise<TrendPoint[]> {
  const entityId = f.entity ? Prisma.sql`(select id from "LegalEntity" where code = ${f.entity})` : null;
  const rEntity = entityId ? Prisma.sql`and r."entityId" = ${entityId}` : Prisma.empty;
  const rCurrency = f.currency ? Prisma.sql`and r.currency = ${f.currency}` : Prisma.empty;
  const aEntity = entityId ? Prisma.sql`and coalesce(w."entityId", o."entityId") = ${entityId}` : Prisma.empty;
  const aCurrency = f.currency ? Prisma.sql`and a.currency = ${f.currency}` : Prisma.empty;
  const [nowRows, deltas] = await Promise.all([
    getUnappliedCash(f), // the roll-up the triggers keep: today's balance without reading every open receipt
    // Applications find their receipt by a hash join against the window's receipts (both index-only scans); only
    // applications of receipts that arrived before the window look their receipt up one by one.
    db.$queryRaw<{ day: Date; entityId: string; currency: string; delta: bigint }[]>`
      select day, "entityId", currency, sum(delta)::bigint as delta from (
        select r."receivedAt"::date as day, r."entityId", r.currency::text as currency, -sum(r."amountMinor") as delta
          from "Receipt" r
         where r."receivedAt" >= ${firstDay} and r.state not in (${notCashStatesSql}) ${rEntity} ${rCurrency}
         group by 1, 2, 3
        union all
        select a."appliedAt"::date, coalesce(w."entityId", o."entityId"), a.currency::text, sum(${cashEffectSql("a")})
          from "Application" a
          left join "Receipt" w on w.id = a."receiptId" and w."receivedAt" >= ${firstDay}
          left join lateral (select o.state, o."entityId" from "Receipt" o where o.id = a."receiptId" and w.id is null offset 0) o on true
         where a."appliedAt" >= ${firstDay} and coalesce(w.state, o.state) not in (${notCashStatesSql}) ${aEntity} ${aCurrency}
         group by 1, 2, 3
        union all
        select a."reversedAt"::date, r."entityId", a.currency::text, -sum(${cashEffectSql("a")})
          from "Application" a join "Receipt" r on r.id = a."receiptId"
         where a."reversedAt" >= ${firstDay} and r.state not in (${notCashStatesSql}) ${rEntity} ${aCurrency}
         group by 1, 2, 3) d
      group by 1, 2, 3`,
  ]);
  const now = new Map<string, { entityId: string; currency: string; total: bigint }>();
  for (const r of nowRows) {
    const k = `${r.entityId}|${r.currency}`;
    const t = now.get(k) ?? now.set(k, { entityId: r.entityId, currency: r.currency, total: 0n }).get(k)!;
    t.total += r.amountMinor;
  }
  return walkBack(dateRange(firstDay, today), [...now.values()], deltas.map((d) => ({ ...d, day: isoDate(d.day) })));
}

/** Pure: from each key's balance now, step back one day at a time undoing that day's movements. */
export function walkBack(days: string[], now: { entityId: string; currency: string; total: bigint }[], deltas: { day: string; entityId: string; currency: string; delta: bigint }[]): TrendPoint[] {
  const last = days[days.length - 1]!;
  const keys = new Map<string, { entityId: string; currency: string; balance: bigint }>();
  const key = (e: string, c: string) => `${e}|${c}`;
  for (const n of now) keys.set(key(n.entityId, n.currency), { entityId: n.entityId, currency: n.currency, balance: n.total });
  const deltaBy = new Map<string, bigint>();
  for (const d of deltas) {
    if (!keys.has(key(d.entityId, d.currency))) keys.set(key(d.entityId, d.currency), { entityId: d.entityId, currency: d.currency, balance: 0n });
    const day = d.day > last ? last : d.day; // movements stamped after today belong to "now"
    const k = `${key(d.entityId, d.currency)}|${day}`;
    deltaBy.set(k, (deltaBy.get(k) ?? 0n) + d.delta);
  }
  const out: TrendPoint[] = [];
  for (const [k, v] of keys) {
    let balance = v.balance;
    for (let i = days.length - 1; i >= 0; i--) {
      out.push({ day: days[i]!, entityId: v.entityId, currency: v.currency, amountMinor: balance });
      balance += deltaBy.get(`${k}|${days[i]}`) ?? 0n;
    }
  }
  return out;
}
