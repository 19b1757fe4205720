// The exception resolution dashboard's counts, kept on write (triggers of migration 20261206070000 append to
// ExceptionCaseCountMovement; the worker folds into ExceptionCaseCount; the pattern: movement-rollup.ts): cases
// created per day (every status), and the open cases (not RESOLVED or CANCELLED) per exception code and per assignee.
// Which keys a case counts under is written once, in SQL: cashline_case_count_keys().
import { db } from "../db/client.ts";
import { foldMovements, rebuildRollup, type MovementRollup } from "./movement-rollup.ts";

export const CASE_COUNTS: MovementRollup = {
  movements: "ExceptionCaseCountMovement", rollup: "ExceptionCaseCount", keys: ["kind", "key"], measures: ["count"], lockId: 7_420_074,
};

export type CaseCountRow = { kind: "created" | "open_code" | "open_assignee"; key: string; count: number };
const toRows = (rows: { kind: CaseCountRow["kind"]; key: string; n: bigint }[]): CaseCountRow[] =>
  rows.map((r) => ({ kind: r.kind, key: r.key, count: Number(r.n) }));

/** Every count (roll-up plus movements, one statement: exact at any moment); days created from `fromDay` on. */
export async function getExceptionCaseCounts(fromDay = "0001-01-01"): Promise<CaseCountRow[]> {
  return toRows(await db.$queryRaw`
    select kind, key, sum(count)::bigint as n
      from (select kind, key, count from "ExceptionCaseCount" where kind <> 'created' or key >= ${fromDay}
            union all
            select kind, key, count from "ExceptionCaseCountMovement" where kind <> 'created' or key >= ${fromDay}) u
     group by 1, 2 having sum(count) <> 0 order by 1, 2`);
}

const FROM_CASES = `
  select k.kind, k.key, count(*)::bigint as n
    from "ExceptionCase" c cross join lateral cashline_case_count_keys(c.status, c.code, c."assigneeId", c."createdAt") k group by 1, 2`;

/** The same counts from the cases themselves: what the roll-up must equal. */
export async function getExceptionCaseCountsFromCases(): Promise<CaseCountRow[]> {
  return toRows(await db.$queryRawUnsafe(`${FROM_CASES} order by 1, 2`));
}

export function foldExceptionCaseCounts() {
  return foldMovements(CASE_COUNTS);
}

export function rebuildExceptionCaseCounts() {
  return rebuildRollup(CASE_COUNTS, "ExceptionCase", `select kind, key, n from (${FROM_CASES}) s`);
}
