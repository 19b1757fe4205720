// Rolls POSTED journal lines up into GlBalanceRollup through the end of yesterday (UTC), so the cash position's
// ERP balance reads six rows plus today's postings instead of summing millions of journal lines. Incremental
// (adds only what was posted since the last roll-up) and safe to run from several workers at once (an advisory
// lock serialises them; the second finds the work done). Run by the worker's schedule (jobs/schedules.ts).
import { db } from "../db/client.ts";
import { addDays, isoDate, startOfUtcDay } from "./time.ts";

const LOCK_ID = 7_420_066;

export async function rollUpGlBalances(now = new Date()): Promise<{ throughDay: string; keys: number; skipped: boolean }> {
  const through = isoDate(addDays(startOfUtcDay(now), -1));
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`select pg_advisory_xact_lock(${LOCK_ID})`;
    const [current] = await tx.$queryRaw<{ through: Date | null }[]>`select max("throughDay") as through from "GlBalanceRollup"`;
    const previous = current?.through ? isoDate(current.through) : null;
    if (previous && previous >= through) return { throughDay: previous, keys: 0, skipped: true };
    const from = previous ? isoDate(addDays(new Date(`${previous}T00:00:00Z`), 1)) : null;
    const keys = await tx.$executeRaw`
      insert into "GlBalanceRollup" ("entityId", currency, account, "throughDay", "debitMinor", "creditMinor", "updatedAt")
      select je."entityId", je.currency, l.account, ${through}::date, sum(l."debitMinor"), sum(l."creditMinor"), now()
        from "JournalEntry" je join "JournalLine" l on l."entryId" = je.id
       where je.status = 'POSTED' and je."postedAt" < ${through}::date + 1
         and (${from}::date is null or je."postedAt" >= ${from}::date)
       group by 1, 2, 3
      on conflict ("entityId", currency, account) do update
        set "debitMinor" = "GlBalanceRollup"."debitMinor" + excluded."debitMinor",
            "creditMinor" = "GlBalanceRollup"."creditMinor" + excluded."creditMinor",
            "throughDay" = excluded."throughDay", "updatedAt" = now()`;
    // Keys without postings since the last roll-up move forward too: every row says "through the same day".
    await tx.$executeRaw`update "GlBalanceRollup" set "throughDay" = ${through}::date, "updatedAt" = now() where "throughDay" < ${through}::date`;
    return { throughDay: through, keys, skipped: false };
  }, { timeout: 10 * 60_000 });
}
