// The exception work queue's query: filters, search and sort, as one zod schema shared by the API, the server
// page and the browser (no database import here, so client components can use it).
import { z } from "zod";

export const EXCEPTION_CODES = [
  "UNIDENTIFIED", "AMBIGUOUS", "SHORT_PAY", "OVERPAYMENT", "DUPLICATE", "ALREADY_PAID", "CURRENCY_MISMATCH",
  "CHARGEBACK", "RETURNED", "POSTING_FAILED", "CUSTOMER_MAPPING", "STATEMENT_GAP", "BALANCE_MISMATCH", "WRITE_OFF_APPROVAL", "STALLED", "ERP_DRIFT",
] as const;
export const CASE_STATUSES = ["OPEN", "IN_PROGRESS", "ESCALATED", "PENDING_APPROVAL", "RESOLVED", "CANCELLED"] as const;
export const ACTIVE_STATUSES = ["OPEN", "IN_PROGRESS", "ESCALATED", "PENDING_APPROVAL"] as const;
export const QUEUE_SORTS = ["sla", "age", "amount", "code", "status", "priority", "entity", "payer", "assignee"] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/** Comma-separated list in a query string ("SHORT_PAY,OVERPAYMENT") → validated array. */
const csvOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.string().max(500).transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean)).pipe(z.array(z.enum(values)).max(values.length));

const decimalFilter = z.string().trim().regex(/^\d+(\.\d+)?$/, "a decimal amount like 100 or 99.50");

export const listExceptionsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0).describe("paging is for the work queue; narrow a history search with filters"),
  code: csvOf(EXCEPTION_CODES).optional().describe("one or more codes, comma-separated"),
  status: z.union([z.literal("ACTIVE"), z.literal("ALL"), csvOf(CASE_STATUSES)]).default("ACTIVE")
    .describe("ACTIVE (default) = every status but RESOLVED and CANCELLED; ALL; or a comma-separated list"),
  entity: z.string().max(20).optional().describe("legal entity code, e.g. US01"),
  currency: z.string().length(3).toUpperCase().optional(),
  minAmount: decimalFilter.optional().describe("in the case's currency"),
  maxAmount: decimalFilter.optional(),
  ageMinHours: z.coerce.number().int().min(0).max(100_000).optional().describe("case opened at least this many hours ago"),
  ageMaxHours: z.coerce.number().int().min(0).max(100_000).optional(),
  sla: z.enum(["overdue", "due24h"]).optional().describe("overdue = past its SLA; due24h = due within a day"),
  assignee: z.string().max(64).optional().describe('"me", "unassigned" or a user id'),
  q: z.string().trim().max(100).optional().describe("payer name, bank reference, remittance, case/receipt id or amount"),
  sort: z.enum(QUEUE_SORTS).default("sla"),
  dir: z.enum(["asc", "desc"]).default("asc"),
});
export type ListExceptionsQuery = z.infer<typeof listExceptionsQuery>;

/** The filters a saved view remembers (paging is not part of a view). */
export const queueFiltersSchema = listExceptionsQuery.omit({ limit: true, offset: true });

/** Query-string form of a query, leaving out defaults so URLs stay short. */
export function queueQueryToParams(q: Partial<Record<keyof ListExceptionsQuery, unknown>>): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === "") continue;
    if (k === "status" && v === "ACTIVE") continue;
    if (k === "sort" && v === "sla") continue;
    if (k === "dir" && v === "asc") continue;
    if (k === "limit" && v === 50) continue;
    if (k === "offset" && v === 0) continue;
    p.set(k, Array.isArray(v) ? v.join(",") : String(v));
  }
  return p;
}
