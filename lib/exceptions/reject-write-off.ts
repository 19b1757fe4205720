// A second person rejects a pending write-off (or its proposer withdraws it): nothing moves, the case goes back to
// being worked on, and the reason is kept on the case, the timeline and the audit log.
import type { z } from "zod";
import { Prisma } from "../db/client.ts";
import { newCorrelationId } from "../jobs/define-job.ts";
import { formatMoney } from "../money/money.ts";
import { actionResult, audit, recordEvent, runAction, type ActionContext } from "./action-context.ts";
import type { rejectWriteOffBody } from "./action-schemas.ts";
import { loadPendingWriteOff } from "./load-pending-write-off.ts";

export function rejectWriteOff(ctx: ActionContext, caseId: string, body: z.infer<typeof rejectWriteOffBody>) {
  return runAction(async (tx) => {
    const { receipt, activeCase, proposal } = await loadPendingWriteOff(tx, caseId);
    const withdrawn = proposal.proposedById === ctx.actor.id;
    const verb = withdrawn ? "withdrawn" : "rejected";
    const money = formatMoney(BigInt(proposal.writeOffMinor), proposal.currency);
    await tx.exceptionCase.update({
      where: { id: caseId },
      data: { status: "IN_PROGRESS", proposal: Prisma.DbNull, proposedById: null, proposedAt: null, version: { increment: 1 } },
    });
    const { version } = await tx.receipt.update({ where: { id: receipt.id }, data: { version: { increment: 1 } }, select: { version: true } });
    await tx.exceptionNote.create({ data: { caseId, authorId: ctx.actor.id, body: `Write-off of ${money} ${verb}: ${body.reason}` } });
    await recordEvent(tx, {
      type: `write_off.${verb}`, receiptId: receipt.id, entityId: receipt.entityId, sourceId: `${receipt.id}:v${version}`, correlationId: newCorrelationId(),
      actorId: ctx.actor.id, exceptionCode: activeCase.code, payload: { amount: money, reasonCode: proposal.reasonCode, proposedBy: proposal.proposedByName, reason: body.reason },
    });
    await audit(ctx, tx, { action: `write_off.${verb}`, targetType: "ExceptionCase", targetId: caseId, details: { receiptId: receipt.id, amountMinor: proposal.writeOffMinor, currency: proposal.currency, proposedById: proposal.proposedById, reason: body.reason } });
    return actionResult(tx, { receiptId: receipt.id, caseId, outcome: withdrawn ? "withdrawn" : "rejected", message: `Write-off of ${money} ${verb}.` });
  }, { needsQueue: false });
}
