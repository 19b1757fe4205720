// The OData v4 conventions Business Central's API pages follow, as far as Cashline's adapter uses them:
// `$filter` (comparisons joined by `and`), `$top`, `$skip`, server-driven paging with `@odata.nextLink`
// (`Prefer: odata.maxpagesize`), weak ETags in `@odata.etag`, and BC's error body
// `{"error":{"code","message"}}` whose message ends with the request's CorrelationId.
import type { z } from "zod";
import { randomUUID } from "node:crypto";

export class BcError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

export function errorBody(code: string, message: string, correlationId = randomUUID()) {
  return { error: { code, message: `${message}  CorrelationId:  ${correlationId}.` } };
}

export const notFound = () => new BcError(404, "BadRequest_NotFound", "The specified resource does not exist.");
export const dialog = (message: string) => new BcError(400, "Application_DialogException", message);
/** A TestField failure in posting code ("Amount must be negative in Gen. Journal Line: …"). */
export const fieldValidation = (message: string) => new BcError(400, "Application_FieldValidationException", message);

/** A weak ETag over an entity's id and version (BC's are opaque W/"JzQ0O…" strings; clients must only echo them). */
export function etagOf(id: string, version: number): string {
  return `W/"${Buffer.from(`'${id};${version}'`).toString("base64")}"`;
}

/** PATCH/DELETE need If-Match: missing → 400 BadRequest_InvalidToken, stale → Request_EntityChanged (BC's error-code list
 *  names the code, not the status; 412 Precondition Failed as HTTP conditional requests have it). */
export function checkIfMatch(header: string | undefined, current: string): void {
  if (!header) throw new BcError(400, "BadRequest_InvalidToken", "Could not validate the client concurrency token required by the service. Please provide a valid token in the client request.");
  if (header !== "*" && header !== current) {
    throw new BcError(412, "Request_EntityChanged", "Another user has already changed the record.");
  }
}

type Clause = { field: string; op: "eq" | "ne" | "gt" | "ge" | "lt" | "le"; value: string };

/** `number eq '10000' and lastModifiedDateTime gt 2026-01-01T00:00:00Z` → clauses; anything else is 400. */
export function parseFilter(filter: string | null): Clause[] {
  if (!filter || !filter.trim()) return [];
  return splitAnd(filter).map((part) => {
    const m = /^\s*(\w+)\s+(eq|ne|gt|ge|lt|le)\s+('(?:[^']|'')*'|[\w:.+-]+)\s*$/i.exec(part);
    if (!m) throw new BcError(400, "BadRequest_NotFound", `Bad Request - Error in query syntax: filter expression '${part.trim()}': only <property> eq|ne|gt|ge|lt|le <literal> joined by 'and' are supported.`);
    const raw = m[3]!;
    const value = raw.startsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : raw;
    return { field: m[1]!, op: m[2]!.toLowerCase() as Clause["op"], value };
  });
}

/** Splits on ` and ` outside quoted literals ('A and B' is one value; '' is an escaped quote). */
function splitAnd(filter: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < filter.length; i++) {
    if (filter[i] === "'") quoted = !quoted;
    else if (!quoted) {
      const m = /^\s+and\s+/i.exec(filter.slice(i));
      if (m && /\s/.test(filter[i]!)) { parts.push(filter.slice(start, i)); i += m[0].length - 1; start = i + 1; }
    }
  }
  parts.push(filter.slice(start));
  return parts;
}

function compare(a: string, b: string): number {
  const isTime = (s: string) => /^\d{4}-\d{2}-\d{2}T/.test(s);
  if (isTime(a) && isTime(b)) return Date.parse(a) - Date.parse(b);
  if (/^-?\d+(\.\d+)?$/.test(a) && /^-?\d+(\.\d+)?$/.test(b)) return Number(a) - Number(b); // ids and line numbers, never money
  return a < b ? -1 : a > b ? 1 : 0;
}

export function matches(row: Record<string, unknown>, clauses: Clause[]): boolean {
  return clauses.every((c) => {
    if (!(c.field in row)) throw new BcError(400, "BadRequest_NotFound", `Could not find a property named '${c.field}' on type 'Microsoft.NAV.entity'.`);
    const v = row[c.field];
    const text = v === null || v === undefined ? "" : String(v);
    const d = compare(text, c.value);
    return { eq: d === 0, ne: d !== 0, gt: d > 0, ge: d >= 0, lt: d < 0, le: d <= 0 }[c.op];
  });
}

/** A page of a collection, with `@odata.nextLink` (a `$skiptoken`) when the server-driven page size cut it short. */
export function page<T>(rows: T[], url: URL, prefer: string | undefined, maxPageSize: number, origin: string) {
  const top = url.searchParams.has("$top") ? Math.max(0, Number(url.searchParams.get("$top")) || 0) : Infinity;
  const skip = Math.max(0, Number(url.searchParams.get("$skip")) || 0);
  const token = Math.max(0, Number(url.searchParams.get("$skiptoken")) || 0);
  const wanted = /odata\.maxpagesize=(\d+)/.exec(prefer ?? "");
  const size = Math.min(maxPageSize, wanted ? Math.max(1, Number(wanted[1])) : maxPageSize);
  const window = rows.slice(skip).slice(0, top === Infinity ? undefined : top);
  const value = window.slice(token, token + size);
  const body: Record<string, unknown> = { "@odata.context": `${origin}${url.pathname.replace(/\/companies\(.*$/, "")}/$metadata`, value };
  if (token + size < window.length) {
    const next = new URL(url.toString());
    next.searchParams.set("$skiptoken", String(token + size));
    body["@odata.nextLink"] = `${origin}${next.pathname}${next.search}`;
  }
  return body;
}

/** A request body through its zod schema; the first problem is BC's 400 BadRequest naming the property. */
export function bodyOf<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new BcError(400, "BadRequest", `Invalid value for property '${i.path.join(".") || "body"}': ${i.message}.`);
  }
  return parsed.data;
}
