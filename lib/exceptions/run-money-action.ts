// The common path of the actions that move cash (apply, split, short pay, on account, write-off, approved
// write-off): lock the receipt (version check = conflict detection) and its case, build the plan, execute it,
// learn the payer, settle the receipt when nothing is left unapplied, audit, and answer with its new position.
import { newCorrelationId } from "../jobs/define-job.ts";
import { fromMinor } from "../money/money.ts";
import type { ActionResult } from "./action-schemas.ts";
import {
  actionResult, assertCanMoveMoney, audit, lockActiveCase, lockReceipt, runAction,
  type ActionContext, type ActiveCase, type LockedReceipt, type Tx,
} from "./action-context.ts";
import { assertMayMoveMoney } from "./action-context-guards.ts";
import { executePlan } from "./execute-plan.ts";
import { learnPayer } from "./learn-payer.ts";
import { settleReceipt } from "./settle-receipt.ts";
import type { PlanLine } from "./validate-plan.ts";

export type LockedPlan = {
  receipt: LockedReceipt;
  activeCase: ActiveCase | null;
  lines: PlanLine[];
  eventType: string;
  auditAction: string;
  /** Resolution text for the case when this action clears the receipt. */
  resolution: string;
  note?: string;
  /** Who decided the allocation (the proposer of an approved write-off); defaults to the actor. */
  appliedById?: string;
  /** The second person who approved it (an approved write-off). */
  approvedById?: string;
  auditDetails?: Record<string, unknown>;
};

export async function applyLockedPlan(tx: Tx, ctx: ActionContext, p: LockedPlan): Promise<ActionResult> {
  const { receipt, activeCase, lines } = p;
  const correlationId = newCorrelationId();
  const out = await executePlan(tx, {
    receipt, lines, appliedById: p.appliedById ?? ctx.actor.id, approvedById: p.approvedById, eventType: p.eventType, correlationId, exceptionCode: activeCase?.code,
    payload: { ...(p.note ? { note: p.note } : {}), ...(p.auditDetails ?? {}) },
  });
  const learnedPayerId = await learnPayer(tx, ctx, { receipt, customerIds: out.customerIds, correlationId });
  if (p.note && activeCase) await tx.exceptionNote.create({ data: { caseId: activeCase.id, authorId: ctx.actor.id, body: p.note } });
  const settled = await settleReceipt(tx, { receiptId: receipt.id, actor: ctx.actor, correlationId, resolution: p.resolution });
  const unapplied = fromMinor(out.unappliedAfterMinor, receipt.currency);
  await audit(ctx, tx, {
    action: p.auditAction, targetType: "Receipt", targetId: receipt.id,
    details: {
      ...p.auditDetails, caseId: activeCase?.id ?? null, applicationIds: out.applicationIds, unappliedAfter: unapplied, settled: settled.settled,
      journalEntryId: settled.journalEntryId, learnedPayerId, note: p.note ?? null, correlationId,
      lines: lines.map((l) => ({ ...l, amountMinor: String(l.amountMinor) })),
    },
  });
  return actionResult(tx, {
    receiptId: receipt.id, caseId: activeCase?.id ?? null, outcome: settled.settled ? "applied" : "partially_applied",
    journalEntryId: settled.journalEntryId,
    message: settled.settled ? "Receipt fully applied; posting to the ERP requested." : `Done. ${receipt.currency} ${unapplied} still unapplied.`,
  });
}

export type MoneyAction = Omit<LockedPlan, "receipt" | "activeCase" | "lines"> & {
  receiptId: string;
  receiptVersion: number;
  /** Turns the request into plan lines (amounts parsed in the receipt's currency) and checks the action's own rules. */
  buildLines: (receipt: LockedReceipt, tx: Tx) => PlanLine[] | Promise<PlanLine[]>;
};

export function runMoneyAction(ctx: ActionContext, a: MoneyAction): Promise<ActionResult> {
  return runAction(async (tx) => {
    const receipt = await lockReceipt(tx, a.receiptId, a.receiptVersion);
    const activeCase = await lockActiveCase(tx, a.receiptId);
    assertCanMoveMoney(receipt, activeCase);
    await assertMayMoveMoney(tx, ctx, receipt, "apply");
    const lines = await a.buildLines(receipt, tx);
    return applyLockedPlan(tx, ctx, { ...a, receipt, activeCase, lines });
  });
}
