// No silent stall: a receipt left in a non-final state longer than that state's allowed time (stall-thresholds.ts)
// with no active case gets a STALLED case saying what it waits for and who owns that step, so it lands in the
// analysts' queue instead of sitting unseen. Idempotent (one active case per receipt is the database's rule);
// run by the worker's schedule (jobs/schedules.ts) and once after the demo seed.
import { db, Prisma, type PrismaClient } from "../db/client.ts";
import { openExceptionCase } from "../exceptions/open-exception-case.ts";
import { formatMoney } from "../money/money.ts";
import type { ReceiptState } from "../workflow/receipt-states.ts";
import { explainWaiting } from "./explain-waiting.ts";
import { stallThresholds } from "./stall-thresholds.ts";

type Row = { id: string; state: ReceiptState; stateChangedAt: Date; entityId: string; amountMinor: bigint; unappliedMinor: bigint; currency: string; jStatus: string | null; jAttempts: number | null; jError: string | null };

export async function findStalledReceipts(now = new Date(), thresholds = stallThresholds(), limit = 500, client: PrismaClient = db): Promise<Row[]> {
  const pairs = Object.entries(thresholds).map(([state, ms]) => Prisma.sql`(${state}, ${new Date(now.getTime() - ms!)}::timestamp)`);
  if (pairs.length === 0) return [];
  return client.$queryRaw<Row[]>`
    with t(state, before) as (values ${Prisma.join(pairs)})
    select r.id, r.state::text as state, r."stateChangedAt", r."entityId", r."amountMinor", r."unappliedMinor", r.currency,
           j.status::text as "jStatus", j.attempts as "jAttempts", j."lastError" as "jError"
      from t join "Receipt" r on r.state::text = t.state and r."stateChangedAt" < t.before
      left join lateral (select status, attempts, "lastError" from "JournalEntry" where "receiptId" = r.id order by "createdAt" desc limit 1) j on true
     where not exists (select 1 from "ExceptionCase" c where c."receiptId" = r.id and c.status not in ('RESOLVED', 'CANCELLED'))
     order by r."stateChangedAt" limit ${limit}`;
}

const hours = (ms: number) => (ms >= 48 * 3_600_000 ? `${Math.floor(ms / 86_400_000)} days` : ms >= 3_600_000 ? `${Math.floor(ms / 3_600_000)} h` : `${Math.floor(ms / 60_000)} min`);

export async function openStalledCases(now = new Date(), thresholds = stallThresholds(), client: PrismaClient = db): Promise<string[]> {
  const stalled = await findStalledReceipts(now, thresholds, 500, client);
  const open = (tx: Prisma.TransactionClient, r: Row) => {
    const waiting = explainWaiting({ state: r.state, activeCase: null, journal: r.jStatus ? { status: r.jStatus, attempts: r.jAttempts ?? 0, lastError: r.jError } : null, now });
    const reasons = [
      `stalled: ${r.state} for ${hours(now.getTime() - r.stateChangedAt.getTime())} (allowed ${hours(thresholds[r.state]!)}) with no case`,
      `waiting for ${waiting.waitingFor} (owner: ${waiting.owner})${waiting.detail ? `; ${waiting.detail}` : ""}`,
      ...(r.unappliedMinor > 0n ? [`${formatMoney(r.unappliedMinor, r.currency)} unapplied`] : []),
    ];
    return openExceptionCase(tx, {
      code: "STALLED", entityId: r.entityId, receiptId: r.id, priority: r.amountMinor >= 1_000_000n ? "HIGH" : "NORMAL", slaHours: 24,
      amountMinor: r.amountMinor, currency: r.currency, reasons, suggestion: { state: r.state, since: r.stateChangedAt.toISOString(), owner: waiting.owner, waitingFor: waiting.waitingFor },
    }, now);
  };
  const opened: string[] = [];
  // A hundred per transaction; if someone opened a case for one of them meanwhile (the one-active-case index
  // answers P2002), that chunk is done one by one and the receipt that has a case now is skipped.
  for (let i = 0; i < stalled.length; i += 100) {
    const chunk = stalled.slice(i, i + 100);
    try {
      const made = await client.$transaction(async (tx) => { const out: string[] = []; for (const r of chunk) { const c = await open(tx, r); if (c.created) out.push(c.caseId); } return out; }, { timeout: 60_000 });
      opened.push(...made);
    } catch (err) {
      if (!(err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002")) throw err;
      for (const r of chunk) {
        const c = await client.$transaction((tx) => open(tx, r)).catch((e: unknown) => {
          if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") return { caseId: "", created: false };
          throw e;
        });
        if (c.created) opened.push(c.caseId);
      }
    }
  }
  return opened;
}
