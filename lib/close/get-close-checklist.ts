// Close readiness per legal entity and period, computed from live state: what still blocks signing the month off.
//
// Period scoping (a calendar month in UTC): receipts and bank lines belong to the period by VALUE DATE (or by
// their accounting date when they arrived after their month was signed off: lib/close/period-lock.ts);
// exception cases and journal entries by CREATED AT; statements by CLOSING DATE. Every check with items blocks.
//   unreconciled     bank lines of the entity's accounts not reconciled
//   unapplied        unapplied cash as lib/figures/unapplied-cash.ts defines it (returned payments and duplicates
//                    are not cash), value date in the period
//   unposted         receipts not yet acknowledged by the ERP (postedAt null; returned/duplicates excluded)
//   open_exceptions  open exception cases other than chargebacks, posting failures and statement gaps
//   chargebacks      open CHARGEBACK cases
//   failed_postings  FAILED journal entries whose receipt has no POSTED entry since
//   statement_gaps   open STATEMENT_GAP / BALANCE_MISMATCH cases, plus breaks in the statement chain (opening ≠
//                    previous closing) and failed balance checks on accounts that have no such case open yet
//   erp_drift        open ERP_DRIFT cases opened before the period's end: an invoice whose open amount in Cashline
//                    differs from the ERP's (lib/erp-sync/detect-drift.ts) blocks until resolved or accepted
//   fx_revaluation   open foreign-currency receivables revalued at the period end (lib/fx/get-fx-revaluation.ts):
//                    count and net unrealised gain/loss with a journal proposal; blocks only when a rate is missing
import { z } from "zod";
import { db, Prisma } from "../db/client.ts";
import { fromMinor } from "../money/money.ts";
import { moneySchema } from "../http/pagination.ts";
import { currentPeriod, parsePeriod, periodSchema, addDays, isoDate } from "../dashboards/time.ts";
import { EXCEPTION_DONE_SQL, notCashStatesSql } from "../dashboards/sql.ts";
import { unappliedCashWhere } from "../figures/unapplied-cash.ts";
import { getFxRevaluation } from "../fx/get-fx-revaluation.ts";

const GAP_CODES = Prisma.raw(`'STATEMENT_GAP', 'BALANCE_MISMATCH'`);

export const closeReadinessQuery = z.object({
  period: periodSchema.optional().describe("YYYY-MM; default the current month"),
  entity: z.string().trim().min(1).max(20).optional().describe("legal entity code; default every entity"),
});

export const checklistItemSchema = z.object({
  key: z.string(), label: z.string(), count: z.number().int(), amounts: z.array(moneySchema), href: z.string(), blocking: z.boolean(),
});
export const signOffSchema = z.object({
  id: z.string(), entity: z.string(), period: z.string(), signedById: z.string(), signedBy: z.string(), signedAt: z.string(),
  justification: z.string().nullable(), blockersSnapshot: z.array(checklistItemSchema.pick({ key: true, label: true, count: true, amounts: true })),
  status: z.enum(["PREPARED", "LOCKED"]).describe("PREPARED: first signature, waiting for a second person; LOCKED: the period is closed"),
  approvedById: z.string().nullable(), approvedBy: z.string().nullable(), approvedAt: z.string().nullable(),
});
export const reopenRequestSchema = z.object({
  id: z.string(), entity: z.string(), period: z.string(), reason: z.string(), status: z.string(),
  requestedById: z.string(), requestedBy: z.string(), requestedAt: z.string(),
});
export const entityChecklistSchema = z.object({
  entity: z.string(), name: z.string(), items: z.array(checklistItemSchema), blocking: z.number().int(), signOff: signOffSchema.nullable(),
  twoLevelSignOff: z.boolean().describe("the entity wants two signatures even when nothing blocks"),
  reopenRequest: reopenRequestSchema.nullable().describe("a pending request to reopen the locked period"),
});
export const closeReadinessResponse = z.object({
  asOf: z.string(), period: z.string(), from: z.string(), to: z.string(), entities: z.array(entityChecklistSchema),
});
export type ChecklistItem = z.infer<typeof checklistItemSchema>;
export type EntityChecklist = z.infer<typeof entityChecklistSchema>;
export type CloseReadiness = z.infer<typeof closeReadinessResponse>;

export const CHECKS = [
  { key: "unreconciled", label: "Bank lines not reconciled" },
  { key: "unapplied", label: "Unapplied cash" },
  { key: "unposted", label: "Receipts not yet posted to the ERP" },
  { key: "open_exceptions", label: "Open exceptions" },
  { key: "chargebacks", label: "Open chargebacks" },
  { key: "failed_postings", label: "Failed postings" },
  { key: "statement_gaps", label: "Statement gaps and balance mismatches" },
  { key: "erp_drift", label: "Open amounts that differ from the ERP" },
] as const;

