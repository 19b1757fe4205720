// Treasury's cash position per bank account (and per currency): the latest statement's balances, what arrived
// today, what is on its way (processor payouts in transit), and how the bank compares with the ERP.
//
// - Opening / closing: the latest bank statement of the account (by closing date). The closing balance is the
//   morning's starting point; a statement older than yesterday is flagged stale.
// - Received today: lib/figures/receipts-today.ts (since 00:00 UTC, duplicates left out) per account; card
//   payments, which have no bank account until the processor pays out, are listed apart and in the totals.
// - In transit: processor payouts (Payout) to the account not yet recognised on a bank line, status pending or
//   in_transit; "arriving today" = arrival date today or earlier. Payouts without a bank account are listed per
//   entity and currency.
// - Projected end of day = closing + received today + payouts arriving today.
// - ERP: debits − credits of journal lines POSTED to the account's GL account (same entity and currency;
//   lib/figures/gl-balances.ts). It holds only what Cashline posted, so bank − ERP also shows balances from before
//   Cashline and timing.
// - Customer invoices due today / in the next 7 days (open amounts) per entity and currency.
import { z } from "zod";
import { db } from "../db/client.ts";
import { fromMinor } from "../money/money.ts";
import { addDays, isoDate, startOfUtcDay } from "./time.ts";
import { getReceiptsToday } from "../figures/receipts-today.ts";
import { getUnreconciledBankLines } from "../figures/unreconciled-bank-lines.ts";
import { getGlBalances } from "../figures/gl-balances.ts";

export const cashPositionQuery = z.object({
  historyDays: z.coerce.number().int().min(7).max(90).default(30).describe("days of closing-balance history"),
});

export const cashAccountSchema = z.object({
  id: z.string(), entity: z.string(), name: z.string(), bankName: z.string(), account: z.string(), currency: z.string(), glAccount: z.string(),
  statementDate: z.string().nullable(), statementStale: z.boolean(),
  openingBalance: z.string().nullable(), closingBalance: z.string().nullable(),
  receivedToday: z.string(), receivedTodayCount: z.number().int(),
  inTransit: z.string(), inTransitCount: z.number().int(), arrivingToday: z.string(),
  projected: z.string().nullable(), erpBalance: z.string(), bankMinusErp: z.string().nullable(),
  unreconciledCount: z.number().int(), unreconciledAmount: z.string(),
});
export const cashPositionResponse = z.object({
  asOf: z.string(),
  today: z.string(),
  accounts: z.array(cashAccountSchema),
  receivedTodayViaProcessor: z.array(z.object({ currency: z.string(), amount: z.string(), count: z.number().int() })).describe("card payments received today: no bank account until the processor pays out"),
  unassignedPayouts: z.array(z.object({ entity: z.string(), currency: z.string(), amount: z.string(), count: z.number().int() })),
  invoicesDue: z.array(z.object({ entity: z.string(), currency: z.string(), dueToday: z.string(), dueTodayCount: z.number().int(), dueWeek: z.string(), dueWeekCount: z.number().int() })),
  totals: z.array(z.object({
    currency: z.string(), accounts: z.number().int(), closingBalance: z.string(),
    receivedToday: z.string().describe("every receipt today, card payments included (lib/figures/receipts-today.ts)"), receivedTodayCount: z.number().int(), inTransit: z.string(),
    projected: z.string(), erpBalance: z.string(), bankMinusErp: z.string(), dueToday: z.string(), dueWeek: z.string(),
  })),
  history: z.array(z.object({ date: z.string(), accountId: z.string(), closing: z.string() })),
});
export type CashPosition = z.infer<typeof cashPositionResponse>;

const IN_TRANSIT = ["pending", "in_transit"];

