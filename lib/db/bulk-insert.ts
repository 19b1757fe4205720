// INSERT of many rows in one statement, each column travelling as ONE text[] parameter (unnest) and cast back in
// SQL: one round trip and a fixed number of parameters whatever the batch size. Prisma's createMany builds a
// parameter per field per row, which costs more than the insert itself at a few hundred rows.
import type { Prisma } from "../db/generated/client.ts";
import { column, utcFromEpochMs } from "./pg-array.ts";

type Value = string | bigint | number | boolean | Date | null | undefined;
/** A column: its name, its SQL type (e.g. "bigint", "jsonb", "\"ApplicationKind\"", or "timestamp" for a Date), and how to read it from a row. */
export type BulkColumn<T> = [name: string, type: string, pick: (row: T) => Value];

const text = (v: Value) => (v instanceof Date ? v.getTime() : v === true ? "t" : v === false ? "f" : v);
/** Prisma's DateTime is timestamp(3) in UTC: sent as epoch milliseconds, whatever the session's time zone. */
const cast = (col: string, type: string) => (type === "timestamp" ? utcFromEpochMs(col) : type === "text" ? col : `${col}::${type}`);

export async function bulkInsert<T, R = unknown>(
  tx: Pick<Prisma.TransactionClient, "$queryRawUnsafe">, table: string, rows: readonly T[], columns: BulkColumn<T>[],
  opts: { onConflict?: string; returning?: string } = {},
): Promise<R[]> {
  if (rows.length === 0) return [];
  const names = columns.map(([n]) => `"${n}"`).join(", ");
  const aliases = columns.map((_, i) => `c${i}`);
  const sql = `insert into "${table}" (${names}) select ${columns.map(([, type], i) => cast(aliases[i]!, type)).join(", ")}
    from unnest(${columns.map((_, i) => `$${i + 1}::text[]`).join(", ")}) as t(${aliases.join(", ")})
    ${opts.onConflict ? `on conflict ${opts.onConflict}` : ""} ${opts.returning ? `returning ${opts.returning}` : ""}`;
  return tx.$queryRawUnsafe<R[]>(sql, ...columns.map(([, , pick]) => column(rows, (r) => text(pick(r)))));
}
