// Every human action (and every posting) lands here. Callers inside a transaction pass their client so the
// audit row commits or rolls back with the action it describes.
import { db, Prisma } from "../db/client.ts";

export type AuditInput = {
  actorType: "user" | "api_key" | "system" | "anonymous";
  actorId?: string | null;
  actorLabel?: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
  ip?: string | null;
  requestId?: string | null;
};

type AuditClient = { auditLog: { create: (args: { data: Prisma.AuditLogCreateInput }) => Promise<unknown> } };

export async function writeAudit(input: AuditInput, client: AuditClient = db): Promise<void> {
  await client.auditLog.create({
    data: {
      actorType: input.actorType,
      actorId: input.actorId ?? null,
      actorLabel: input.actorLabel ?? null,
      action: input.action,
      targetType: input.targetType,
      targetId: input.targetId,
      details: (input.details ?? {}) as Prisma.InputJsonValue,
      ip: input.ip ?? null,
      requestId: input.requestId ?? null,
    },
  });
}