export async function getCashPosition(q: z.infer<typeof cashPositionQuery>, now = new Date()): Promise<CashPosition> {
  const today = startOfUtcDay(now);
  const todayStr = isoDate(today);
  const weekEnd = isoDate(addDays(today, 6));
  const [accounts, statements, received, payouts, erp, unreconciled, due, history] = await Promise.all([
    db.bankAccount.findMany({ include: { entity: { select: { code: true } } }, orderBy: [{ entity: { code: "asc" } }, { currency: "asc" }, { name: "asc" }] }),
    db.$queryRaw<{ bankAccountId: string; closingDate: Date | null; openingBalanceMinor: bigint | null; closingBalanceMinor: bigint }[]>`
      select ba.id as "bankAccountId", s."closingDate", s."openingBalanceMinor", s."closingBalanceMinor"
        from "BankAccount" ba
        join lateral (select "closingDate", "openingBalanceMinor", "closingBalanceMinor" from "BankStatement"
                       where "bankAccountId" = ba.id and "closingBalanceMinor" is not null
                       order by "closingDate" desc nulls last, "receivedAt" desc limit 1) s on true`,
    getReceiptsToday(now),
    db.$queryRaw<{ bankAccountId: string | null; entity: string; currency: string; total: bigint; today: bigint; n: bigint }[]>`
      select p."bankAccountId", e.code as entity, p.currency, sum(p."amountMinor")::bigint as total,
             coalesce(sum(p."amountMinor") filter (where p."arrivalDate" <= ${todayStr}::date), 0)::bigint as today, count(*)::bigint as n
        from "Payout" p join "LegalEntity" e on e.id = p."entityId"
       where p."recognizedAt" is null and p.status in (${IN_TRANSIT[0]}, ${IN_TRANSIT[1]})
       group by 1, 2, 3`,
    getGlBalances(), // kept on write: a few rows per entity, currency and GL account
    getUnreconciledBankLines(), // kept on write: a few rows per account instead of every unreconciled line
    // Summed per entity id first, then named: an index-only scan of the week's open invoices (150,000 at
    // 20,000,000 invoices) with no join per row.
    db.$queryRaw<{ entity: string; currency: string; today: bigint; todayN: bigint; week: bigint; weekN: bigint }[]>`
      select e.code as entity, d.currency, d.today, d."todayN", d.week, d."weekN"
        from (select i."entityId", i.currency::text as currency,
                     coalesce(sum(i."openAmountMinor") filter (where i."dueDate" = ${todayStr}::date), 0)::bigint as today,
                     count(*) filter (where i."dueDate" = ${todayStr}::date)::bigint as "todayN",
                     sum(i."openAmountMinor")::bigint as week, count(*)::bigint as "weekN"
                from "Invoice" i
               where i.status in ('OPEN', 'PARTIALLY_PAID') and i."dueDate" between ${todayStr}::date and ${weekEnd}::date
               group by 1, 2) d
        join "LegalEntity" e on e.id = d."entityId"
       order by 1, 2`,
    db.$queryRaw<{ bankAccountId: string; day: Date; closing: bigint }[]>`
      select distinct on ("bankAccountId", "closingDate") "bankAccountId", "closingDate" as day, "closingBalanceMinor" as closing
        from "BankStatement"
       where "closingDate" >= ${isoDate(addDays(today, -q.historyDays))}::date and "closingBalanceMinor" is not null
       order by "bankAccountId", "closingDate", "receivedAt" desc`,
  ]);

  const stmtBy = new Map(statements.map((s) => [s.bankAccountId, s]));
  // Receipts today, the one definition (lib/figures/receipts-today.ts): per bank account, and card payments (no
  // bank account yet: they arrive inside a processor payout) shown apart, so the totals equal the home page's.
  const receivedBy = new Map(received.filter((r) => r.bankAccountId).map((r) => [r.bankAccountId!, { total: r.amountMinor, n: r.count }]));
  const viaProcessor = received.filter((r) => !r.bankAccountId);
  const payoutBy = new Map(payouts.filter((p) => p.bankAccountId).map((p) => [p.bankAccountId!, p]));
  const glKey = (entityId: string, currency: string, account: string) => `${entityId}\u0000${currency}\u0000${account}`;
  const glBy = new Map(erp.map((r) => [glKey(r.entityId, r.currency, r.account), r.amountMinor]));
  const unrecBy = new Map<string, { total: bigint; n: number }>();
  for (const r of unreconciled) {
    const u = unrecBy.get(r.bankAccountId) ?? unrecBy.set(r.bankAccountId, { total: 0n, n: 0 }).get(r.bankAccountId)!;
    u.total += r.amountMinor;
    u.n += r.count;
  }
  const yesterday = isoDate(addDays(today, -1));

  type Totals = { accounts: number; closing: bigint; received: bigint; receivedCount: number; transit: bigint; projected: bigint; erp: bigint; diff: bigint; dueToday: bigint; dueWeek: bigint };
  const totals = new Map<string, Totals>();
  const tot = (currency: string) => totals.get(currency) ?? totals.set(currency, { accounts: 0, closing: 0n, received: 0n, receivedCount: 0, transit: 0n, projected: 0n, erp: 0n, diff: 0n, dueToday: 0n, dueWeek: 0n }).get(currency)!;

  const rows = accounts.map((a) => {
    const s = stmtBy.get(a.id);
    const r = receivedBy.get(a.id);
    const p = payoutBy.get(a.id);
    const u = unrecBy.get(a.id);
    const erpTotal = glBy.get(glKey(a.entityId, a.currency, a.glAccount)) ?? 0n;
    const receivedMinor = r?.total ?? 0n;
    const projected = s ? s.closingBalanceMinor + receivedMinor + (p?.today ?? 0n) : null;
    const t = tot(a.currency);
    t.accounts += 1;
    t.closing += s?.closingBalanceMinor ?? 0n;
    t.received += receivedMinor;
    t.receivedCount += Number(r?.n ?? 0);
    t.transit += p?.total ?? 0n;
    t.projected += projected ?? 0n;
    t.erp += erpTotal;
    t.diff += s ? s.closingBalanceMinor - erpTotal : 0n;
    const statementDate = s?.closingDate ? isoDate(s.closingDate) : null;
    return {
      id: a.id, entity: a.entity.code, name: a.name, bankName: a.bankName, account: a.iban ?? a.accountNumber, currency: a.currency, glAccount: a.glAccount,
      statementDate, statementStale: !statementDate || statementDate < yesterday,
      openingBalance: s?.openingBalanceMinor != null ? fromMinor(s.openingBalanceMinor, a.currency) : null,
      closingBalance: s ? fromMinor(s.closingBalanceMinor, a.currency) : null,
      receivedToday: fromMinor(receivedMinor, a.currency), receivedTodayCount: Number(r?.n ?? 0),
      inTransit: fromMinor(p?.total ?? 0n, a.currency), inTransitCount: Number(p?.n ?? 0), arrivingToday: fromMinor(p?.today ?? 0n, a.currency),
      projected: projected === null ? null : fromMinor(projected, a.currency),
      erpBalance: fromMinor(erpTotal, a.currency),
      bankMinusErp: s ? fromMinor(s.closingBalanceMinor - erpTotal, a.currency) : null,
      unreconciledCount: Number(u?.n ?? 0), unreconciledAmount: fromMinor(u?.total ?? 0n, a.currency),
    };
  });
  for (const v of viaProcessor) {
    const t = tot(v.currency);
    t.received += v.amountMinor;
    t.receivedCount += v.count;
  }
  const unassigned = payouts.filter((p) => !p.bankAccountId);
  for (const p of unassigned) tot(p.currency).transit += p.total;
  for (const d of due) {
    const t = tot(d.currency);
    t.dueToday += d.today;
    t.dueWeek += d.week;
  }

  return {
    asOf: now.toISOString(),
    today: todayStr,
    accounts: rows,
    receivedTodayViaProcessor: viaProcessor.map((v) => ({ currency: v.currency, amount: fromMinor(v.amountMinor, v.currency), count: v.count })),
    unassignedPayouts: unassigned.map((p) => ({ entity: p.entity, currency: p.currency, amount: fromMinor(p.total, p.currency), count: Number(p.n) })),
    invoicesDue: due.map((d) => ({
      entity: d.entity, currency: d.currency, dueToday: fromMinor(d.today, d.currency), dueTodayCount: Number(d.todayN), dueWeek: fromMinor(d.week, d.currency), dueWeekCount: Number(d.weekN),
    })),
    totals: [...totals.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, t]) => ({
      currency, accounts: t.accounts, closingBalance: fromMinor(t.closing, currency), receivedToday: fromMinor(t.received, currency), receivedTodayCount: t.receivedCount, inTransit: fromMinor(t.transit, currency),
      projected: fromMinor(t.projected, currency), erpBalance: fromMinor(t.erp, currency), bankMinusErp: fromMinor(t.diff, currency),
      dueToday: fromMinor(t.dueToday, currency), dueWeek: fromMinor(t.dueWeek, currency),
    })),
    history: history.map((h) => ({ date: isoDate(h.day), accountId: h.bankAccountId, closing: fromMinor(h.closing, accounts.find((a) => a.id === h.bankAccountId)?.currency ?? "XXX") })),
  };
}
