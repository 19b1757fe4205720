// What every receipt-workspace action shares: who acts, the transaction settings, locking the receipt (the
// conflict check), money parsing at the edge and the shape of the answer.
import type { Prisma } from "../db/generated/client.ts";
import { db } from "../db/client.ts";
import type { SessionUser } from "../auth/session.ts";
import { writeAudit, type AuditInput } from "../audit/write-audit.ts";
import { problem } from "../http/problem.ts";
import { fromMinor, toMinor } from "../money/money.ts";
import { getBoss } from "../jobs/boss.ts";
import type { ReceiptState } from "../workflow/receipt-states.ts";
import type { ActionResult } from "./action-schemas.ts";
import { PlanError } from "./validate-plan.ts";

export type Tx = Prisma.TransactionClient;
export type Actor = Pick<SessionUser, "id" | "email" | "name" | "writeOffLimitMinor">;
export type ActionContext = { actor: Actor; requestId?: string | null; ip?: string | null };

export const CONFLICT_MESSAGE = "Someone else acted on this receipt first: it changed since you opened it. Reload to see what they did, then try again.";
export const ACTIVE_CASE_STATUSES = ["OPEN", "IN_PROGRESS", "ESCALATED", "PENDING_APPROVAL"] as const;

/**
 * Runs an action in one transaction. The posting job queue is started first so enqueueing inside the
 * transaction never waits on pg-boss's start-up while row locks are held. Plan errors become problem+json.
 */
export async function runAction<T>(fn: (tx: Tx) => Promise<T>, opts: { needsQueue?: boolean } = {}): Promise<T> {
  if (opts.needsQueue !== false) await getBoss();
  try {
    return await db.$transaction(fn, { timeout: 30_000, maxWait: 15_000 });
  } catch (err) {
    if (err instanceof PlanError) throw problem(err.status, err.message);
    throw err;
  }
}

export type LockedReceipt = {
  id: string; entityId: string; customerId: string | null; bankAccountId: string | null; currency: string;
  amountMinor: bigint; unappliedMinor: bigint; state: ReceiptState; version: number;
  payerName: string | null; payerAccount: string | null; correlationId: string | null;
  valueDate: Date; accountingDate: Date | null; documentId: string | null;
};

/**
 * SELECT … FOR UPDATE on the receipt: a second analyst's transaction waits here until the first commits, then
 * sees the new version and is refused with 409 instead of applying the same cash twice.
 */
export async function lockReceipt(tx: Tx, receiptId: string, expectedVersion?: number): Promise<LockedReceipt> {
  const rows = await tx.$queryRaw<LockedReceipt[]>`
    select id, "entityId", "customerId", "bankAccountId", currency, "amountMinor", "unappliedMinor", state::text as state, version,
           "payerName", "payerAccount", "correlationId", "valueDate", "accountingDate", "documentId"
    from "Receipt" where id = ${receiptId} for update`;
  const r = rows[0];
  if (!r) throw problem(404, `receipt ${receiptId} not found`);
  if (expectedVersion !== undefined && r.version !== expectedVersion) throw problem(409, CONFLICT_MESSAGE);
  return r;
}

export type ActiveCase = { id: string; code: string; status: string; version: number; assigneeId: string | null; proposedById: string | null; proposal: unknown };

/** The receipt's open case (newest), locked; call after lockReceipt so locks are always taken receipt → case. */
export async function lockActiveCase(tx: Tx, receiptId: string): Promise<ActiveCase | null> {
  const rows = await tx.$queryRaw<ActiveCase[]>`
    select id, code::text as code, status::text as status, version, "assigneeId", "proposedById", proposal
    from "ExceptionCase" where "receiptId" = ${receiptId} and status not in ('RESOLVED', 'CANCELLED')
    order by "createdAt" desc limit 1 for update`;
  return rows[0] ?? null;
}

/** Money actions are refused on returned payments and while a write-off waits for its second approver. */
export function assertCanMoveMoney(receipt: LockedReceipt, activeCase: ActiveCase | null): void {
  if (receipt.state === "RETURNED") throw problem(409, "the bank returned this payment: there is no cash to apply");
  if (activeCase?.status === "PENDING_APPROVAL") throw problem(409, "a write-off on this receipt is waiting for a second person's approval: approve or reject it first");
}

export function parseAmount(value: string, currency: string, field = "amount"): bigint {
  let minor: bigint;
  try {
    minor = toMinor(value, currency);
  } catch (err) {
    throw problem(422, `${field}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (minor <= 0n) throw problem(422, `${field}: must be greater than zero`);
  return minor;
}

export function audit(ctx: ActionContext, tx: Tx, input: Omit<AuditInput, "actorType" | "actorId" | "actorLabel" | "ip" | "requestId">) {
  return writeAudit({ ...input, actorType: "user", actorId: ctx.actor.id, actorLabel: ctx.actor.email, ip: ctx.ip ?? null, requestId: ctx.requestId ?? null }, tx);
}

export async function actionResult(tx: Tx, input: { receiptId: string | null; caseId: string | null; outcome: ActionResult["outcome"]; message: string; journalEntryId?: string | null }): Promise<ActionResult> {
  const r = input.receiptId ? await tx.receipt.findUnique({ where: { id: input.receiptId }, select: { unappliedMinor: true, currency: true, state: true, version: true } }) : null;
  return {
    receiptId: input.receiptId, caseId: input.caseId, outcome: input.outcome, message: input.message,
    unapplied: r ? fromMinor(r.unappliedMinor, r.currency) : null, receiptState: r?.state ?? null, receiptVersion: r?.version ?? null,
    journalEntryId: input.journalEntryId ?? null,
  };
}

/** A timeline entry for an action that does not move the receipt's state (comment, partial application, …). */
export async function recordEvent(tx: Tx, input: {
  type: string; receiptId: string | null; entityId: string; sourceId: string; correlationId: string; actorId: string;
  exceptionCode?: string | null; invoiceId?: string | null; payload?: Record<string, unknown>; at?: Date;
}): Promise<void> {
  const at = input.at ?? new Date();
  await tx.workflowEvent.create({
    data: {
      type: input.type, receiptId: input.receiptId, invoiceId: input.invoiceId ?? null, entityId: input.entityId, sourceSystem: "cashline",
      sourceId: input.sourceId, correlationId: input.correlationId, actorType: "user", actorId: input.actorId,
      exceptionCode: input.exceptionCode ?? null, payload: (input.payload ?? {}) as Prisma.InputJsonValue, occurredAt: at, recordedAt: at,
    },
  });
}
