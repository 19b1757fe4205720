// BankStatement rows of a file being ingested: inserted when a statement starts (its lines reference it), and
// completed in one statement at the end of the file with balances, checks and counts (BAI2 and NACHA only
// report a statement's checks once the file trailer has been read).
import type { Prisma } from "../db/generated/client.ts";
import { column, textArray } from "../db/pg-array.ts";

export type StartedStatement = {
  id: string;
  bankAccountId: string;
  documentId: string;
  statementRef: string;
  format: string;
  sequence: number;
  openingBalanceMinor: bigint | null;
  openingDate: string | null;
};

export type FinishedStatement = {
  id: string;
  format: string;
  openingBalanceMinor: bigint | null;
  openingDate: string | null;
  closingBalanceMinor: bigint | null;
  closingDate: string | null;
  balanceCheck: string;
  balanceDifferenceMinor: bigint | null;
  controlTotals: string;
  entryCount: number;
  newEntryCount: number;
  /** The lenient reader's warnings about this statement (or its whole file). */
  warnings?: string[];
};

const date = (d: string | null) => (d ? new Date(`${d}T00:00:00Z`) : null);

export async function insertStatement(tx: Prisma.TransactionClient, s: StartedStatement): Promise<void> {
  await tx.bankStatement.create({
    data: {
      ...s, openingDate: date(s.openingDate), balanceCheck: "pending", controlTotals: "pending",
    },
  });
}

export async function finishStatements(tx: Prisma.TransactionClient, rows: FinishedStatement[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRawUnsafe(`
    update "BankStatement" s set
      format = t.format, "openingBalanceMinor" = t.opening::bigint, "openingDate" = t.opening_date::date, "closingBalanceMinor" = t.closing::bigint,
      "closingDate" = t.closing_date::date, "balanceCheck" = t.balance_check, "balanceDifferenceMinor" = t.difference::bigint,
      "controlTotals" = t.control_totals, "entryCount" = t.entries::int, "newEntryCount" = t.new_entries::int
    from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
      as t(id, format, opening, opening_date, closing, closing_date, balance_check, difference, control_totals, entries, new_entries)
    where s.id = t.id`,
    column(rows, (r) => r.id), column(rows, (r) => r.format), column(rows, (r) => r.openingBalanceMinor), column(rows, (r) => r.openingDate),
    column(rows, (r) => r.closingBalanceMinor), column(rows, (r) => r.closingDate), column(rows, (r) => r.balanceCheck),
    column(rows, (r) => r.balanceDifferenceMinor), column(rows, (r) => r.controlTotals), column(rows, (r) => r.entryCount), column(rows, (r) => r.newEntryCount));
  // Warnings are rare: one small update per statement that has any.
  for (const r of rows) {
    if (r.warnings?.length) await tx.bankStatement.update({ where: { id: r.id }, data: { warnings: r.warnings }, select: { id: true } });
  }
}

/** End-of-day statements carry the balances continuity is checked on (not intraday reports or notifications). */
export function isEndOfDayFormat(format: string): boolean {
  return format.startsWith("camt.053") || format === "bai2" || format === "mt940";
}

export type PreviousStatement = { id: string; statementRef: string; closingBalanceMinor: bigint; closingDate: Date };

/** For each statement, the account's latest earlier end-of-day statement by closing date (this file's included). */
export async function findPreviousStatements(tx: Prisma.TransactionClient, statementIds: string[]): Promise<Map<string, PreviousStatement>> {
  if (statementIds.length === 0) return new Map();
  const rows = await tx.$queryRawUnsafe<(PreviousStatement & { forId: string })[]>(`
    select s.id as "forId", p.id, p."statementRef", p."closingBalanceMinor", p."closingDate"
    from "BankStatement" s
    join lateral (
      select b.id, b."statementRef", b."closingBalanceMinor", b."closingDate" from "BankStatement" b
      where b."bankAccountId" = s."bankAccountId" and b."closingDate" < s."closingDate" and b."closingBalanceMinor" is not null
        and b.id <> s.id and (b.format like 'camt.053%' or b.format in ('bai2', 'mt940'))
      order by b."closingDate" desc, b."receivedAt" desc, b.sequence desc limit 1
    ) p on true
    where s.id = any($1::text[])`, textArray(statementIds));
  return new Map(rows.map(({ forId, ...p }) => [forId, p]));
}
