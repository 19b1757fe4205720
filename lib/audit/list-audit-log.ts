// Audit log search: by actor, action prefix, target, date range (UTC days, inclusive) or free text, newest first.
// The total is counted up to COUNT_CAP rows only: an exact count of millions of rows costs more than the page
// itself, and "10,000+" is all a person needs to know to narrow the search.
import { z } from "zod";
import { db, Prisma } from "../db/client.ts";
import { pageQuery } from "../http/pagination.ts";
import { findAuditValues } from "./find-audit-values.ts";

export const COUNT_CAP = 10_000;

export const listAuditQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional().describe("matches actor, action or target id"),
  actor: z.string().trim().max(200).optional().describe("actor e-mail or label (substring) or actor id"),
  action: z.string().trim().max(100).optional().describe("action prefix, e.g. auth. or exception."),
  targetType: z.string().trim().max(64).optional().describe("e.g. Receipt, ExceptionCase, CloseSignOff"),
  targetId: z.string().trim().max(100).optional(),
  from: z.iso.date().optional().describe("on or after this UTC day (YYYY-MM-DD)"),
  to: z.iso.date().optional().describe("on or before this UTC day (YYYY-MM-DD)"),
});
export const auditRowSchema = z.object({
  id: z.string(),
  at: z.string(),
  actorType: z.string(),
  actor: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.unknown(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});
export const listAuditResponse = z.object({
  total: z.number().int(),
  totalCapped: z.boolean().describe(`true when more than ${COUNT_CAP} entries match: total is then ${COUNT_CAP}`),
  items: z.array(auditRowSchema),
});

// Substring matches (case-insensitive) on the actor label or the action, as the index lookups of the distinct values
// that contain the text; matched row by row when a column has too many distinct values for that.
async function labelContains(text: string): Promise<Prisma.AuditLogWhereInput> {
  const labels = await findAuditValues("actorLabel", text);
  return labels ? { actorLabel: { in: labels } } : { actorLabel: { contains: text, mode: "insensitive" } };
}

async function actionContains(text: string): Promise<Prisma.AuditLogWhereInput> {
  const actions = await findAuditValues("action", text);
  return actions ? { action: { in: actions } } : { action: { contains: text, mode: "insensitive" } };
}

export async function listAuditLog(q: z.infer<typeof listAuditQuery>) {
  const and: Prisma.AuditLogWhereInput[] = [];
  if (q.action) and.push({ action: { startsWith: q.action } });
  if (q.actor) and.push({ OR: [await labelContains(q.actor), { actorId: q.actor }] });
  if (q.targetType) and.push({ targetType: q.targetType });
  if (q.targetId) and.push({ targetId: q.targetId });
  if (q.from || q.to) {
    and.push({ at: { gte: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined, lt: q.to ? new Date(new Date(`${q.to}T00:00:00Z`).getTime() + 86_400_000) : undefined } });
  }
  if (q.q) {
    const [actors, actions] = await Promise.all([labelContains(q.q), actionContains(q.q)]);
    and.push({ OR: [actors, actions, { targetId: q.q }] });
  }
  const where: Prisma.AuditLogWhereInput = and.length ? { AND: and } : {};
  const [counted, rows] = await Promise.all([
    db.auditLog.count({ where, take: COUNT_CAP + 1 }),
    db.auditLog.findMany({ where, orderBy: { id: "desc" }, take: q.limit, skip: q.offset }),
  ]);
  return {
    total: Math.min(counted, COUNT_CAP),
    totalCapped: counted > COUNT_CAP,
    items: rows.map((r) => ({
      id: r.id.toString(),
      at: r.at.toISOString(),
      actorType: r.actorType,
      actor: r.actorLabel,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      details: r.details,
      ip: r.ip,
      requestId: r.requestId,
    })),
  };
}
