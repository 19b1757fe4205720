// Four-eyes: a second person approves a write-off that was above its proposer's limit. Not the proposer, and only
// someone whose own limit covers the amount. The stored plan is re-validated and carried out.
import type { z } from "zod";
import { problem } from "../http/problem.ts";
import { formatMoney } from "../money/money.ts";
import { audit, runAction, type ActionContext } from "./action-context.ts";
import type { approveWriteOffBody } from "./action-schemas.ts";
import { loadPendingWriteOff } from "./load-pending-write-off.ts";
import { applyLockedPlan } from "./run-money-action.ts";
import { linesFromJson } from "./write-off-proposal.ts";

export function approveWriteOff(ctx: ActionContext, caseId: string, body: z.infer<typeof approveWriteOffBody>) {
  return runAction(async (tx) => {
    const { receipt, activeCase, proposal } = await loadPendingWriteOff(tx, caseId);
    const amount = BigInt(proposal.writeOffMinor);
    const money = formatMoney(amount, proposal.currency);
    if (proposal.proposedById === ctx.actor.id) throw problem(403, "You proposed this write-off: a second person must approve it (four-eyes).");
    if (amount > ctx.actor.writeOffLimitMinor) {
      throw problem(403, `This write-off of ${money} is above your own limit of ${formatMoney(ctx.actor.writeOffLimitMinor, proposal.currency)}: someone with a higher limit must approve it.`);
    }
    if (receipt.version !== proposal.receiptVersion) throw problem(409, "The receipt changed after the write-off was proposed: reject it and propose it again.");
    await tx.exceptionCase.update({ where: { id: caseId }, data: { status: "IN_PROGRESS", version: { increment: 1 } } });
    await audit(ctx, tx, { action: "write_off.approved", targetType: "ExceptionCase", targetId: caseId, details: { receiptId: receipt.id, amountMinor: proposal.writeOffMinor, currency: proposal.currency, reasonCode: proposal.reasonCode, proposedById: proposal.proposedById, approverLimitMinor: String(ctx.actor.writeOffLimitMinor) } });
    const result = await applyLockedPlan(tx, ctx, {
      receipt, activeCase: { ...activeCase, status: "IN_PROGRESS" }, lines: linesFromJson(proposal.lines),
      eventType: "write_off.approved", auditAction: "write_off.executed", appliedById: proposal.proposedById, note: body.note,
      resolution: `Written off ${money} (${proposal.reasonCode}): proposed by ${proposal.proposedByName}, approved by ${ctx.actor.name}`,
      auditDetails: { writeOffMinor: proposal.writeOffMinor, reasonCode: proposal.reasonCode, proposedById: proposal.proposedById, approvedById: ctx.actor.id },
    });
    return { ...result, outcome: "approved" as const, message: `Write-off of ${money} approved. ${result.message}` };
  });
}
