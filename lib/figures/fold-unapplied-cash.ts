// Folds the unapplied-cash movements the Receipt triggers append (UnappliedCashMovement) into the roll-up
// (UnappliedCashByValueDate), so readers add up a few thousand rows rather than every movement since the start.
// Readers are exact either way (they read both tables in one statement); folding only keeps that read small.
// One transaction: the movements it deletes are exactly the ones it adds (DELETE … RETURNING), and movements
// committed meanwhile stay for the next fold. An advisory lock makes workers take turns.
import { db } from "../db/client.ts";

const LOCK_ID = 7_420_068;

export async function foldUnappliedCash(): Promise<{ movements: number; keys: number; emptied: number }> {
  return db.$transaction(async (tx) => {
    const [got] = await tx.$queryRaw<{ ok: boolean }[]>`select pg_try_advisory_xact_lock(${LOCK_ID}) as ok`;
    if (!got?.ok) return { movements: 0, keys: 0, emptied: 0 }; // another worker is folding right now
    const [folded] = await tx.$queryRaw<{ movements: bigint; keys: bigint }[]>`
      with moved as (
        delete from "UnappliedCashMovement" returning "entityId", currency, "valueDate", count, "amountMinor"),
      summed as (
        select "entityId", currency, "valueDate", sum(count)::bigint as count, sum("amountMinor")::bigint as amount, count(*) as n
          from moved group by 1, 2, 3),
      upserted as (
        insert into "UnappliedCashByValueDate" ("entityId", currency, "valueDate", count, "amountMinor")
        select "entityId", currency, "valueDate", count, amount from summed
        on conflict ("entityId", currency, "valueDate") do update
          set count = "UnappliedCashByValueDate".count + excluded.count,
              "amountMinor" = "UnappliedCashByValueDate"."amountMinor" + excluded."amountMinor"
        returning 1)
      select coalesce((select sum(n) from summed), 0)::bigint as movements, (select count(*) from upserted)::bigint as keys`;
    // Keys whose cash is all applied now: nothing left to show.
    const emptied = await tx.$executeRaw`delete from "UnappliedCashByValueDate" where count = 0 and "amountMinor" = 0`;
    return { movements: Number(folded?.movements ?? 0), keys: Number(folded?.keys ?? 0), emptied };
  });
}
