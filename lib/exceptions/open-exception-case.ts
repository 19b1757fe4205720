// Opens a case in the exception work queue with its SLA, and puts it on the timeline (WorkflowEvent
// exception.opened). One open case per subject: asking again for the same code and subject returns the case
// already open instead of a second one. A receipt has at most one active case whatever its code (the database's
// partial unique index "ExceptionCase_one_active_per_receipt"): a new finding on a receipt that already has one
// re-classifies that case (code, reasons, suggestion) instead of opening a second one two analysts could work.
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
  const active = input.receiptId ? await tx.exceptionCase.findFirst({ where: { receiptId: input.receiptId, status: { notIn: ["RESOLVED", "CANCELLED"] } } }) : null;
  if (active && active.code === input.code) {
    // The same finding again (a retried posting refused anew): the newest answer goes first on the case.
    if (input.reasons.some((r) => !active.reasons.includes(r))) {
      await tx.exceptionCase.update({ where: { id: active.id }, data: { reasons: [...input.reasons, ...active.reasons.filter((r) => !input.reasons.includes(r))].slice(0, 20), version: { increment: 1 } } });
    }
    return { caseId: active.id, created: false };
  }
  if (active) {
    // A side finding about another subject (a bank notice of change) joins the receipt's case as a reason; a new
    // finding about the receipt itself (it failed to post, a re-decision) re-classifies the case.
    const reclassify = active.code !== input.code && !input.subjectType;
    await tx.exceptionCase.update({
      where: { id: active.id },
      data: {
        reasons: [...input.reasons, ...active.reasons.filter((r) => !input.reasons.includes(r))].slice(0, 20), version: { increment: 1 },
        ...(reclassify ? { code: input.code, suggestion: (input.suggestion ?? active.suggestion ?? {}) as Prisma.InputJsonValue } : {}),
        ...(reclassify && input.priority && input.priority !== "NORMAL" ? { priority: input.priority } : {}),
      },
    });
    if (active.code !== input.code) {
      await tx.workflowEvent.create({
        data: {
          type: reclassify ? "exception.reclassified" : "exception.finding_added", receiptId: input.receiptId ?? null, entityId: input.entityId, sourceSystem: "cashline",
          sourceId: `${active.id}:${input.code}:${now.getTime()}`, correlationId: input.correlationId ?? null, exceptionCode: input.code,
          businessKeys: { caseId: active.id }, payload: { from: active.code, to: reclassify ? input.code : active.code, reasons: input.reasons }, occurredAt: now, recordedAt: now,
        },
      });
    }
    return { caseId: active.id, created: false };
  }
  const created = await tx.exceptionCase.create({
    data: {
      code: input.code, priority: input.priority ?? "NORMAL", entityId: input.entityId, receiptId: input.receiptId ?? null,
      bankAccountId: input.bankAccountId ?? null, subjectType: input.subjectType ?? null, subjectId: input.subjectId ?? null,
      amountMinor: input.amountMinor ?? null, currency: input.currency ?? null,
      slaDueAt: input.slaDueAt ?? new Date(now.getTime() + (input.slaHours ?? 48) * 3_600_000),
      reasons: input.reasons, suggestion: (input.suggestion ?? {}) as Prisma.InputJsonValue, documentId: input.documentId ?? null,
      // The case's own clock: the moment its finding was made (the demo seed and the stall watch pass theirs).
      createdAt: now, updatedAt: now,
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
