// The exception work queue: open cases first by SLA, with the receipt's payer and amount.
import { z } from "zod";
import { db, Prisma } from "../db/client.ts";
import { fromMinor } from "../money/money.ts";
import { pageQuery } from "../http/pagination.ts";

export const EXCEPTION_CODES = [
  "UNIDENTIFIED", "AMBIGUOUS", "SHORT_PAY", "OVERPAYMENT", "DUPLICATE", "ALREADY_PAID", "CURRENCY_MISMATCH",
  "CHARGEBACK", "RETURNED", "POSTING_FAILED", "CUSTOMER_MAPPING", "STATEMENT_GAP", "BALANCE_MISMATCH", "WRITE_OFF_APPROVAL",
] as const;
export const CASE_STATUSES = ["OPEN", "IN_PROGRESS", "ESCALATED", "PENDING_APPROVAL", "RESOLVED", "CANCELLED"] as const;

export const listExceptionsQuery = pageQuery.extend({
  code: z.enum(EXCEPTION_CODES).optional(),
  status: z.enum([...CASE_STATUSES, "ACTIVE"]).default("ACTIVE").describe("ACTIVE = every status but RESOLVED and CANCELLED"),
  entity: z.string().max(20).optional(),
  assignee: z.string().max(64).optional(),
});

export const exceptionRowSchema = z.object({
  id: z.string(),
  code: z.enum(EXCEPTION_CODES),
  status: z.enum(CASE_STATUSES),
  priority: z.string(),
  entity: z.string(),
  amount: z.string().nullable(),
  currency: z.string().nullable(),
  payerName: z.string().nullable(),
  receiptId: z.string().nullable(),
  assignee: z.string().nullable(),
  slaDueAt: z.string(),
  overdue: z.boolean(),
  createdAt: z.string(),
  reasons: z.array(z.string()),
});
export const listExceptionsResponse = z.object({ total: z.number().int(), items: z.array(exceptionRowSchema) });

export async function listExceptions(q: z.infer<typeof listExceptionsQuery>, now = new Date()) {
  const entity = q.entity ? await db.legalEntity.findUnique({ where: { code: q.entity } }) : null;
  const where: Prisma.ExceptionCaseWhereInput = {
    code: q.code,
    status: q.status === "ACTIVE" ? { notIn: ["RESOLVED", "CANCELLED"] } : q.status,
    entityId: q.entity ? (entity?.id ?? "none") : undefined,
    assigneeId: q.assignee,
  };
  const [total, rows, entities] = await Promise.all([
    db.exceptionCase.count({ where }),
    db.exceptionCase.findMany({
      where,
      orderBy: [{ slaDueAt: "asc" }, { id: "asc" }],
      take: q.limit,
      skip: q.offset,
      include: { receipt: { select: { payerName: true } }, assignee: { select: { name: true } } },
    }),
    db.legalEntity.findMany({ select: { id: true, code: true } }),
  ]);
  const codeOf = new Map(entities.map((e) => [e.id, e.code]));
  return {
    total,
    items: rows.map((c) => ({
      id: c.id,
      code: c.code,
      status: c.status,
      priority: c.priority,
      entity: codeOf.get(c.entityId) ?? c.entityId,
      amount: c.amountMinor !== null && c.currency ? fromMinor(c.amountMinor, c.currency) : null,
      currency: c.currency,
      payerName: c.receipt?.payerName ?? null,
      receiptId: c.receiptId,
      assignee: c.assignee?.name ?? null,
      slaDueAt: c.slaDueAt.toISOString(),
      overdue: c.slaDueAt < now && !["RESOLVED", "CANCELLED"].includes(c.status),
      createdAt: c.createdAt.toISOString(),
      reasons: c.reasons,
    })),
  };
}
