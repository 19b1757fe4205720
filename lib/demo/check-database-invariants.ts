// Invariants the data must keep whatever people and jobs did to it (issue 11): a receipt has at most one active
// case, nothing is dated in the future, no invoice has more applied to it than it is worth, and the figures kept on
// write (unapplied cash, unreconciled bank lines) equal their sources (issue 15). Checked after the
// demo seed (vitest) and after the whole browser suite (e2e/zz-database-invariants.spec.ts, through
// scripts/check-database-invariants.ts), so every journey's writes are held to them.
import type { PrismaClient } from "../db/client.ts";
import { findRollupDrift } from "../figures/find-rollup-drift.ts";

export type InvariantViolations = { twoActiveCases: string[]; futureTimestamps: string[]; overApplied: string[]; rollupDrift: string[] };

export async function checkDatabaseInvariants(db: PrismaClient, now = new Date(), skewMs = 5_000): Promise<InvariantViolations> {
  const doubles = await db.$queryRaw<{ receiptId: string }[]>`
    select "receiptId" from "ExceptionCase" where "receiptId" is not null and status not in ('RESOLVED', 'CANCELLED') group by 1 having count(*) > 1`;
  const [latest] = await db.$queryRaw<Record<string, Date | null>[]>`
    select (select max(greatest("receivedAt", coalesce("postedAt", "receivedAt"), "createdAt", "stateChangedAt")) from "Receipt") as receipts,
           (select max(greatest("occurredAt", "recordedAt")) from "WorkflowEvent") as events,
           (select max(greatest("createdAt", coalesce("resolvedAt", "createdAt"), "updatedAt")) from "ExceptionCase") as cases,
           (select max(greatest("createdAt", coalesce("postedAt", "createdAt"))) from "JournalEntry") as journals,
           (select max("appliedAt") from "Application") as applications,
           (select max("at") from "AuditLog") as audit`;
  const limit = now.getTime() + skewMs;
  const future = Object.entries(latest ?? {}).filter(([, at]) => at && at.getTime() > limit).map(([what, at]) => `${what}: ${at!.toISOString()}`);
  // In the invoice's own money: a cross-currency application took fxInvoiceAmountMinor off it, not its receipt-side amount.
  const over = await db.$queryRaw<{ id: string }[]>`
    select i.id from "Invoice" i join "Application" a on a."invoiceId" = i.id and a."reversedAt" is null and a.kind = 'INVOICE'
    group by i.id, i."amountMinor"
    having sum(coalesce(a."fxInvoiceAmountMinor", a."amountMinor")) > i."amountMinor" or max(coalesce(a."fxInvoiceAmountMinor", a."amountMinor")) > i."amountMinor"`;
  // The roll-ups are read through the application's client (the same database as `db` wherever this runs).
  const rollupDrift = await findRollupDrift();
  return { twoActiveCases: doubles.map((d) => d.receiptId), futureTimestamps: future, overApplied: over.map((o) => o.id), rollupDrift };
}
