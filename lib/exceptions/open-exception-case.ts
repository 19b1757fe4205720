// Opens a case in the exception work queue with its SLA, and puts it on the timeline (WorkflowEvent
// exception.opened). One open case per subject: asking again for the same code and subject returns the case
// already open instead of a second one.
import type { Prisma } from "../db/generated/client.ts";
import type { ExceptionCode, Priority } from "../db/generated/enums.ts";

type Tx = Pick<Prisma.TransactionClient, "exceptionCase" | "workflowEvent">;

export type OpenCaseInput = {
  code: ExceptionCode;
  entityId: string;
  priority?: Priority;
  /** When the case is due; default: `slaHours` from now. */
  slaDueAt?: Date;
  slaHours?: number;
  receiptId?: string | null;
  bankAccountId?: string | null;
  subjectType?: string;
  subjectId?: string;
  amountMinor?: bigint | null;
  currency?: string | null;
  reasons: string[];
  suggestion?: Record<string, unknown>;
  correlationId?: string | null;
  /** The raw document (bank file) whose processing opened the case. */
  documentId?: string | null;
};

export async function openExceptionCase(tx: Tx, input: OpenCaseInput, now = new Date()) {
  const subject = input.subjectType && input.subjectId ? { subjectType: input.subjectType, subjectId: input.subjectId } : input.receiptId ? { receiptId: input.receiptId } : null;
  const open = subject && (await tx.exceptionCase.findFirst({ where: { code: input.code, ...subject, status: { notIn: ["RESOLVED", "CANCELLED"] } } }));
  if (open) return { caseId: open.id, created: false };
  const created = await tx.exceptionCase.create({
    data: {
      code: input.code, priority: input.priority ?? "NORMAL", entityId: input.entityId, receiptId: input.receiptId ?? null,
      bankAccountId: input.bankAccountId ?? null, subjectType: input.subjectType ?? null, subjectId: input.subjectId ?? null,
      amountMinor: input.amountMinor ?? null, currency: input.currency ?? null,
      slaDueAt: input.slaDueAt ?? new Date(now.getTime() + (input.slaHours ?? 48) * 3_600_000),
      reasons: input.reasons, suggestion: (input.suggestion ?? {}) as Prisma.InputJsonValue, documentId: input.documentId ?? null,
    },
  });
  await tx.workflowEvent.create({
    data: {
      type: "exception.opened", receiptId: input.receiptId ?? null, entityId: input.entityId, sourceSystem: "cashline",
      sourceId: created.id, correlationId: input.correlationId ?? null, exceptionCode: input.code,
      businessKeys: { caseId: created.id, ...(input.subjectId ? { [input.subjectType ?? "subject"]: input.subjectId } : {}) },
      payload: { reasons: input.reasons, priority: created.priority }, occurredAt: now, recordedAt: now,
    },
  });
  return { caseId: created.id, created: true };
}
