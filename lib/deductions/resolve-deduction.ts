// A person decides a deduction: valid (credit), invalid (collect) or partially valid (split). A credit over any of the
// person's write-off limits (per write-off, per day, per receipt, per invoice, in the entity's functional currency:
// deduction-write-off-limits.ts) waits for a second person (approve-deduction.ts). Audited with the effect.
import type { z } from "zod";
import { Prisma } from "../db/client.ts";
import { problem } from "../http/problem.ts";
import { newCorrelationId } from "../jobs/define-job.ts";
import { fromMinor } from "../money/money.ts";
import { audit, parseAmount, runAction, type ActionContext } from "../exceptions/action-context.ts";
import { deductionCreditBreaches } from "./deduction-write-off-limits.ts";
import type { resolveDeductionBody, resolveDeductionResponse } from "./deduction-schemas.ts";
import { deductionEvent } from "./deduction-effects.ts";
import { executeResolution, lockDeduction } from "./execute-resolution.ts";

type Result = z.infer<typeof resolveDeductionResponse>;

export async function resolveDeduction(ctx: ActionContext, deductionId: string, body: z.infer<typeof resolveDeductionBody>): Promise<Result> {
  return runAction(async (tx) => {
    const d = await lockDeduction(tx, deductionId);
    if (!d) throw problem(404, `deduction ${deductionId} not found`);
    if (d.status !== "OPEN") throw problem(409, `deduction ${deductionId} is already ${d.status}`);
    if (d.proposal) throw problem(409, "a resolution of this deduction waits for a second person's approval: approve it first");
    let validMinor = body.outcome === "valid" ? d.amountMinor : 0n;
    if (body.outcome === "partial") {
      if (!body.validAmount) throw problem(422, "validAmount: required for a partial outcome (the part accepted)");
      validMinor = parseAmount(body.validAmount, d.currency, "validAmount");
      if (validMinor <= 0n || validMinor >= d.amountMinor) throw problem(422, `validAmount: must be more than 0 and less than the deduction (${fromMinor(d.amountMinor, d.currency)})`);
    }
    const invalidMinor = d.amountMinor - validMinor;
    const correlationId = newCorrelationId();
    const breaches = validMinor > 0n ? await deductionCreditBreaches(tx, d, ctx.actor.id, validMinor) : [];
    if (breaches.length) {
      await tx.deduction.update({
        where: { id: d.id },
        data: { proposal: { outcome: body.outcome, validMinor: validMinor.toString(), note: body.note } as Prisma.InputJsonValue, proposedById: ctx.actor.id, proposedAt: new Date() },
      });
      await deductionEvent(tx, d, "deduction.resolution_proposed", correlationId, { type: "user", id: ctx.actor.id }, { outcome: body.outcome, valid: fromMinor(validMinor, d.currency) });
      await audit(ctx, tx, { action: "deduction.resolution_proposed", targetType: "Deduction", targetId: d.id, details: { outcome: body.outcome, validMinor: validMinor.toString(), note: body.note, why: `above the proposer's write-off limits: ${breaches.join("; ")}` } });
      return { id: d.id, status: "PENDING_APPROVAL" as const, valid: fromMinor(validMinor, d.currency), invalid: fromMinor(invalidMinor, d.currency), approvalNeeded: breaches };
    }
    const status = await executeResolution(tx, d, { validMinor, invalidMinor, actorId: ctx.actor.id, approvedById: null, note: body.note, correlationId });
    await audit(ctx, tx, { action: "deduction.resolved", targetType: "Deduction", targetId: d.id, details: { outcome: body.outcome, status, validMinor: validMinor.toString(), invalidMinor: invalidMinor.toString(), note: body.note } });
    return { id: d.id, status, valid: fromMinor(validMinor, d.currency), invalid: fromMinor(invalidMinor, d.currency) };
  });
}
