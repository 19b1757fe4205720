// Four-eyes: a second person approves a write-off that was above its proposer's limits. Not the proposer, not the
// person who uploaded the receipt's cash, and only someone whose own limits in that currency (per write-off, per
// day incl. what they approved today, per receipt, per invoice) cover it. The stored plan is re-validated and
// carried out.
import type { z } from "zod";
import { problem } from "../http/problem.ts";
import { formatMoney } from "../money/money.ts";
import { audit, runAction, type ActionContext } from "./action-context.ts";
import type { approveWriteOffBody } from "./action-schemas.ts";
import { loadPendingWriteOff } from "./load-pending-write-off.ts";
import { applyLockedPlan } from "./run-money-action.ts";
import { linesFromJson } from "./write-off-proposal.ts";
import { assertMayMoveMoney } from "./action-context-guards.ts";
import { checkWriteOffLimits, limitJson, writeOffInvoiceId } from "./write-off-limits.ts";
import { assertWriteOffState } from "./write-off-receipt.ts";

export function approveWriteOff(ctx: ActionContext, caseId: string, body: z.infer<typeof approveWriteOffBody>) {
  return runAction(async (tx) => {
    const { receipt, activeCase, proposal } = await loadPendingWriteOff(tx, caseId);
    const amount = BigInt(proposal.writeOffMinor);
    const money = formatMoney(amount, proposal.currency);
    if (proposal.proposedById === ctx.actor.id) throw problem(403, "You proposed this write-off: a second person must approve it (four-eyes).");
    if (receipt.version !== proposal.receiptVersion) throw problem(409, "The receipt changed after the write-off was proposed: reject it and propose it again.");
    assertWriteOffState(receipt);
    await assertMayMoveMoney(tx, ctx, receipt, "approve a write-off on");
    const lines = linesFromJson(proposal.lines);
    const invoiceId = writeOffInvoiceId(lines);
    const { breaches, limit } = await checkWriteOffLimits(tx, { userId: ctx.actor.id, currency: proposal.currency, receiptId: receipt.id, invoiceId, amountMinor: amount, excludeCaseId: caseId });
    if (breaches.length > 0) {
      throw problem(403, `This write-off of ${money} is above your own limits (${breaches.join("; ")}): someone with higher limits must approve it.`);
    }
    await tx.exceptionCase.update({ where: { id: caseId }, data: { status: "IN_PROGRESS", version: { increment: 1 } } });
    await audit(ctx, tx, { action: "write_off.approved", targetType: "ExceptionCase", targetId: caseId, details: { receiptId: receipt.id, amountMinor: proposal.writeOffMinor, currency: proposal.currency, reasonCode: proposal.reasonCode, proposedById: proposal.proposedById, approverLimits: limitJson(limit) } });
    const result = await applyLockedPlan(tx, ctx, {
      receipt, activeCase: { ...activeCase, status: "IN_PROGRESS" }, lines,
      eventType: "write_off.approved", auditAction: "write_off.executed", appliedById: proposal.proposedById, approvedById: ctx.actor.id, note: body.note,
      resolution: `Written off ${money} (${proposal.reasonCode}): proposed by ${proposal.proposedByName}, approved by ${ctx.actor.name}`,
      auditDetails: { writeOffMinor: proposal.writeOffMinor, reasonCode: proposal.reasonCode, proposedById: proposal.proposedById, approvedById: ctx.actor.id },
    });
    return { ...result, outcome: "approved" as const, message: `Write-off of ${money} approved. ${result.message}` };
  });
}
