// The distinct actor labels or actions of the audit log that contain a piece of text (case-insensitive). The audit
// log holds millions of rows but a few dozen actors and actions: a skip scan of the column's index reads each
// distinct value once (one index descent per value), and the search then looks those values up by index instead
// of matching the text against every row of the date range (at 6,000,000 entries: ~50 ms per pass of a month).
import { db, Prisma } from "../db/client.ts";

/** Past this many distinct values the skip scan stops paying off; the caller matches the text row by row instead. */
export const DISTINCT_LIMIT = 2_000;

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Values of `column` containing `text`, or null when the column has more than DISTINCT_LIMIT distinct values. */
export async function findAuditValues(column: "actorLabel" | "action", text: string): Promise<string[] | null> {
  const col = Prisma.raw(`"${column}"`);
  const needle = likeEscape(text);
  const [r] = await db.$queryRaw<{ n: bigint; matched: string[] }[]>`
    with recursive v(value) as (
      (select ${col} from "AuditLog" where ${col} is not null order by ${col} limit 1)
      union all
      select (select ${col} from "AuditLog" where ${col} > v.value order by ${col} limit 1) from v where v.value is not null),
    distinct_values as (select value from v where value is not null limit ${DISTINCT_LIMIT + 1})
    select count(*) as n, coalesce(array_agg(value) filter (where value ilike '%' || ${needle} || '%'), '{}') as matched
      from distinct_values`;
  return Number(r!.n) > DISTINCT_LIMIT ? null : r!.matched;
}
