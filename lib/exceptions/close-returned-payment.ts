// Closing a RETURNED case: the bank took the money back, so everything the receipt paid is undone — its live
// applications are reversed and the invoices re-open with the return reason on their timeline; the ERP gets a
// revision that unapplies them, and the cash that never stayed is booked out (Dr unapplied cash / Cr bank) —
// the owner of collections is told (an outbound collections.follow_up_requested event per customer, published
// like every event), and the case closes with the analyst's note.
import type { z } from "zod";
import { problem } from "../http/problem.ts";
import { newCorrelationId } from "../jobs/define-job.ts";
import { formatMoney } from "../money/money.ts";
import { GL } from "../posting/gl-accounts.ts";
import { requestErpPosting } from "../posting/request-erp-posting.ts";
import { actionResult, audit, lockReceipt, recordEvent, runAction, type ActionContext } from "./action-context.ts";
import { findCaseReceipt, lockOpenCase, resolveCase } from "./case-lock.ts";
import { lockInvoices } from "./execute-plan.ts";
import type { closeReturnedBody } from "./resolution-schemas.ts";

export function closeReturnedPayment(ctx: ActionContext, caseId: string, body: z.infer<typeof closeReturnedBody>) {
  return runAction(async (tx) => {
    const { receiptId } = await findCaseReceipt(tx, caseId);
    if (!receiptId) throw problem(409, "this returned item has no receipt: find the payment it returns first");
    const receipt = await lockReceipt(tx, receiptId, body.receiptVersion);
    if (receipt.state !== "RETURNED") throw problem(409, `the receipt is ${receipt.state}, not RETURNED`);
    const kase = await lockOpenCase(tx, caseId, ["RETURNED"]);
    const correlationId = newCorrelationId();
    const returnReason = await returnReasonOf(tx, receiptId) ?? kase.code;
    const live = await tx.application.findMany({ where: { receiptId, reversedAt: null }, include: { invoice: { select: { number: true } } } });
    const invoices = await lockInvoices(tx, [...new Set(live.flatMap((a) => (a.kind === "INVOICE" && a.invoiceId ? [a.invoiceId] : [])))]);
    const reopened: { id: string; number: string; customerId: string; amount: string }[] = [];
    for (const inv of invoices.values()) {
      if (inv.status === "VOID") continue;
      const back = live.filter((a) => a.invoiceId === inv.id && a.kind === "INVOICE").reduce((s, a) => s + a.amountMinor, 0n);
      const open = inv.openAmountMinor + back > inv.amountMinor ? inv.amountMinor : inv.openAmountMinor + back;
      await tx.invoice.update({ where: { id: inv.id }, data: { openAmountMinor: open, status: open === inv.amountMinor ? "OPEN" : "PARTIALLY_PAID", version: { increment: 1 } } });
      reopened.push({ id: inv.id, number: inv.number, customerId: inv.customerId, amount: formatMoney(back, receipt.currency) });
      await recordEvent(tx, {
        type: "invoice.reopened", receiptId, invoiceId: inv.id, entityId: receipt.entityId, sourceId: `${caseId}:${inv.id}`, correlationId, actorId: ctx.actor.id,
        exceptionCode: "RETURNED", payload: { invoice: inv.number, reopenedAmount: formatMoney(back, receipt.currency), reason: `payment returned: ${returnReason}` },
      });
    }
    const now = new Date();
    if (live.length > 0) {
      await tx.application.updateMany({ where: { id: { in: live.map((a) => a.id) } }, data: { reversedAt: now, reversedById: ctx.actor.id, reversalReason: `payment returned: ${returnReason}` } });
    }
    // The receipt's books: first unapply in the ERP (revision), then the cash leaves again (returned by the bank).
    const hasJournal = (await tx.journalEntry.count({ where: { receiptId } })) > 0;
    const revisionId = hasJournal && live.length > 0 ? await requestErpPosting(tx, { receiptId, correlationId }) : null;
    const returnEntryId = hasJournal ? await bookReturnedCash(tx, receipt, returnReason) : null;
    await tx.receipt.update({ where: { id: receiptId }, data: { unappliedMinor: 0n, version: { increment: 1 } } });
    // Collections follow up with the customer whose payment bounced (one outbound event per customer).
    const customers = [...new Set([receipt.customerId, ...reopened.map((r) => r.customerId)].filter((x): x is string => !!x))];
    for (const customerId of customers) {
      await recordEvent(tx, {
        type: "collections.follow_up_requested", receiptId, entityId: receipt.entityId, sourceId: `${caseId}:${customerId}`, correlationId, actorId: ctx.actor.id,
        exceptionCode: "RETURNED",
        payload: { customerId, reason: `payment returned: ${returnReason}`, amount: formatMoney(receipt.amountMinor, receipt.currency), invoices: reopened.filter((r) => r.customerId === customerId).map((r) => r.number), note: body.note },
      });
    }
    const resolution = `Returned payment closed by ${ctx.actor.name}: ${reopened.length} invoice(s) re-opened${customers.length ? ", collections asked to follow up" : ""}. ${body.note}`;
    await resolveCase(tx, { kase, actor: ctx.actor, resolution, correlationId, payload: { reopened: reopened.map((r) => r.number), returnReason } });
    await audit(ctx, tx, {
      action: "returned_payment.closed", targetType: "ExceptionCase", targetId: caseId,
      details: { receiptId, reversedApplications: live.map((a) => a.id), reopened, revisionId, returnEntryId, customers, returnReason, note: body.note, correlationId },
    });
    return actionResult(tx, { receiptId, caseId, outcome: "closed", journalEntryId: revisionId ?? returnEntryId, message: `Closed: ${reopened.length} invoice(s) re-opened, collections told.` });
  });
}

async function returnReasonOf(tx: Parameters<Parameters<typeof runAction>[0]>[0], receiptId: string): Promise<string | null> {
  const e = await tx.workflowEvent.findFirst({ where: { receiptId, type: "payment.returned" }, orderBy: { id: "desc" }, select: { payload: true } });
  const p = (e?.payload ?? {}) as { reason?: string; reasonCode?: string };
  if (p.reason || p.reasonCode) return [p.reasonCode, p.reason].filter(Boolean).join(" ");
  const line = await tx.bankTransaction.findFirst({ where: { receiptId, amountMinor: { lt: 0n } }, select: { remittance: true, type: true } });
  return line ? (line.remittance ?? line.type) : null;
}

/** Dr unapplied cash / Cr bank: the cash the receipt booked leaves with the return. Local (the bank line is its proof). */
async function bookReturnedCash(tx: Parameters<Parameters<typeof runAction>[0]>[0], receipt: { id: string; entityId: string; currency: string; amountMinor: bigint; bankAccountId: string | null }, reason: string) {
  const bank = receipt.bankAccountId ? await tx.bankAccount.findUnique({ where: { id: receipt.bankAccountId }, select: { glAccount: true } }) : null;
  const entry = await tx.journalEntry.create({
    data: {
      entityId: receipt.entityId, currency: receipt.currency, receiptId: null, kind: "payment_returned", status: "POSTED", postedAt: new Date(),
      memo: `Receipt ${receipt.id} returned by the bank (${reason})`, idempotencyKey: `returned:${receipt.id}`,
      lines: { create: [
        { account: GL.unappliedCash, debitMinor: receipt.amountMinor, creditMinor: 0n, description: `Returned payment ${receipt.id}` },
        { account: bank?.glAccount ?? GL.processorClearing, debitMinor: 0n, creditMinor: receipt.amountMinor, description: `Cash returned (${reason})` },
      ] },
    },
    select: { id: true },
  });
  return entry.id;
}
