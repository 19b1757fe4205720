// Unapply: reverse an application (and what was booked with it in the same step on the same invoice). The invoice
// re-opens, the cash becomes unapplied again, the receipt goes back to IDENTIFIED through the state machine when it
// had been applied, its case is re-opened (or a new one opened) so the cash lands back in the queue, and when the
// receipt already has a journal entry a revision is requested from the ERP.
import type { z } from "zod";
import { problem } from "../http/problem.ts";
import { newCorrelationId } from "../jobs/define-job.ts";
import { formatMoney, fromMinor } from "../money/money.ts";
import { requestErpPosting } from "../posting/request-erp-posting.ts";
import { transitionReceipt } from "../workflow/transition-receipt.ts";
import { actionResult, audit, lockActiveCase, lockReceipt, recordEvent, runAction, type ActionContext } from "./action-context.ts";
import type { reverseBody } from "./action-schemas.ts";
import { lockInvoices } from "./execute-plan.ts";
import { accountingDateOf, assertPeriodOpen } from "../close/period-lock.ts";
import { reversalEffect, reversalGroup } from "./reversal-group.ts";

const APPLIED_STATES: readonly string[] = ["APPLIED", "POSTED", "PUBLISHED"];

export function reverseApplication(ctx: ActionContext, applicationId: string, body: z.infer<typeof reverseBody>) {
  return runAction(async (tx) => {
    const found = await tx.application.findUnique({ where: { id: applicationId }, select: { receiptId: true } });
    if (!found) throw problem(404, `application ${applicationId} not found`);
    const receipt = await lockReceipt(tx, found.receiptId, body.receiptVersion);
    const activeCase = await lockActiveCase(tx, receipt.id);
    if (activeCase?.status === "PENDING_APPROVAL") throw problem(409, "a write-off on this receipt is waiting for approval: approve or reject it first");
    await assertPeriodOpen(tx, { entityId: receipt.entityId, date: accountingDateOf(receipt), what: "reversing an application of this receipt" });
    const live = await tx.application.findMany({ where: { receiptId: receipt.id, reversedAt: null } });
    const target = live.find((a) => a.id === applicationId);
    if (!target) throw problem(409, "this application has already been reversed");
    const group = reversalGroup(target, live);
    const effect = reversalEffect(group);
    const unappliedAfter = receipt.unappliedMinor + effect.unappliedDeltaMinor;
    if (unappliedAfter < 0n || unappliedAfter > receipt.amountMinor) {
      throw problem(409, "reversing this would leave the receipt's balance inconsistent: reverse the invoice application it belongs to instead");
    }
    const invoices = await lockInvoices(tx, [...effect.invoiceOpenDelta.keys()]);
    for (const [id, delta] of effect.invoiceOpenDelta) {
      const inv = invoices.get(id)!;
      if (inv.status === "VOID") throw problem(409, `invoice ${inv.number} has been voided since: correct it in the ERP`);
      const open = inv.openAmountMinor + delta;
      if (open > inv.amountMinor) throw problem(409, `invoice ${inv.number} would have more open than it was issued for`);
      await tx.invoice.update({ where: { id }, data: { openAmountMinor: open, status: open === inv.amountMinor ? "OPEN" : "PARTIALLY_PAID", version: { increment: 1 } } });
    }
    const now = new Date();
    const marked = await tx.application.updateMany({
      where: { id: { in: group.map((a) => a.id) }, reversedAt: null },
      data: { reversedAt: now, reversedById: ctx.actor.id, reversalReason: body.reason },
    });
    if (marked.count !== group.length) throw problem(409, "someone else reversed part of this first; reload");
    await tx.receipt.update({ where: { id: receipt.id }, data: { unappliedMinor: unappliedAfter, version: { increment: 1 } } });

    const correlationId = newCorrelationId();
    const money = formatMoney(group.filter((a) => a.kind !== "DEDUCTION").reduce((s, a) => s + a.amountMinor, 0n), receipt.currency);
    const payload = {
      applicationIds: group.map((a) => a.id), reason: body.reason, unappliedAfter: fromMinor(unappliedAfter, receipt.currency),
      invoices: [...invoices.values()].map((i) => i.number), amount: money,
    };
    if (unappliedAfter > 0n && APPLIED_STATES.includes(receipt.state)) {
      await transitionReceipt(tx, { receiptId: receipt.id, from: receipt.state, to: "IDENTIFIED", eventType: "application.reversed", correlationId, actor: { type: "user", id: ctx.actor.id }, payload });
    } else {
      const { version } = await tx.receipt.findUniqueOrThrow({ where: { id: receipt.id }, select: { version: true } });
      await recordEvent(tx, { type: "application.reversed", receiptId: receipt.id, entityId: receipt.entityId, sourceId: `${receipt.id}:v${version}`, correlationId, actorId: ctx.actor.id, payload });
    }

    // The cash is unapplied again: it must be back in someone's queue.
    let caseId = activeCase?.id ?? null;
    if (unappliedAfter > 0n) {
      if (activeCase) {
        await tx.exceptionCase.updateMany({ where: { id: activeCase.id, status: "OPEN" }, data: { status: "IN_PROGRESS", version: { increment: 1 } } });
      } else {
        const previous = await tx.exceptionCase.findFirst({ where: { receiptId: receipt.id }, orderBy: { createdAt: "desc" }, select: { code: true } });
        const created = await tx.exceptionCase.create({
          data: {
            code: previous?.code ?? "AMBIGUOUS", status: "IN_PROGRESS", entityId: receipt.entityId, receiptId: receipt.id, amountMinor: receipt.amountMinor,
            currency: receipt.currency, assigneeId: ctx.actor.id, slaDueAt: new Date(now.getTime() + 48 * 3_600_000),
            reasons: [`application reversed by ${ctx.actor.name}: ${body.reason}`], suggestion: { applications: [] },
          },
        });
        caseId = created.id;
      }
      await tx.exceptionNote.create({ data: { caseId: caseId!, authorId: ctx.actor.id, body: `Reversed ${money}: ${body.reason}` } });
    }

    // The ERP already has (or is about to get) this receipt's entry: post a revision with what stands now.
    const hasJournal = (await tx.journalEntry.count({ where: { receiptId: receipt.id } })) > 0;
    const journalEntryId = hasJournal && effect.unappliedDeltaMinor !== 0n ? await requestErpPosting(tx, { receiptId: receipt.id, correlationId }) : null;
    await audit(ctx, tx, { action: "application.reversed", targetType: "Receipt", targetId: receipt.id, details: { ...payload, caseId, journalEntryId, correlationId } });
    return actionResult(tx, { receiptId: receipt.id, caseId, outcome: "reversed", journalEntryId, message: `Reversed ${money}. The cash is unapplied again.` });
  });
}
