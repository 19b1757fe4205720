// "Correct and repost" on a POSTING_FAILED case: fix what the ERP refused — the customer account the receipt posts
// to, the bank's GL account, or the accounting date (a closed period) — then post again. The failed entry keeps its
// idempotency key: the ERP booked nothing under it (refused writes are not remembered), so the corrected posting
// is still the receipt's one and only ERP receipt.
import type { z } from "zod";
import { problem } from "../http/problem.ts";
import { newCorrelationId } from "../jobs/define-job.ts";
import { requeueFailedPosting } from "../posting/requeue-failed-posting.ts";
import { actionResult, audit, lockReceipt, runAction, type ActionContext } from "./action-context.ts";
import { findCaseReceipt, lockOpenCase } from "./case-lock.ts";
import type { correctPostingBody } from "./resolution-schemas.ts";

export function correctPosting(ctx: ActionContext, caseId: string, body: z.infer<typeof correctPostingBody>) {
  return runAction(async (tx) => {
    const { receiptId } = await findCaseReceipt(tx, caseId);
    if (!receiptId) throw problem(409, "this case has no receipt to post");
    const receipt = await lockReceipt(tx, receiptId, body.receiptVersion);
    const kase = await lockOpenCase(tx, caseId, ["POSTING_FAILED"]);
    const failed = await tx.journalEntry.findMany({ where: { receiptId, status: "FAILED" }, select: { id: true } });
    if (failed.length === 0) throw problem(409, "nothing to correct: no failed journal entry on this receipt");
    const changes: Record<string, { from: string | null; to: string }> = {};
    if (body.customerId && body.customerId !== receipt.customerId) {
      const customer = await tx.customer.findUnique({ where: { id: body.customerId }, select: { id: true, entityId: true, name: true, erpAccountNumber: true } });
      if (!customer || customer.entityId !== receipt.entityId) throw problem(422, `customerId: no customer ${body.customerId} in this receipt's legal entity`);
      changes.customer = { from: receipt.customerId, to: `${customer.name} (${customer.erpAccountNumber})` };
      await tx.receipt.update({ where: { id: receiptId }, data: { customerId: customer.id } });
    }
    if (body.valueDate) {
      const current = await tx.receipt.findUniqueOrThrow({ where: { id: receiptId }, select: { valueDate: true } });
      const to = new Date(`${body.valueDate}T00:00:00Z`);
      if (Number.isNaN(to.getTime())) throw problem(422, `valueDate: ${body.valueDate} is not a date`);
      changes.valueDate = { from: current.valueDate.toISOString().slice(0, 10), to: body.valueDate };
      await tx.receipt.update({ where: { id: receiptId }, data: { valueDate: to } });
    }
    if (body.bankGlAccount) {
      const bank = receipt.bankAccountId ? await tx.bankAccount.findUnique({ where: { id: receipt.bankAccountId }, select: { glAccount: true } }) : null;
      if (!bank) throw problem(422, "bankGlAccount: this receipt has no bank account (a card payment posts to processor clearing)");
      const moved = await tx.journalLine.updateMany({ where: { entryId: { in: failed.map((f) => f.id) }, account: bank.glAccount }, data: { account: body.bankGlAccount } });
      if (moved.count === 0) throw problem(422, `bankGlAccount: the failed entry has no line on ${bank.glAccount} to correct`);
      changes.bankGlAccount = { from: bank.glAccount, to: body.bankGlAccount };
    }
    if (Object.keys(changes).length === 0) throw problem(422, "nothing changed: the corrections are what the posting already had");
    await tx.receipt.update({ where: { id: receiptId }, data: { version: { increment: 1 } } });
    const correlationId = newCorrelationId();
    const entries = await requeueFailedPosting(tx, { receiptId, correlationId, actor: { type: "user", id: ctx.actor.id }, eventType: "posting.corrected", payload: { caseId, changes, note: body.note } });
    await tx.exceptionCase.update({ where: { id: kase.id }, data: { status: "IN_PROGRESS", assigneeId: ctx.actor.id, version: { increment: 1 } } });
    const said = Object.entries(changes).map(([k, v]) => `${k} ${v.from ?? "none"} → ${v.to}`).join("; ");
    await tx.exceptionNote.create({ data: { caseId, authorId: ctx.actor.id, body: `Corrected and reposted (${said}): ${body.note}` } });
    await audit(ctx, tx, { action: "posting.corrected", targetType: "Receipt", targetId: receiptId, details: { caseId, changes, journalEntryIds: entries, note: body.note, correlationId } });
    return actionResult(tx, { receiptId, caseId, outcome: "retried", journalEntryId: entries.at(-1) ?? null, message: `Corrected (${said}) and sent to the ERP again.` });
  });
}
