// Oracle REST's query language as far as the receivables reads use it: `q=Attr=value;Attr>value;Attr>=value`
// (clauses joined by `;`, values optionally quoted), `orderBy=Attr:asc,Other:desc`, and `limit`/`offset` paging
// answered with `{items, count, hasMore, limit, offset, totalResults}`. Comparisons are on strings, which is exact
// for ISO dates and timestamps of one format, the only attributes compared by order here.
import { SimError } from "./sim-error.ts";

export type QClause = { attr: string; op: "=" | ">" | ">=" | "<" | "<="; value: string };

export function parseQClauses(q: string | null): QClause[] {
  const out: QClause[] = [];
  for (const raw of (q ?? "").split(";")) {
    const clause = raw.trim();
    if (!clause) continue;
    const m = /^([A-Za-z][A-Za-z0-9]*)\s*(>=|<=|=|>|<)\s*(.*)$/.exec(clause);
    if (!m) throw new SimError(400, "INVALID_QUERY", `cannot read the q clause "${clause}" (expected Attribute=value, >, >=, < or <=)`);
    out.push({ attr: m[1]!, op: m[2] as QClause["op"], value: m[3]!.trim().replace(/^(['"])(.*)\1$/, "$2") });
  }
  return out;
}

/** Keeps the rows every clause accepts; an attribute the resource does not filter on is a 400, as in Oracle. */
export function applyQ<T extends Record<string, unknown>>(rows: T[], clauses: QClause[], filterable: readonly string[]): T[] {
  for (const c of clauses) if (!filterable.includes(c.attr)) throw new SimError(400, "INVALID_QUERY", `attribute ${c.attr} cannot be used in q (filterable: ${filterable.join(", ")})`);
  return rows.filter((row) => clauses.every((c) => {
    const v = row[c.attr];
    const s = v === null || v === undefined ? "" : String(v);
    switch (c.op) {
      case "=": return s === c.value;
      case ">": return s > c.value;
      case ">=": return s >= c.value;
      case "<": return s < c.value;
      default: return s <= c.value;
    }
  }));
}

export function applyOrderBy<T extends Record<string, unknown>>(rows: T[], orderBy: string | null): T[] {
  if (!orderBy) return rows;
  const keys = orderBy.split(",").map((k) => {
    const [attr, dir] = k.trim().split(":");
    return { attr: attr!, desc: dir?.toLowerCase() === "desc" };
  });
  return [...rows].sort((a, b) => {
    for (const k of keys) {
      const x = a[k.attr] as string | number;
      const y = b[k.attr] as string | number;
      if (x === y) continue;
      return (x < y ? -1 : 1) * (k.desc ? -1 : 1);
    }
    return 0;
  });
}

export function page<T>(items: T[], query: URLSearchParams) {
  const limit = Math.min(Math.max(Number(query.get("limit") ?? 25) || 25, 1), 500);
  const offset = Math.max(Number(query.get("offset") ?? 0) || 0, 0);
  const slice = items.slice(offset, offset + limit);
  return { items: slice, count: slice.length, hasMore: offset + limit < items.length, limit, offset, totalResults: items.length };
}