function hrefFor(key: string, entity: string, from: string, to: string): string {
  const receipts = (extra: string) => `/payments?entity=${entity}&${extra}&valueFrom=${from}&valueTo=${to}`;
  switch (key) {
    case "unreconciled": return `/cash#unreconciled`;
    case "unapplied": return receipts("unapplied=1");
    case "unposted": return receipts("unposted=1");
    case "open_exceptions": return `/exceptions?entity=${entity}`;
    case "chargebacks": return `/exceptions?entity=${entity}&code=CHARGEBACK`;
    case "erp_drift": return `/exceptions?entity=${entity}&code=ERP_DRIFT`;
    case "failed_postings": return `/payments?entity=${entity}&state=POSTING_FAILED`;
    default: return `/exceptions?entity=${entity}&code=STATEMENT_GAP`;
  }
}

/** The rows of a receipt or bank-line table in [from, to): by accounting date when they have one, else by value
 *  date. Two branches rather than one OR, so each is an index-only range scan on its partial index (the OR made
 *  PostgreSQL fetch every row of the month from the heap: 0.6–0.85 s per check at 10,000,000 receipts,
 *  bench:dashboards; the branches take 23–37 ms). */
function periodRows(table: string, columns: string, where: Prisma.Sql, from: string, to: string): Prisma.Sql {
  const t = Prisma.raw(`"${table}" r`);
  const c = Prisma.raw(columns);
  return Prisma.sql`(select ${c} from ${t} where ${where} and r."accountingDate" is null and r."valueDate" >= ${from}::date and r."valueDate" < ${to}::date
    union all
    select ${c} from ${t} where ${where} and r."accountingDate" >= ${from}::date and r."accountingDate" < ${to}::date)`;
}

type Client = Pick<typeof db, "$queryRaw" | "$queryRawUnsafe" | "legalEntity" | "closeSignOff" | "user" | "periodReopenRequest">;

