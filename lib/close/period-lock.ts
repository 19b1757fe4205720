// The period lock, application side. After a sign-off (CloseSignOff status LOCKED) nothing may be dated in that
// month of that entity. Every money path calls these inside its transaction:
//   assertPeriodOpen       people's actions (apply, split, write off, approve, reverse) on a receipt accounted in
//                          a locked month are refused with an error naming the period;
//   effectivePostingDate   late arrivals (bank lines, receipts) are accounted in the next open month instead.
// The database enforces the same rules as a backstop (triggers in migration 20261203120001_financial_controls):
// late receipts and bank lines get accountingDate/accountingNote on insert, and people's applications and
// reversals on a receipt in a locked month are refused whatever code path wrote them.
import type { Prisma } from "../db/generated/client.ts";
import { problem } from "../http/problem.ts";

type Q = Pick<Prisma.TransactionClient, "$queryRaw">;

export const periodOf = (d: Date) => d.toISOString().slice(0, 7);

const periodKey = (entityId: string, period: string) => `close-period:${entityId}:${period}`;

/** Sign-off and reopening hold this exclusively while they compute the checklist and write the lock; every person's
 *  money action holds it shared while it checks and changes, so a change and a sign-off never pass each other. */
export async function lockPeriodExclusive(tx: Q, entityId: string, period: string): Promise<void> {
  await tx.$queryRaw`select pg_advisory_xact_lock(hashtextextended(${periodKey(entityId, period)}, 0))::text`;
}

/** The locked month containing `date` for this entity, or null (holding the period's shared lock). */
export async function lockedPeriod(tx: Q, entityId: string, date: Date): Promise<string | null> {
  await tx.$queryRaw`select pg_advisory_xact_lock_shared(hashtextextended(${periodKey(entityId, periodOf(date))}, 0))::text`;
  const rows = await tx.$queryRaw<{ period: string }[]>`
    select period from "CloseSignOff" where "entityId" = ${entityId} and period = ${periodOf(date)} and status = 'LOCKED' limit 1`;
  return rows[0]?.period ?? null;
}

export async function assertPeriodOpen(tx: Q, input: { entityId: string; date: Date; what: string }): Promise<void> {
  const locked = await lockedPeriod(tx, input.entityId, input.date);
  if (!locked) return;
  const code = await tx.$queryRaw<{ code: string }[]>`select code from "LegalEntity" where id = ${input.entityId}`;
  throw problem(409, `Period ${locked} of ${code[0]?.code ?? input.entityId} is signed off and locked: ${input.what} (dated ${input.date.toISOString().slice(0, 10)}) is not allowed. ` +
    `Ask a controller to reopen ${locked} (two people), or handle it in the next open period.`);
}

/** `date` when its month is open; else the first day of the first open month after it (the database's rule). */
export async function effectivePostingDate(tx: Q, entityId: string, date: Date): Promise<Date> {
  const rows = await tx.$queryRaw<{ d: Date }[]>`select cashline_open_date(${entityId}, ${date.toISOString().slice(0, 10)}::date) as d`;
  return rows[0]!.d;
}

/** A receipt is accounted on its accountingDate when it arrived late for a closed month, else its value date. */
export const accountingDateOf = (r: { valueDate: Date; accountingDate: Date | null }) => r.accountingDate ?? r.valueDate;

/** Of these receipts, the ones accounted in a locked month (the engine leaves them alone until it is reopened). */
export async function receiptsInLockedPeriods(tx: Q, receiptIds: string[]): Promise<Set<string>> {
  if (receiptIds.length === 0) return new Set();
  const rows = await tx.$queryRaw<{ id: string }[]>`
    select r.id from "Receipt" r
      join "CloseSignOff" s on s."entityId" = r."entityId" and s.status = 'LOCKED' and s.period = to_char(coalesce(r."accountingDate", r."valueDate"), 'YYYY-MM')
     where r.id = any(${receiptIds}::text[])`;
  return new Set(rows.map((r) => r.id));
}
