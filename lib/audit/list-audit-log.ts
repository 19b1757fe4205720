// Audit log search: by actor, action prefix or target, newest first.
import { z } from "zod";
import { db, Prisma } from "../db/client.ts";
import { pageQuery } from "../http/pagination.ts";

export const listAuditQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional().describe("matches actor, action or target id"),
  action: z.string().max(100).optional().describe("action prefix, e.g. auth. or exception."),
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
});
export const listAuditResponse = z.object({ total: z.number().int(), items: z.array(auditRowSchema) });

export async function listAuditLog(q: z.infer<typeof listAuditQuery>) {
  const where: Prisma.AuditLogWhereInput = {
    action: q.action ? { startsWith: q.action } : undefined,
    OR: q.q
      ? [
          { actorLabel: { contains: q.q, mode: "insensitive" } },
          { action: { contains: q.q, mode: "insensitive" } },
          { targetId: q.q },
        ]
      : undefined,
  };
  const [total, rows] = await Promise.all([
    db.auditLog.count({ where }),
    db.auditLog.findMany({ where, orderBy: { id: "desc" }, take: q.limit, skip: q.offset }),
  ]);
  return {
    total,
    items: rows.map((r) => ({
      id: r.id.toString(),
      at: r.at.toISOString(),
      actorType: r.actorType,
      actor: r.actorLabel,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      details: r.details,
    })),
  };
}
