// Drift: Cashline's open amount of an invoice against the ERP's balance due as last read. A difference opens an
// ERP_DRIFT case on the invoice with both figures and what explains them (the invoice's applications in Cashline,
// the postings of their receipts, the ERP's last update), on the invoice's timeline and on the timelines of the
// receipts applied to it. A difference while one of those receipts still has a posting on its way (PENDING
// journal entry) is not drift yet: the ERP has not been told. A case whose invoice agrees again is resolved by the
// sync itself; a case an analyst accepted is not opened again for the same two figures.
import { db } from "../db/client.ts";
import type { Prisma } from "../db/generated/client.ts";
import { fromMinor } from "../money/money.ts";
import { openExceptionCase } from "../exceptions/open-exception-case.ts";
import { writeAudit } from "../audit/write-audit.ts";

export type DriftResult = { drifting: number; opened: number; updated: number; resolved: number; inFlight: number };
type Row = { id: string; number: string; currency: string; open: bigint; erp: bigint; erpLastUpdatedAt: Date | null; pending: boolean };
const ACTIVE = ["OPEN", "IN_PROGRESS", "ESCALATED", "PENDING_APPROVAL"] as const;

/** What explains an invoice's two figures: Cashline's applications and their postings, and the ERP's last update. */
export async function driftEvidence(tx: Prisma.TransactionClient, invoiceId: string) {
  const apps = await tx.application.findMany({
    where: { invoiceId }, orderBy: { appliedAt: "asc" }, take: 50,
    select: { id: true, receiptId: true, kind: true, amountMinor: true, currency: true, appliedAt: true, reversedAt: true },
  });
  const receiptIds = [...new Set(apps.map((a) => a.receiptId))];
  const entries = receiptIds.length ? await tx.journalEntry.findMany({ where: { receiptId: { in: receiptIds } }, orderBy: { createdAt: "asc" }, select: { id: true, receiptId: true, status: true, erpDocumentId: true, createdAt: true, postedAt: true } }) : [];
  return {
    receiptIds,
    // Not `applications`: the case workspace reads that key as the engine's suggested allocation.
    cashlineApplications: apps.map((a) => ({ id: a.id, receiptId: a.receiptId, kind: a.kind, amount: fromMinor(a.amountMinor, a.currency), appliedAt: a.appliedAt.toISOString(), reversedAt: a.reversedAt?.toISOString() ?? null })),
    postings: entries.map((e) => ({ journalEntryId: e.id, receiptId: e.receiptId, status: e.status, erpDocumentId: e.erpDocumentId, createdAt: e.createdAt.toISOString(), postedAt: e.postedAt?.toISOString() ?? null })),
  };
}

export async function detectErpDrift(entity: { id: string; code: string }, opts: { correlationId?: string; now?: Date } = {}): Promise<DriftResult> {
  const now = opts.now ?? new Date();
  const rows = await db.$queryRaw<Row[]>`
    select i.id, i.number, i.currency, i."openAmountMinor" as open, i."erpOpenAmountMinor" as erp, i."erpLastUpdatedAt",
           exists (select 1 from "Application" a join "JournalEntry" je on je."receiptId" = a."receiptId"
                    where a."invoiceId" = i.id and je.status = 'PENDING') as pending
      from "Invoice" i
     where i."entityId" = ${entity.id} and i."erpOpenAmountMinor" is not null and i.status <> 'VOID' and i."openAmountMinor" <> i."erpOpenAmountMinor"`;
  const result: DriftResult = { drifting: 0, opened: 0, updated: 0, resolved: 0, inFlight: 0 };
  const drifting = new Set<string>();
  for (const r of rows) {
    if (r.pending) { result.inFlight++; continue; }
    drifting.add(r.id);
    result.drifting++;
    const outcome = await db.$transaction((tx) => recordDrift(tx, entity, r, opts.correlationId ?? null, now));
    if (outcome === "opened") result.opened++;
    if (outcome === "updated") result.updated++;
  }
  // Open cases whose invoice agrees again: the re-sync shows agreement.
  const open = await db.exceptionCase.findMany({ where: { entityId: entity.id, code: "ERP_DRIFT", status: { in: [...ACTIVE] } }, select: { id: true, subjectId: true } });
  const pendingIds = new Set(rows.filter((r) => r.pending).map((r) => r.id));
  for (const c of open) {
    if (!c.subjectId || drifting.has(c.subjectId) || pendingIds.has(c.subjectId)) continue;
    await db.$transaction(async (tx) => {
      const inv = await tx.invoice.findUniqueOrThrow({ where: { id: c.subjectId! }, select: { openAmountMinor: true, erpOpenAmountMinor: true, currency: true, number: true } });
      const figure = fromMinor(inv.openAmountMinor, inv.currency);
      const resolution = `Re-sync shows agreement: Cashline and the ERP both have ${figure} ${inv.currency} open on invoice ${inv.number}.`;
      const done = await tx.exceptionCase.updateMany({ where: { id: c.id, status: { in: [...ACTIVE] } }, data: { status: "RESOLVED", resolution, resolvedAt: now, version: { increment: 1 } } });
      if (done.count === 0) return;
      await tx.workflowEvent.create({ data: {
        type: "erp.drift_resolved", invoiceId: c.subjectId, entityId: entity.id, sourceSystem: "cashline", sourceId: `${c.id}:resolved`, correlationId: opts.correlationId ?? null,
        exceptionCode: "ERP_DRIFT", businessKeys: { caseId: c.id, invoiceNumber: inv.number }, payload: { how: "agreement", open: figure, currency: inv.currency }, occurredAt: now, recordedAt: now,
      } });
      await writeAudit({ actorType: "system", action: "erp_drift.resolved", targetType: "ExceptionCase", targetId: c.id, details: { invoiceId: c.subjectId, how: "agreement", open: figure } }, tx);
      result.resolved++;
    });
  }
  return result;
}

