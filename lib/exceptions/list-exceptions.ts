// The exception work queue: filter, search, sort and page the cases, with the receipt's payer and the SLA clock.
// Plain SQL so the plan stays predictable on millions of cases: the ACTIVE filter repeats the predicate of the
// partial indexes (migration exception_workspace) word for word so PostgreSQL can use them.
import { z } from "zod";
import { db, Prisma } from "../db/client.ts";
import { problem } from "../http/problem.ts";
import { fromMinor } from "../money/money.ts";
import { EXPONENT_GROUPS, scaleDecimal } from "./amount-bounds.ts";
import { ACTIVE_STATUSES, CASE_STATUSES, EXCEPTION_CODES, type ListExceptionsQuery } from "./queue-query.ts";

export { EXCEPTION_CODES, CASE_STATUSES, listExceptionsQuery } from "./queue-query.ts";

export const exceptionRowSchema = z.object({
  id: z.string(),
  code: z.enum(EXCEPTION_CODES),
  status: z.enum(CASE_STATUSES),
  priority: z.string(),
  entity: z.string(),
  amount: z.string().nullable(),
  currency: z.string().nullable(),
  payerName: z.string().nullable(),
  bankReference: z.string().nullable(),
  receiptId: z.string().nullable(),
  receiptState: z.string().nullable(),
  assigneeId: z.string().nullable(),
  assignee: z.string().nullable(),
  slaDueAt: z.string(),
  overdue: z.boolean(),
  createdAt: z.string(),
  reasons: z.array(z.string()),
});
export type ExceptionRow = z.infer<typeof exceptionRowSchema>;
/** Counting stops here: an open queue is far below it, a history search over millions says "100,000+". */
export const COUNT_CAP = 100_000;

export const listExceptionsResponse = z.object({
  total: z.number().int().describe(`matching cases, counted up to ${COUNT_CAP}`), capped: z.boolean().describe("true when there are more than total"),
  overdue: z.number().int().describe("of the matching (counted) cases, how many are past their SLA"),
  asOf: z.string(), items: z.array(exceptionRowSchema),
});
export type ListExceptionsResponse = z.infer<typeof listExceptionsResponse>;

const ACTIVE = Prisma.sql`c.status not in ('RESOLVED', 'CANCELLED')`;
const HOUR = 3_600_000;

function amountCondition(value: string, op: ">=" | "<=" | "="): Prisma.Sql | null {
  const parts = EXPONENT_GROUPS.flatMap(({ exponent, currencies }) => {
    const minor = scaleDecimal(value, exponent, op === ">=" ? "ceil" : op === "<=" ? "floor" : "exact");
    if (minor === null) return [];
    return [Prisma.sql`(c.currency = any(${currencies}::text[]) and c."amountMinor" ${Prisma.raw(op)} ${minor})`];
  });
  return parts.length ? Prisma.sql`(${Prisma.join(parts, " or ")})` : null;
}

