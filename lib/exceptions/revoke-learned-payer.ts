// Undo what Cashline learned from an analyst (a wrong payer → customer link): revoked, not deleted, so the audit
// trail keeps who taught it what and who took it back.
import { problem } from "../http/problem.ts";
import { newCorrelationId } from "../jobs/define-job.ts";
import { audit, recordEvent, runAction, type ActionContext } from "./action-context.ts";

export function revokeLearnedPayer(ctx: ActionContext, id: string) {
  return runAction(async (tx) => {
    const lp = await tx.learnedPayer.findUnique({ where: { id }, include: { customer: { select: { name: true, entityId: true } } } });
    if (!lp) throw problem(404, `learned payer ${id} not found`);
    if (lp.revokedAt) return { id, revokedAt: lp.revokedAt.toISOString() };
    const updated = await tx.learnedPayer.update({ where: { id }, data: { revokedAt: new Date(), revokedById: ctx.actor.id } });
    const details = { customerId: lp.customerId, customer: lp.customer.name, payerName: lp.payerName, payerAccount: lp.payerAccount };
    await audit(ctx, tx, { action: "payer.learning_revoked", targetType: "LearnedPayer", targetId: id, details });
    if (lp.learnedFromReceiptId) {
      await recordEvent(tx, { type: "payer.learning_revoked", receiptId: lp.learnedFromReceiptId, entityId: lp.customer.entityId, sourceId: `${id}:revoked`, correlationId: newCorrelationId(), actorId: ctx.actor.id, payload: details });
    }
    return { id, revokedAt: updated.revokedAt!.toISOString() };
  }, { needsQueue: false });
}
