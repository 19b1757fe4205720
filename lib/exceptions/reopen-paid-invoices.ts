// The money behind a receipt is gone (the bank returned it, a chargeback was lost): every live application is
// reversed and each invoice it paid re-opens, with the reason on the invoice's timeline (invoice.reopened). The ERP
// then gets a revision that unapplies them (when the receipt was booked), and collections are asked to follow up
// with each customer concerned (collections.follow_up_requested: an outbound event, published like every event).
import { formatMoney } from "../money/money.ts";
import { GL } from "../posting/gl-accounts.ts";
import { requestErpPosting } from "../posting/request-erp-posting.ts";
import { recordEvent, type LockedReceipt, type Tx } from "./action-context.ts";
import { lockInvoices } from "./execute-plan.ts";

export type Reopened = { id: string; number: string; customerId: string; amount: string };

export async function reopenPaidInvoices(tx: Tx, input: { receipt: LockedReceipt; actorId: string; reason: string; correlationId: string; caseId: string; code: string }) {
  const { receipt } = input;
  const live = await tx.application.findMany({ where: { receiptId: receipt.id, reversedAt: null } });
  const invoices = await lockInvoices(tx, [...new Set(live.flatMap((a) => (a.kind === "INVOICE" && a.invoiceId ? [a.invoiceId] : [])))]);
  const reopened: Reopened[] = [];
  for (const inv of invoices.values()) {
    if (inv.status === "VOID") continue;
    // A cross-currency application gives back what it took off the invoice, in the invoice's currency.
    const back = live.filter((a) => a.invoiceId === inv.id && a.kind === "INVOICE").reduce((s, a) => s + (a.fxInvoiceAmountMinor ?? a.amountMinor), 0n);
    const open = inv.openAmountMinor + back > inv.amountMinor ? inv.amountMinor : inv.openAmountMinor + back;
    await tx.invoice.update({ where: { id: inv.id }, data: { openAmountMinor: open, status: open === inv.amountMinor ? "OPEN" : "PARTIALLY_PAID", version: { increment: 1 } } });
    reopened.push({ id: inv.id, number: inv.number, customerId: inv.customerId, amount: formatMoney(back, receipt.currency) });
    await recordEvent(tx, {
      type: "invoice.reopened", receiptId: receipt.id, invoiceId: inv.id, entityId: receipt.entityId, sourceId: `${input.caseId}:${inv.id}`, correlationId: input.correlationId,
      actorId: input.actorId, exceptionCode: input.code, payload: { invoice: inv.number, reopenedAmount: formatMoney(back, receipt.currency), reason: input.reason },
    });
  }
  if (live.length > 0) {
    await tx.application.updateMany({ where: { id: { in: live.map((a) => a.id) } }, data: { reversedAt: new Date(), reversedById: input.actorId, reversalReason: input.reason } });
  }
  const hasJournal = (await tx.journalEntry.count({ where: { receiptId: receipt.id } })) > 0;
  const revisionId = hasJournal && live.length > 0 ? await requestErpPosting(tx, { receiptId: receipt.id, correlationId: input.correlationId }) : null;
  return { reversedApplicationIds: live.map((a) => a.id), reopened, revisionId, hadJournal: hasJournal };
}

export async function askCollectionsToFollowUp(tx: Tx, input: { receipt: LockedReceipt; reopened: Reopened[]; actorId: string; reason: string; note: string | null; correlationId: string; caseId: string; code: string }) {
  const customers = [...new Set([input.receipt.customerId, ...input.reopened.map((r) => r.customerId)].filter((x): x is string => !!x))];
  for (const customerId of customers) {
    await recordEvent(tx, {
      type: "collections.follow_up_requested", receiptId: input.receipt.id, entityId: input.receipt.entityId, sourceId: `${input.caseId}:${customerId}`,
      correlationId: input.correlationId, actorId: input.actorId, exceptionCode: input.code,
      payload: { customerId, reason: input.reason, amount: formatMoney(input.receipt.amountMinor, input.receipt.currency), invoices: input.reopened.filter((r) => r.customerId === customerId).map((r) => r.number), note: input.note },
    });
  }
  return customers;
}

/** The cash the receipt booked leaves again: Dr `debit` / Cr the bank (or processor clearing). Local: the bank's
 *  or processor's debit is its proof, and the ERP's receipt was already unapplied by the revision. */
export async function bookCashOut(tx: Tx, input: { receipt: LockedReceipt; kind: string; debitAccount: string; memo: string; key: string }) {
  const r = input.receipt;
  const bank = r.bankAccountId ? await tx.bankAccount.findUnique({ where: { id: r.bankAccountId }, select: { glAccount: true } }) : null;
  const entry = await tx.journalEntry.create({
    data: {
      entityId: r.entityId, currency: r.currency, receiptId: null, kind: input.kind, status: "POSTED", postedAt: new Date(), memo: input.memo, idempotencyKey: input.key,
      lines: { create: [
        { account: input.debitAccount, debitMinor: r.amountMinor, creditMinor: 0n, description: input.memo },
        { account: bank?.glAccount ?? GL.processorClearing, debitMinor: 0n, creditMinor: r.amountMinor, description: input.memo },
      ] },
    },
    select: { id: true },
  });
  return entry.id;
}