function whereOf(q: ListExceptionsQuery, viewerId: string | null, now: Date): Prisma.Sql {
  const w: Prisma.Sql[] = [];
  if (q.status === "ACTIVE") w.push(ACTIVE);
  else if (q.status !== "ALL") {
    w.push(Prisma.sql`c.status::text = any(${q.status}::text[])`);
    if (q.status.every((s) => (ACTIVE_STATUSES as readonly string[]).includes(s))) w.push(ACTIVE);
  }
  if (q.code?.length) w.push(Prisma.sql`c.code::text = any(${q.code}::text[])`);
  if (q.entity) w.push(Prisma.sql`c."entityId" = (select id from "LegalEntity" where code = ${q.entity})`);
  if (q.currency) w.push(Prisma.sql`c.currency = ${q.currency}`);
  for (const [value, op] of [[q.minAmount, ">="], [q.maxAmount, "<="]] as const) {
    const cond = value ? amountCondition(value, op) : null;
    if (value) w.push(cond ?? Prisma.sql`false`);
  }
  if (q.ageMinHours !== undefined) w.push(Prisma.sql`c."createdAt" <= ${new Date(now.getTime() - q.ageMinHours * HOUR)}`);
  if (q.ageMaxHours !== undefined) w.push(Prisma.sql`c."createdAt" >= ${new Date(now.getTime() - q.ageMaxHours * HOUR)}`);
  if (q.sla === "overdue") w.push(Prisma.sql`c."slaDueAt" < ${now}`);
  if (q.sla === "due24h") w.push(Prisma.sql`c."slaDueAt" >= ${now} and c."slaDueAt" < ${new Date(now.getTime() + 24 * HOUR)}`);
  if (q.assignee === "unassigned") w.push(Prisma.sql`c."assigneeId" is null`);
  else if (q.assignee === "me") w.push(Prisma.sql`c."assigneeId" = ${viewerId ?? "-"}`);
  else if (q.assignee) w.push(Prisma.sql`c."assigneeId" = ${q.assignee}`);
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, "\\$&")}%`;
    const or = [
      Prisma.sql`r."payerName" ilike ${like}`, Prisma.sql`r."bankReference" ilike ${like}`, Prisma.sql`r.remittance ilike ${like}`,
      Prisma.sql`c.id = ${q.q}`, Prisma.sql`c."receiptId" = ${q.q}`,
    ];
    const amount = /^\d+(\.\d+)?$/.test(q.q.replaceAll(",", "")) ? amountCondition(q.q.replaceAll(",", ""), "=") : null;
    if (amount) or.push(amount);
    w.push(Prisma.sql`(${Prisma.join(or, " or ")})`);
  }
  return w.length ? Prisma.sql`where ${Prisma.join(w, " and ")}` : Prisma.empty;
}

const SORT: Record<ListExceptionsQuery["sort"], { sql: string; invert?: boolean }> = {
  sla: { sql: `c."slaDueAt"` },
  age: { sql: `c."createdAt"`, invert: true },
  amount: { sql: `c."amountMinor"` },
  code: { sql: `c.code::text` },
  status: { sql: `c.status` },
  priority: { sql: `c.priority` },
  entity: { sql: `e.code` },
  payer: { sql: `r."payerName"` },
  assignee: { sql: `u.name` },
};

type Row = {
  id: string; code: ExceptionRow["code"]; status: ExceptionRow["status"]; priority: string; entity: string | null;
  amountMinor: bigint | null; currency: string | null; payerName: string | null; bankReference: string | null;
  receiptId: string | null; receiptState: string | null; assigneeId: string | null; assignee: string | null;
  slaDueAt: Date; createdAt: Date; reasons: string[];
};

/**
 * An amount range compares amounts, so it needs one currency: EUR 100 and USD 100 are not the same amount. Refused
 * with a message rather than silently comparing EUR, GBP and USD as plain numbers.
 */
export function checkAmountRange(q: Pick<ListExceptionsQuery, "minAmount" | "maxAmount" | "currency">): void {
  if ((q.minAmount || q.maxAmount) && !q.currency) {
    throw problem(422, "an amount range needs a currency: amounts in different currencies cannot be compared", {
      errors: [{ path: "query.currency", message: "choose the currency of the min/max amount" }],
    });
  }
  if (q.minAmount && q.maxAmount && Number(q.minAmount) > Number(q.maxAmount)) {
    throw problem(422, `the minimum amount ${q.minAmount} is above the maximum ${q.maxAmount}`, { errors: [{ path: "query.minAmount", message: "must not exceed maxAmount" }] });
  }
}

export async function listExceptions(q: ListExceptionsQuery, opts: { viewerId?: string | null; now?: Date } = {}): Promise<ListExceptionsResponse> {
  checkAmountRange(q);
  const now = opts.now ?? new Date();
  const where = whereOf(q, opts.viewerId ?? null, now);
  const from = Prisma.sql`from "ExceptionCase" c
    left join "LegalEntity" e on e.id = c."entityId"
    left join "Receipt" r on r.id = c."receiptId"
    left join "User" u on u.id = c."assigneeId"`;
  const sort = SORT[q.sort];
  const dir = (q.dir === "desc") !== !!sort.invert ? "desc" : "asc";
  const order = Prisma.raw(`order by ${sort.sql} ${dir} nulls last, c.id ${dir}`);
  const [counts, rows] = await Promise.all([
    db.$queryRaw<{ total: number; overdue: number }[]>`
      select count(*)::int as total, (count(*) filter (where x."slaDueAt" < ${now} and x.status not in ('RESOLVED', 'CANCELLED')))::int as overdue
      from (select c."slaDueAt", c.status ${from} ${where} limit ${COUNT_CAP + 1}) x`,
    db.$queryRaw<Row[]>`
      select c.id, c.code::text as code, c.status::text as status, c.priority::text as priority, e.code as entity, c."amountMinor", c.currency,
             r."payerName", r."bankReference", c."receiptId", r.state::text as "receiptState", c."assigneeId", u.name as assignee,
             c."slaDueAt", c."createdAt", c.reasons
      ${from} ${where} ${order} limit ${q.limit} offset ${q.offset}`,
  ]);
  const counted = counts[0]?.total ?? 0;
  return {
    total: Math.min(counted, COUNT_CAP),
    capped: counted > COUNT_CAP,
    overdue: counts[0]?.overdue ?? 0,
    asOf: now.toISOString(),
    items: rows.map((c) => ({
      id: c.id, code: c.code, status: c.status, priority: c.priority, entity: c.entity ?? "",
      amount: c.amountMinor !== null && c.currency ? fromMinor(c.amountMinor, c.currency) : null, currency: c.currency,
      payerName: c.payerName, bankReference: c.bankReference, receiptId: c.receiptId, receiptState: c.receiptState,
      assigneeId: c.assigneeId, assignee: c.assignee,
      slaDueAt: c.slaDueAt.toISOString(), overdue: c.slaDueAt < now && !["RESOLVED", "CANCELLED"].includes(c.status),
      createdAt: c.createdAt.toISOString(), reasons: c.reasons,
    })),
  };
}
