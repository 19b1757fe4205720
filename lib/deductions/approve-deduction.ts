// The second person on a deduction resolution above its proposer's limits: not the proposer, and within all of the
// approver's own limits (deduction-write-off-limits.ts); then the proposal is carried out as proposed. Audited with the effect.
import type { z } from "zod";
import { problem } from "../http/problem.ts";
import { newCorrelationId } from "../jobs/define-job.ts";
import { fromMinor } from "../money/money.ts";
import { audit, runAction, type ActionContext } from "../exceptions/action-context.ts";
import type { approveDeductionBody, resolveDeductionResponse } from "./deduction-schemas.ts";
import { executeResolution, lockDeduction } from "./execute-resolution.ts";
import { deductionCreditBreaches } from "./deduction-write-off-limits.ts";

type Proposal = { outcome: string; validMinor: string; note: string };

export async function approveDeduction(ctx: ActionContext, deductionId: string, body: z.infer<typeof approveDeductionBody>): Promise<z.infer<typeof resolveDeductionResponse>> {
  return runAction(async (tx) => {
    const d = await lockDeduction(tx, deductionId);
    if (!d) throw problem(404, `deduction ${deductionId} not found`);
    const p = d.proposal as Proposal | null;
    if (d.status !== "OPEN" || !p) throw problem(409, `deduction ${deductionId} has no resolution waiting for approval`);
    if (d.proposedById === ctx.actor.id) throw problem(403, "a second person must approve: you proposed this resolution");
    const validMinor = BigInt(p.validMinor);
    const breaches = await deductionCreditBreaches(tx, d, ctx.actor.id, validMinor);
    if (breaches.length) throw problem(403, `crediting ${fromMinor(validMinor, d.currency)} ${d.currency} is above your write-off limits too: ${breaches.join("; ")}`);
    const invalidMinor = d.amountMinor - validMinor;
    const note = body.note ? `${p.note} (approved: ${body.note})` : p.note;
    const status = await executeResolution(tx, d, { validMinor, invalidMinor, actorId: ctx.actor.id, approvedById: ctx.actor.id, note, correlationId: newCorrelationId() });
    await audit(ctx, tx, { action: "deduction.approved", targetType: "Deduction", targetId: d.id, details: { proposedById: d.proposedById, status, validMinor: p.validMinor, note: body.note ?? null } });
    return { id: d.id, status, valid: fromMinor(validMinor, d.currency), invalid: fromMinor(invalidMinor, d.currency) };
  });
}