export async function getCloseChecklist(q: z.infer<typeof closeReadinessQuery> = {}, now = new Date(), client: Client = db): Promise<CloseReadiness> {
  const db = client;
  const { period, start, end, lastDay } = parsePeriod(q.period ?? currentPeriod(now));
  const from = isoDate(start);
  const to = isoDate(end);
  const entities = await db.legalEntity.findMany({ where: q.entity ? { code: q.entity } : undefined, orderBy: { code: "asc" } });
  const [rows, signOffs] = await Promise.all([
    db.$queryRaw<{ entityId: string; key: string; currency: string | null; n: bigint; total: bigint | null }[]>`
      select ba."entityId", 'unreconciled' as key, bt.currency::text, count(*)::bigint as n, sum(bt."amountMinor")::bigint as total
        from ${periodRows("BankTransaction", `r."bankAccountId", r.currency, r."amountMinor"`, Prisma.sql`not r.reconciled`, from, to)} bt
        join "BankAccount" ba on ba.id = bt."bankAccountId" group by 1, 3
      union all
      -- Unapplied cash as the one definition counts it (lib/figures/unapplied-cash.ts), in the period.
      select r."entityId", 'unapplied', r.currency::text, count(*)::bigint, sum(r."unappliedMinor")::bigint
        from ${periodRows("Receipt", `r."entityId", r.currency, r."unappliedMinor"`, unappliedCashWhere("r"), from, to)} r group by 1, 3
      union all
      select r."entityId", 'unposted', r.currency::text, count(*)::bigint, sum(r."amountMinor")::bigint
        from ${periodRows("Receipt", `r."entityId", r.currency, r."amountMinor"`, Prisma.sql`r."postedAt" is null and r.state not in (${notCashStatesSql})`, from, to)} r group by 1, 3
      union all
      select "entityId", case when code = 'CHARGEBACK' then 'chargebacks' else 'open_exceptions' end, currency::text, count(*)::bigint, sum("amountMinor")::bigint
        from "ExceptionCase"
       where status not in (${EXCEPTION_DONE_SQL}) and code not in ('POSTING_FAILED', 'ERP_DRIFT', ${GAP_CODES}) and "createdAt" >= ${start} and "createdAt" < ${end} group by 1, 2, 3
      union all
      -- Drift is about the receivables as they stand: any drift found before the period's end blocks it.
      select "entityId", 'erp_drift', currency::text, count(*)::bigint, sum("amountMinor")::bigint from "ExceptionCase"
       where code = 'ERP_DRIFT' and status not in (${EXCEPTION_DONE_SQL}) and "createdAt" < ${end} group by 1, 3
      union all
      select je."entityId", 'failed_postings', je.currency::text, count(*)::bigint, sum(coalesce(r."amountMinor", 0))::bigint
        from "JournalEntry" je left join "Receipt" r on r.id = je."receiptId"
       where je.status = 'FAILED' and je."createdAt" >= ${start} and je."createdAt" < ${end}
         and not exists (select 1 from "JournalEntry" p where p."receiptId" = je."receiptId" and p.status = 'POSTED')
       group by 1, 3
      union all
      select ba."entityId", 'statement_gaps', ba.currency::text, count(*)::bigint, sum(abs(coalesce(x.gap, 0)) + abs(coalesce(x."balanceDifferenceMinor", 0)))::bigint
        from (select s."bankAccountId", s."closingDate", s."balanceCheck", s."balanceDifferenceMinor",
                     s."openingBalanceMinor" - lag(s."closingBalanceMinor") over (partition by s."bankAccountId" order by s."closingDate", s."receivedAt") as gap
                from "BankStatement" s
               where s."closingDate" >= ${isoDate(addDays(start, -40))}::date and s."closingDate" < ${isoDate(end)}::date) x
        join "BankAccount" ba on ba.id = x."bankAccountId"
       where x."closingDate" >= ${from}::date and (x.gap <> 0 or x."balanceCheck" = 'mismatch')
         and not exists (select 1 from "ExceptionCase" c where c."bankAccountId" = x."bankAccountId" and c.code in (${GAP_CODES}) and c.status not in (${EXCEPTION_DONE_SQL}))
       group by 1, 3
      union all
      select "entityId", 'statement_gaps', currency::text, count(*)::bigint, sum("amountMinor")::bigint from "ExceptionCase"
       where code in (${GAP_CODES}) and status not in (${EXCEPTION_DONE_SQL}) and "createdAt" >= ${start} and "createdAt" < ${end} group by 1, 3`,
    db.closeSignOff.findMany({ where: { period, entityId: { in: entities.map((e) => e.id) }, status: { in: ["PREPARED", "LOCKED"] } } }),
  ]);
  const fx = await getFxRevaluation({ period, entity: q.entity }, db);
  const reopens = await db.periodReopenRequest.findMany({ where: { period, status: "PENDING", entityId: { in: entities.map((e) => e.id) } } });
  const signers = await db.user.findMany({
    where: { id: { in: [...signOffs.flatMap((s) => [s.signedById, s.approvedById ?? ""]), ...reopens.map((r) => r.requestedById)] } }, select: { id: true, name: true },
  });
  const nameOf = (id: string) => signers.find((u) => u.id === id)?.name ?? id;

  return {
    asOf: now.toISOString(),
    period,
    from,
    to: lastDay,
    entities: entities.map((e) => {
      const mine = rows.filter((r) => r.entityId === e.id);
      const items = CHECKS.map(({ key, label }) => {
        const r = mine.filter((x) => x.key === key);
        const count = r.reduce((s, x) => s + Number(x.n), 0);
        return {
          key, label, count, blocking: count > 0, href: hrefFor(key, e.code, from, lastDay),
          amounts: r.filter((x) => x.currency && x.total !== null).sort((a, b) => a.currency!.localeCompare(b.currency!)).map((x) => ({ currency: x.currency!, amount: fromMinor(x.total!, x.currency!) })),
        };
      });
      const reval = fx.entities.find((x) => x.entity === e.code);
      (items as ChecklistItem[]).push({
        key: "fx_revaluation", label: "Unrealised FX on open foreign-currency receivables (revaluation proposal)", count: reval?.invoices ?? 0,
        blocking: (reval?.missingRates ?? 0) > 0, href: `/api/v1/fx/revaluation?period=${period}&entity=${e.code}`, amounts: reval && reval.invoices ? [reval.netGainLoss] : [],
      });
      const s = signOffs.find((x) => x.entityId === e.id);
      const r = reopens.find((x) => x.entityId === e.id);
      return {
        entity: e.code,
        name: e.name,
        items,
        blocking: items.filter((i) => i.blocking).length,
        signOff: s
          ? {
              id: s.id, entity: e.code, period: s.period, signedById: s.signedById, signedBy: nameOf(s.signedById),
              signedAt: s.signedAt.toISOString(), justification: s.justification, blockersSnapshot: s.blockersSnapshot as EntityChecklist["items"],
              status: s.status as "PREPARED" | "LOCKED", approvedById: s.approvedById, approvedBy: s.approvedById ? nameOf(s.approvedById) : null,
              approvedAt: s.approvedAt?.toISOString() ?? null,
            }
          : null,
        twoLevelSignOff: e.closeTwoLevelSignOff,
        reopenRequest: r
          ? { id: r.id, entity: e.code, period: r.period, reason: r.reason, status: r.status, requestedById: r.requestedById, requestedBy: nameOf(r.requestedById), requestedAt: r.requestedAt.toISOString() }
          : null,
      };
    }),
  };
}