async function recordDrift(tx: Prisma.TransactionClient, entity: { id: string; code: string }, r: Row, correlationId: string | null, now: Date): Promise<"opened" | "updated" | "same" | "accepted"> {
  const cashline = fromMinor(r.open, r.currency);
  const erp = fromMinor(r.erp, r.currency);
  const accepted = await tx.exceptionCase.findFirst({ where: { code: "ERP_DRIFT", subjectType: "Invoice", subjectId: r.id, status: "RESOLVED" }, orderBy: { resolvedAt: "desc" }, select: { suggestion: true } });
  const acc = (accepted?.suggestion as { accepted?: { cashlineOpen: string; erpOpen: string } } | null)?.accepted;
  if (acc && acc.cashlineOpen === cashline && acc.erpOpen === erp) return "accepted";
  const evidence = await driftEvidence(tx, r.id);
  const reason = `invoice ${r.number}: Cashline has ${cashline} ${r.currency} open, the ERP ${erp} ${r.currency} (ERP last update ${r.erpLastUpdatedAt?.toISOString() ?? "unknown"})`;
  const suggestion = { invoiceId: r.id, invoiceNumber: r.number, currency: r.currency, cashlineOpen: cashline, erpOpen: erp, difference: fromMinor(r.open - r.erp, r.currency), erpLastUpdatedAt: r.erpLastUpdatedAt?.toISOString() ?? null, ...evidence };
  const existing = await tx.exceptionCase.findFirst({ where: { code: "ERP_DRIFT", subjectType: "Invoice", subjectId: r.id, status: { in: [...ACTIVE] } }, select: { id: true, suggestion: true } });
  if (existing) {
    const s = existing.suggestion as { cashlineOpen?: string; erpOpen?: string } | null;
    if (s?.cashlineOpen === cashline && s?.erpOpen === erp) return "same";
    await tx.exceptionCase.update({ where: { id: existing.id }, data: { suggestion: suggestion as Prisma.InputJsonValue, amountMinor: r.open > r.erp ? r.open - r.erp : r.erp - r.open, reasons: [reason], version: { increment: 1 } } });
    await driftEvents(tx, entity, existing.id, r.id, evidence.receiptIds, suggestion, correlationId, now, `${now.getTime()}`);
    return "updated";
  }
  const { caseId } = await openExceptionCase(tx, {
    code: "ERP_DRIFT", entityId: entity.id, subjectType: "Invoice", subjectId: r.id, priority: "HIGH", slaHours: 48, correlationId,
    amountMinor: r.open > r.erp ? r.open - r.erp : r.erp - r.open, currency: r.currency, reasons: [reason], suggestion,
  }, now);
  await driftEvents(tx, entity, caseId, r.id, evidence.receiptIds, suggestion, correlationId, now, "opened");
  return "opened";
}

async function driftEvents(tx: Prisma.TransactionClient, entity: { id: string }, caseId: string, invoiceId: string, receiptIds: string[], suggestion: Record<string, unknown>, correlationId: string | null, now: Date, tag: string) {
  const payload = { caseId, cashlineOpen: suggestion.cashlineOpen, erpOpen: suggestion.erpOpen, currency: suggestion.currency, invoiceNumber: suggestion.invoiceNumber } as Prisma.InputJsonValue;
  const base = { type: "erp.drift_detected", entityId: entity.id, sourceSystem: "cashline", correlationId, exceptionCode: "ERP_DRIFT", businessKeys: { caseId, invoiceId } as Prisma.InputJsonValue, payload, occurredAt: now, recordedAt: now };
  await tx.workflowEvent.createMany({
    data: [
      { ...base, invoiceId, sourceId: `${caseId}:${tag}` },
      ...receiptIds.slice(0, 20).map((receiptId) => ({ ...base, invoiceId, receiptId, sourceId: `${caseId}:${tag}:${receiptId}` })),
    ],
    skipDuplicates: true,
  });
}
