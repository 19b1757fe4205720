// SuiteQL through REST web services: POST /services/rest/query/v1/suiteql?limit&offset, `Prefer: transient`,
// {"q": "SELECT …"}. Reads that must not miss a change page by keyset on lastmodifieddate (offset paging over a
// set that changes while we read skips rows): the cursor is the last timestamp read and the ids read at it.
import { z } from "zod";
import { ErpPermanentError } from "../errors.ts";
import { nsSend, type NsTransport } from "./transport.ts";

export const SUITEQL_PATH = "/services/rest/query/v1/suiteql";
export type Row = Record<string, unknown>;
const page = z.object({ items: z.array(z.record(z.string(), z.unknown())), hasMore: z.boolean(), totalResults: z.number().optional() });

/** A SQL string literal ('' for a quote). */
export const lit = (v: string) => `'${v.replace(/'/g, "''")}'`;
/** An ISO instant as a SuiteQL timestamp (milliseconds kept). */
export const ts = (iso: string) => `TO_TIMESTAMP(${lit(new Date(iso).toISOString().replace("T", " ").replace("Z", ""))}, 'YYYY-MM-DD HH24:MI:SS.FF3')`;

export async function suiteql(t: NsTransport, q: string, limit = 1000, offset = 0) {
  const res = await nsSend(t, { method: "POST", path: SUITEQL_PATH, query: { limit: String(limit), offset: String(offset) }, body: { q }, headers: { prefer: "transient" } });
  const parsed = page.safeParse(res.body);
  if (!parsed.success) throw new ErpPermanentError("bad_response", `SuiteQL: unexpected NetSuite response (${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message})`);
  return parsed.data;
}

/** Every row of a query, page after page. */
export async function suiteqlAll(t: NsTransport, q: string, limit = 1000): Promise<Row[]> {
  const rows: Row[] = [];
  for (let offset = 0; ; offset += limit) {
    const p = await suiteql(t, q, limit, offset);
    rows.push(...p.items);
    if (!p.hasMore) return rows;
  }
}

type Cursor = { after: string; seen: string[] };

/** One page of rows changed since `modifiedSince` (or all), oldest change first; cursor null when done. */
export async function changedSince(t: NsTransport, select: string, filters: string[], modifiedSince: string | null, cursor: string | null | undefined, pageSize: number): Promise<{ rows: Row[]; cursor: string | null }> {
  let c: Cursor | null = null;
  if (cursor) {
    try { c = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Cursor; } catch { throw new ErpPermanentError("invalid_posting", "NetSuite read: the cursor is not one this adapter gave out"); }
  }
  const since = c?.after ?? modifiedSince;
  const where = [...filters, ...(since ? [`lastmodifieddate >= ${ts(since)}`] : [])];
  const q = `${select} WHERE ${where.join(" AND ")} ORDER BY lastmodifieddate, id`;
  const seen = new Set(c?.seen ?? []);
  const p = await suiteql(t, q, Math.min(1000, pageSize + seen.size), 0);
  const unseen = p.items.filter((r) => !seen.has(String(r.id)));
  const rows = unseen.slice(0, pageSize);
  const more = p.hasMore || unseen.length > rows.length;
  if (!more || rows.length === 0) return { rows, cursor: null };
  const last = String(rows.at(-1)!.lastmodifieddate);
  const atLast = rows.filter((r) => String(r.lastmodifieddate) === last).map((r) => String(r.id));
  const nextSeen = last === c?.after ? [...seen, ...atLast] : atLast;
  return { rows, cursor: Buffer.from(JSON.stringify({ after: last, seen: nextSeen } satisfies Cursor)).toString("base64url") };
}
