// A figure kept on write: triggers on the source table append each change (count and amount per key) to a
// movements table; foldMovements moves them into the roll-up table on the worker's schedule; readers add both in
// one statement, so a figure is exact whether folded or not. Movements are append-only, so writers of the same key
// never queue on a shared total row nor deadlock over two of them. Used by unapplied cash (Receipt), unreconciled
// bank lines (BankTransaction) and GL balances (JournalEntry, JournalLine); the triggers are in their migrations.
import { db, Prisma } from "../db/client.ts";

export type MovementRollup = {
  /** Table the triggers append to: the key columns and the measures. */
  movements: string;
  /** Table of folded totals, keyed by the key columns. */
  rollup: string;
  keys: readonly string[];
  /** The summed columns: count and "amountMinor" unless given (a histogram counts only). */
  measures?: readonly string[];
  /** Advisory lock id: one fold at a time per roll-up. */
  lockId: number;
};

const DEFAULT_MEASURES = ["count", "amountMinor"] as const;

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Folds the committed movements into the roll-up in one transaction (DELETE … RETURNING into an upsert: what it
 * deletes is exactly what it adds; movements committed meanwhile stay for the next fold), then drops keys whose
 * count and amount are both zero. Another fold running: returns at once.
 */
export async function foldMovements(r: MovementRollup): Promise<{ movements: number; keys: number; emptied: number }> {
  const keys = r.keys.map(ident).join(", ");
  const measures = (r.measures ?? DEFAULT_MEASURES).map(ident);
  const mov = ident(r.movements);
  const roll = ident(r.rollup);
  return db.$transaction(async (tx) => {
    const [got] = await tx.$queryRaw<{ ok: boolean }[]>`select pg_try_advisory_xact_lock(${r.lockId}) as ok`;
    if (!got?.ok) return { movements: 0, keys: 0, emptied: 0 };
    const [folded] = await tx.$queryRaw<{ movements: bigint; keys: bigint }[]>(Prisma.raw(`
      with moved as (delete from ${mov} returning ${keys}, ${measures.join(", ")}),
      summed as (
        select ${keys}, ${measures.map((m) => `sum(${m})::bigint as ${m}`).join(", ")}, count(*) as "movementRows" from moved group by ${keys}),
      upserted as (
        insert into ${roll} (${keys}, ${measures.join(", ")})
        select ${keys}, ${measures.join(", ")} from summed
        on conflict (${keys}) do update
          set ${measures.map((m) => `${m} = ${roll}.${m} + excluded.${m}`).join(", ")}
        returning 1)
      select coalesce((select sum("movementRows") from summed), 0)::bigint as movements, (select count(*) from upserted)::bigint as keys`));
    const emptied = await tx.$executeRaw(Prisma.raw(`delete from ${roll} where ${measures.map((m) => `${m} = 0`).join(" and ")}`));
    return { movements: Number(folded?.movements ?? 0), keys: Number(folded?.keys ?? 0), emptied };
  });
}

/**
 * Recomputes a roll-up from its source: after a bulk load with triggers off (session_replication_role = replica)
 * or to repair a drift. `sourceTotals` selects the key columns and the measures from the source tables. Writers to
 * them wait while it runs (SHARE lock), so no row is counted twice or missed.
 */
export async function rebuildRollup(r: MovementRollup, source: string | readonly string[], sourceTotals: string): Promise<{ keys: number }> {
  const tables = (typeof source === "string" ? [source] : source).map(ident).join(", ");
  return db.$transaction(async (tx) => {
    await tx.$executeRaw(Prisma.raw(`lock table ${tables} in share mode`));
    await tx.$executeRaw(Prisma.raw(`delete from ${ident(r.movements)}`));
    await tx.$executeRaw(Prisma.raw(`delete from ${ident(r.rollup)}`));
    const columns = [...r.keys, ...(r.measures ?? DEFAULT_MEASURES)].map(ident).join(", ");
    const keys = await tx.$executeRaw(Prisma.raw(`insert into ${ident(r.rollup)} (${columns}) ${sourceTotals}`));
    return { keys };
  }, { timeout: 30 * 60_000 });
}

/** Lines naming each key where two sets of rows (the roll-up's and the source's) disagree; empty when they agree. */
export function diffFigureRows<T extends { count: number; amountMinor?: bigint }>(rolled: T[], live: T[], keyOf: (r: T) => string): string[] {
  const show = (r: T | undefined) => (r ? `${r.count} rows${r.amountMinor === undefined ? "" : `, ${r.amountMinor} minor`}` : "nothing");
  const a = new Map(rolled.map((r) => [keyOf(r), r]));
  const b = new Map(live.map((r) => [keyOf(r), r]));
  const out: string[] = [];
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(k);
    const y = b.get(k);
    if (x?.count !== y?.count || x?.amountMinor !== y?.amountMinor) out.push(`${k}: roll-up ${show(x)}, source ${show(y)}`);
  }
  return out.sort();
}
