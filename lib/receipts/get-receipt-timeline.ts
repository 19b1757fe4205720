// One payment's whole journey across systems, from its WorkflowEvents: each step with its time, the time spent
// until the next, who acted (system, engine, person, API key) and the correlation id; who owns it now and why it
// waits; its applications, journal entries, exception cases and bank lines.
import { db } from "../db/client.ts";
import { fromMinor } from "../money/money.ts";
import type { ReceiptState } from "../workflow/receipt-states.ts";
import { stageOf } from "./describe-event.ts";
import { explainWaiting } from "./explain-waiting.ts";
import { stallThresholds } from "./stall-thresholds.ts";
import type { ReceiptTimeline } from "./timeline-schema.ts";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const FINAL: readonly string[] = ["PUBLISHED", "RETURNED"];

export async function getReceiptTimeline(id: string, now = new Date()): Promise<ReceiptTimeline | null> {
  const r = await db.receipt.findUnique({ where: { id }, include: { entity: { select: { code: true } }, customer: { select: { name: true } } } });
  if (!r) return null;
  const [events, apps, journal, cases, bankLines] = await Promise.all([
    db.workflowEvent.findMany({ where: { receiptId: id }, orderBy: [{ occurredAt: "asc" }, { id: "asc" }], take: 1000 }),
    db.application.findMany({ where: { receiptId: id }, include: { invoice: { select: { number: true } } }, orderBy: { appliedAt: "asc" } }),
    db.journalEntry.findMany({ where: { receiptId: id }, include: { lines: { orderBy: { id: "asc" } } }, orderBy: { createdAt: "asc" } }),
    db.exceptionCase.findMany({ where: { receiptId: id }, include: { assignee: { select: { name: true } } }, orderBy: { createdAt: "asc" } }),
    db.bankTransaction.findMany({ where: { receiptId: id }, include: { statement: { select: { statementRef: true } } }, orderBy: { createdAt: "asc" } }),
  ]);
  const userIds = new Set<string>();
  const keyIds = new Set<string>();
  for (const e of events) if (e.actorId) (e.actorType === "api_key" ? keyIds : userIds).add(e.actorId);
  for (const a of apps) for (const u of [a.appliedById, a.reversedById]) if (u) userIds.add(u);
  const [users, keys, customers] = await Promise.all([
    db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true } }),
    db.apiKey.findMany({ where: { id: { in: [...keyIds] } }, select: { id: true, name: true, system: true } }),
    db.customer.findMany({ where: { id: { in: [...new Set(apps.map((a) => a.customerId).filter((x): x is string => !!x))] } }, select: { id: true, name: true } }),
  ]);
  const userName = (uid: string | null) => (uid ? users.find((u) => u.id === uid)?.name ?? uid : null);
  const actorOf = (type: string, actorId: string | null, sourceSystem: string) => {
    if (type === "user") return userName(actorId);
    if (type === "api_key") { const k = keys.find((x) => x.id === actorId); return k ? `${k.name} (${k.system})` : actorId; }
    return actorId ?? sourceSystem;
  };
  const active = cases.find((c) => !["RESOLVED", "CANCELLED"].includes(c.status)) ?? null;
  const lastJournal = journal.at(-1) ?? null;
  const waiting = explainWaiting({
    state: r.state as ReceiptState, now,
    activeCase: active ? { code: active.code, status: active.status, assignee: active.assignee?.name ?? null, slaDueAt: active.slaDueAt } : null,
    journal: lastJournal ? { status: lastJournal.status, attempts: lastJournal.attempts, lastError: lastJournal.lastError } : null,
  });
  return {
    receipt: {
      id: r.id, state: r.state, entity: r.entity.code, currency: r.currency, amount: fromMinor(r.amountMinor, r.currency), unapplied: fromMinor(r.unappliedMinor, r.currency),
      valueDate: r.valueDate.toISOString().slice(0, 10), channel: r.channel, payerName: r.payerName, payerAccount: r.payerAccount, customer: r.customer?.name ?? null,
      remittance: r.remittance, bankReference: r.bankReference, processorReference: r.processorReference, sourceSystem: r.sourceSystem, sourceId: r.sourceId,
      receivedAt: r.receivedAt.toISOString(), correlationId: r.correlationId, documentId: r.documentId, postedAt: iso(r.postedAt), postingLatencyMs: r.postingLatencyMs,
      stateChangedAt: r.stateChangedAt.toISOString(),
    },
    owner: {
      ...waiting, since: r.stateChangedAt.toISOString(), allowedMs: stallThresholds()[r.state as ReceiptState] ?? null,
      stalled: now.getTime() - r.stateChangedAt.getTime() > (stallThresholds()[r.state as ReceiptState] ?? Infinity),
    },
    steps: events.map((e, i) => {
      const next = events[i + 1];
      const durationMs = next ? next.occurredAt.getTime() - e.occurredAt.getTime() : FINAL.includes(r.state) ? null : now.getTime() - e.occurredAt.getTime();
      return {
        id: String(e.id), type: e.type, stage: stageOf(e.type, e.sourceSystem), at: e.occurredAt.toISOString(), recordedAt: e.recordedAt.toISOString(), durationMs,
        actorType: e.actorType, actor: actorOf(e.actorType, e.actorId, e.sourceSystem), correlationId: e.correlationId, sourceSystem: e.sourceSystem, sourceId: e.sourceId,
        fromState: e.fromState, toState: e.toState, exceptionCode: e.exceptionCode, postingStatus: e.postingStatus, payload: e.payload,
      };
    }),
    applications: apps.map((a) => ({
      id: a.id, kind: a.kind, amount: fromMinor(a.amountMinor, a.currency), currency: a.currency, invoiceId: a.invoiceId, invoiceNumber: a.invoice?.number ?? null,
      customerId: a.customerId, customerName: customers.find((c) => c.id === a.customerId)?.name ?? null, reasonCode: a.reasonCode, appliedByType: a.appliedByType,
      appliedBy: a.appliedByType === "user" ? userName(a.appliedById) : a.ruleVersion ?? a.appliedByType, appliedAt: a.appliedAt.toISOString(),
      reversedAt: iso(a.reversedAt), reversedBy: userName(a.reversedById), reversalReason: a.reversalReason,
    })),
    journal: journal.map((j) => ({
      id: j.id, kind: j.kind, status: j.status, memo: j.memo, idempotencyKey: j.idempotencyKey, erpDocumentId: j.erpDocumentId, attempts: j.attempts, lastError: j.lastError,
      createdAt: j.createdAt.toISOString(), postedAt: iso(j.postedAt),
      balanced: j.lines.reduce((s, l) => s + l.debitMinor, 0n) === j.lines.reduce((s, l) => s + l.creditMinor, 0n),
      lines: j.lines.map((l) => ({ account: l.account, debit: fromMinor(l.debitMinor, j.currency), credit: fromMinor(l.creditMinor, j.currency), description: l.description })),
    })),
    cases: cases.map((c) => ({ id: c.id, code: c.code, status: c.status, assignee: c.assignee?.name ?? null, createdAt: c.createdAt.toISOString(), slaDueAt: c.slaDueAt.toISOString(), resolvedAt: iso(c.resolvedAt), resolution: c.resolution })),
    bankLines: bankLines.map((b) => ({ id: b.id, amount: fromMinor(b.amountMinor, b.currency), valueDate: b.valueDate.toISOString().slice(0, 10), type: b.type, bankReference: b.bankReference, remittance: b.remittance, reconciled: b.reconciled, statementRef: b.statement?.statementRef ?? null })),
    asOf: now.toISOString(),
  };
}
