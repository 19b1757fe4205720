// POST /services/rest/query/v1/suiteql?limit&offset with `Prefer: transient` and {"q": "SELECT …"}: rows of the
// customer, transaction (CustInvc / CustPymt) and accountingperiod tables, paged as NetSuite pages them
// (limit ≤ 1000, offset a multiple of limit; `links` next/prev/self, `hasMore`, `count`, `totalResults`).
// Dates and timestamps come back ISO-formatted (as with an ISO date-format preference); booleans as 'T' / 'F'.
import { amountDue } from "./books.ts";
import { NsError } from "./errors.ts";
import { decimal, minor } from "./money.ts";
import { parseSuiteQl, type Cond, type Value } from "./suiteql-parse.ts";
import type { NsState } from "./state.ts";

export const SUITEQL_PATH = "/services/rest/query/v1/suiteql";
type Row = Record<string, Value | null>;
const tf = (b: boolean) => (b ? "T" : "F");

/** Records a cheap condition on a raw field rules out are never turned into rows (a lookup by tranid scans strings, not 24,000 rows). */
function prefilter<T>(records: T[], where: Cond[], raw: Record<string, (r: T) => string | null>): T[] {
  let out = records;
  for (const c of where) {
    const get = raw[c.col];
    if (!get || (c.op !== "=" && c.op !== "in")) continue;
    const wanted = new Set(c.values.map(String));
    out = out.filter((r) => { const v = get(r); return v !== null && wanted.has(v); });
  }
  return out;
}

function tableRows(s: NsState, table: string, where: Cond[]): Row[] {
  if (table === "customer") {
    return prefilter(s.customers, where, { id: (c) => c.id, entityid: (c) => c.entityId, subsidiary: (c) => c.subsidiary }).map((c) => ({
      id: Number(c.id), entityid: c.entityId, companyname: c.companyName, subsidiary: c.subsidiary, parent: c.parent === null ? null : Number(c.parent),
      externalid: c.externalId, custentity_cashline_bank_accounts: c.bankAccounts.join(",") || null, datecreated: c.dateCreated, lastmodifieddate: c.lastModifiedDate,
    }));
  }
  if (table === "transaction") {
    const type = where.find((c) => c.col === "type" && c.op === "=")?.values[0];
    const raw = { id: (r: { id: string }) => r.id, tranid: (r: { tranId: string }) => r.tranId, subsidiary: (r: { subsidiary: string }) => r.subsidiary };
    const invoices: Row[] = type === "CustPymt" ? [] : prefilter(s.invoices, where, raw).map((inv) => {
      const due = amountDue(s, inv);
      return {
        id: Number(inv.id), tranid: inv.tranId, type: "CustInvc", entity: Number(inv.entity), subsidiary: inv.subsidiary, currency: inv.currency,
        trandate: inv.tranDate, duedate: inv.dueDate, foreigntotal: Number(inv.total), foreignamountremaining: Number(decimal(due, inv.currency)),
        status: due === 0n ? "CustInvc:B" : "CustInvc:A", externalid: inv.externalId, memo: inv.memo, createddate: inv.dateCreated, lastmodifieddate: inv.lastModifiedDate,
      };
    });
    const payments: Row[] = type === "CustInvc" ? [] : prefilter(s.payments, where, raw).map((p) => {
      const applied = Object.values(p.apply).reduce((sum, a) => sum + minor(a, p.currency), 0n);
      return {
        id: Number(p.id), tranid: p.tranId, type: "CustPymt", entity: Number(p.customer), subsidiary: p.subsidiary, currency: p.currency,
        trandate: p.tranDate, duedate: null, foreigntotal: Number(p.payment), foreignamountremaining: Number(decimal(minor(p.payment, p.currency) - applied, p.currency)),
        status: "CustPymt:C", externalid: p.externalId, memo: p.memo, createddate: p.dateCreated, lastmodifieddate: p.lastModifiedDate,
      };
    });
    return [...invoices, ...payments];
  }
  if (table === "accountingperiod") {
    return s.periods.map((p) => ({
      id: Number(p.id), periodname: p.periodName, startdate: p.startDate, enddate: p.endDate, closed: tf(p.closed), arlocked: tf(p.arLocked),
      isquarter: "F", isyear: "F", isadjust: "F", lastmodifieddate: p.lastModifiedDate,
    }));
  }
  throw new NsError(400, "INVALID_PARAMETER", `Invalid search query: unknown table ${table} (this simulator has customer, transaction, accountingperiod).`, "q");
}

function compare(a: Value | null, b: Value): number {
  if (a === null) return Number.NaN;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "number" && typeof b === "string" && /^-?\d+(\.\d+)?$/.test(b)) return a - Number(b);
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function matches(row: Row, c: Cond): boolean {
  if (!(c.col in row)) throw new NsError(400, "INVALID_PARAMETER", `Invalid search query: unknown field ${c.col}.`, "q");
  const v = row[c.col] ?? null;
  if (c.op === "null") return v === null;
  if (c.op === "notnull") return v !== null;
  if (c.op === "in") return c.values.some((x) => compare(v, x) === 0);
  const d = compare(v, c.values[0]!);
  if (Number.isNaN(d)) return false;
  return { "=": d === 0, "<>": d !== 0, "<": d < 0, "<=": d <= 0, ">": d > 0, ">=": d >= 0 }[c.op];
}

export function runSuiteQl(s: NsState, q: string, limit: number, offset: number, selfUrl: URL) {
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new NsError(400, "INVALID_PARAMETER", "The limit query parameter must be between 1 and 1000.", "limit");
  if (!Number.isInteger(offset) || offset < 0 || offset % limit !== 0) throw new NsError(400, "INVALID_PARAMETER", "The offset query parameter must be a non-negative multiple of limit.", "offset");
  const query = parseSuiteQl(q);
  let rows = tableRows(s, query.table, query.where).filter((r) => query.where.every((c) => matches(r, c)));
  for (const o of query.orderBy) if (rows[0] && !(o.col in rows[0])) throw new NsError(400, "INVALID_PARAMETER", `Invalid search query: unknown field ${o.col}.`, "q");
  rows = rows.sort((a, b) => {
    for (const o of query.orderBy) {
      const d = compare(a[o.col] ?? null, (b[o.col] ?? "") as Value) || 0;
      if (d !== 0) return o.desc ? -d : d;
    }
    return 0;
  });
  if (query.columns !== "*") {
    const cols = query.columns;
    if (rows[0]) for (const c of cols) if (!(c in rows[0])) throw new NsError(400, "INVALID_PARAMETER", `Invalid search query: unknown field ${c}.`, "q");
    rows = rows.map((r) => Object.fromEntries(cols.map((c) => [c, r[c] ?? null])));
  }
  const page = rows.slice(offset, offset + limit);
  const hasMore = offset + limit < rows.length;
  const link = (rel: string, off: number) => {
    const u = new URL(selfUrl);
    u.searchParams.set("limit", String(limit));
    u.searchParams.set("offset", String(off));
    return { rel, href: u.toString() };
  };
  const links = [
    ...(offset > 0 ? [link("previous", Math.max(0, offset - limit)), link("first", 0)] : []),
    ...(hasMore ? [link("next", offset + limit), link("last", Math.floor((rows.length - 1) / limit) * limit)] : []),
    link("self", offset),
  ];
  // NetSuite omits null columns from a row; so does the simulator.
  const items = page.map((r) => ({ links: [], ...Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null)) }));
  return { links, count: items.length, hasMore, items, offset, totalResults: rows.length };
}

