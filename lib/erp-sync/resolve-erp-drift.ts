// An analyst settles an ERP_DRIFT case: ACCEPT the difference with a reason (the case closes; the same two figures
// never open a case again, different ones do), or ADOPT the ERP's figure (the invoice's open amount and status in
// Cashline become the ERP's). Both audited with the figures, in the transaction of their effect; refused when the
// figures moved since the case was written (a newer sync: look again).
import type { z } from "zod";
import type { Prisma } from "../db/generated/client.ts";
import { problem } from "../http/problem.ts";
import { fromMinor } from "../money/money.ts";
import { newCorrelationId } from "../jobs/define-job.ts";
import { actionResult, audit, runAction, type ActionContext } from "../exceptions/action-context.ts";
import { lockOpenCase, resolveCase } from "../exceptions/case-lock.ts";
import type { resolveErpDriftBody } from "./erp-sync-schemas.ts";

type Suggestion = { invoiceId?: string; cashlineOpen?: string; erpOpen?: string; currency?: string };

export function resolveErpDrift(ctx: ActionContext, caseId: string, body: z.infer<typeof resolveErpDriftBody>) {
  return runAction(async (tx) => {
    const kase = await lockOpenCase(tx, caseId, ["ERP_DRIFT"]);
    if (body.caseVersion !== undefined && body.caseVersion !== kase.version) throw problem(409, "the case changed since you opened it (a newer sync): reload and look at the figures again");
    const s = (kase.suggestion ?? {}) as Suggestion;
    if (!s.invoiceId) throw problem(409, "this drift case names no invoice");
    const [inv] = await tx.$queryRaw<{ id: string; number: string; currency: string; amountMinor: bigint; openAmountMinor: bigint; erpOpenAmountMinor: bigint | null; status: string }[]>`
      select id, number, currency, "amountMinor", "openAmountMinor", "erpOpenAmountMinor", status::text as status from "Invoice" where id = ${s.invoiceId} for update`;
    if (!inv || inv.erpOpenAmountMinor === null) throw problem(409, `invoice ${s.invoiceId} has no ERP figure`);
    const cashline = fromMinor(inv.openAmountMinor, inv.currency);
    const erp = fromMinor(inv.erpOpenAmountMinor, inv.currency);
    if (cashline !== s.cashlineOpen || erp !== s.erpOpen) {
      throw problem(409, `the figures changed since the case was written (now Cashline ${cashline}, ERP ${erp} ${inv.currency}): the next sync updates the case`);
    }
    const correlationId = newCorrelationId();
    const figures = { invoiceId: inv.id, invoiceNumber: inv.number, currency: inv.currency, cashlineOpen: cashline, erpOpen: erp };
    if (body.action === "adopt") {
      if (inv.erpOpenAmountMinor < 0n || inv.erpOpenAmountMinor > inv.amountMinor) {
        throw problem(422, `the ERP's figure ${erp} ${inv.currency} is outside 0…${fromMinor(inv.amountMinor, inv.currency)} (the invoice's amount in Cashline): correct it in the ERP or accept the difference`);
      }
      const status = inv.erpOpenAmountMinor === 0n ? "PAID" : inv.erpOpenAmountMinor < inv.amountMinor ? "PARTIALLY_PAID" : "OPEN";
      await tx.invoice.update({ where: { id: inv.id }, data: { openAmountMinor: inv.erpOpenAmountMinor, status, version: { increment: 1 } } });
    } else {
      await tx.exceptionCase.update({ where: { id: kase.id }, data: { suggestion: { ...(kase.suggestion as object), accepted: { cashlineOpen: cashline, erpOpen: erp, by: ctx.actor.id } } as Prisma.InputJsonValue } });
    }
    const resolution = body.action === "adopt"
      ? `ERP figure adopted by ${ctx.actor.name}: invoice ${inv.number} open ${cashline} → ${erp} ${inv.currency}. ${body.reason}`
      : `Difference accepted by ${ctx.actor.name} (Cashline ${cashline}, ERP ${erp} ${inv.currency}): ${body.reason}`;
    await resolveCase(tx, { kase, actor: ctx.actor, resolution, correlationId, eventType: body.action === "adopt" ? "erp.drift_adopted" : "erp.drift_accepted", payload: figures });
    await tx.workflowEvent.updateMany({ where: { sourceSystem: "cashline", sourceId: `${kase.id}:resolved` }, data: { invoiceId: inv.id } });
    await audit(ctx, tx, { action: `erp_drift.${body.action === "adopt" ? "adopted" : "accepted"}`, targetType: "ExceptionCase", targetId: kase.id, details: { ...figures, reason: body.reason, correlationId } });
    return actionResult(tx, { receiptId: null, caseId: kase.id, outcome: "closed", message: body.action === "adopt" ? `Invoice ${inv.number} now has ${erp} ${inv.currency} open, as in the ERP.` : "Difference accepted." });
  }, { needsQueue: false });
}
