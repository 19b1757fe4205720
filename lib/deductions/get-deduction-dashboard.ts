// The deduction dashboard: open deductions by reason, age and customer; recovery rate (the share of resolved
// amounts collected back) and average days to resolve. Sums stay per currency (never added across currencies).
import type { z } from "zod";
import { db } from "../db/client.ts";
import { fromMinor } from "../money/money.ts";
import type { deductionDashboardResponse } from "./deduction-schemas.ts";

export async function getDeductionDashboard(): Promise<z.infer<typeof deductionDashboardResponse>> {
  const [byReason, byAge, byCustomer, resolved] = await Promise.all([
    db.$queryRaw<{ reason: string; currency: string; count: bigint; amount: bigint }[]>`
      select reason, currency, count(*) as count, sum("amountMinor") as amount from "Deduction" where status = 'OPEN' group by reason, currency order by amount desc`,
    db.$queryRaw<{ bucket: string; count: bigint }[]>`
      select case when age <= 15 then '0-15' when age <= 30 then '16-30' when age <= 60 then '31-60' else '61+' end as bucket, count(*) as count
      from (select extract(day from now() - "createdAt")::int as age from "Deduction" where status = 'OPEN') a group by 1`,
    db.$queryRaw<{ customerId: string | null; customerName: string | null; currency: string; count: bigint; amount: bigint }[]>`
      select d."customerId", c.name as "customerName", d.currency, count(*) as count, sum(d."amountMinor") as amount
      from "Deduction" d left join "Customer" c on c.id = d."customerId" where d.status = 'OPEN'
      group by d."customerId", c.name, d.currency order by amount desc limit 10`,
    db.$queryRaw<{ count: bigint; invalid: bigint | null; total: bigint | null; days: number | null }[]>`
      select count(*) as count, sum("invalidMinor") as invalid, sum("amountMinor") as total,
             avg(extract(epoch from "resolvedAt" - "createdAt") / 86400)::float8 as days
      from "Deduction" where status <> 'OPEN' and "resolvedAt" is not null`,
  ]);
  const r = resolved[0]!;
  const buckets = ["0-15", "16-30", "31-60", "61+"] as const;
  return {
    currency: byReason[0]?.currency ?? null,
    openByReason: byReason.map((x) => ({ reason: x.reason, count: Number(x.count), amount: fromMinor(x.amount, x.currency), currency: x.currency })),
    openByAge: buckets.map((b) => ({ bucket: b, count: Number(byAge.find((x) => x.bucket === b)?.count ?? 0n) })),
    openByCustomer: byCustomer.map((x) => ({ customerId: x.customerId, customerName: x.customerName, count: Number(x.count), amount: fromMinor(x.amount, x.currency), currency: x.currency })),
    resolvedCount: Number(r.count),
    // A ratio of amounts (mixed currencies weigh by minor units; a display figure, not money).
    recoveryRate: r.total && r.total > 0n ? Number(r.invalid ?? 0n) / Number(r.total) : null,
    averageDaysToResolve: r.days === null ? null : Math.round(r.days * 10) / 10,
  };
}
