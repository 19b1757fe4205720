// The effects of a deduction's outcome, in the caller's transaction (the deduction row locked):
//   valid part   → credit memo requested from the billing platform (outbound deduction.credit_memo_requested), the
//                  credit recorded against the invoice and its residual closed, journal Dr reason GL / Cr receivables
//   invalid part → back to the customer's open items (the invoice keeps it open, no longer held by a deduction) and
//                  collections asked to dun (deduction.collection_requested + collections.follow_up_requested)
import { Prisma } from "../db/client.ts";
import { fromMinor } from "../money/money.ts";
import { ensureReasonCodes } from "../remittance/default-reason-codes.ts";
import { closeInvoiceResidual, deductionEvent, journalDeduction } from "./deduction-effects.ts";

export type LockedDeduction = {
  id: string; entityId: string; customerId: string | null; invoiceId: string | null; receiptId: string | null; reason: string; currency: string;
  amountMinor: bigint; status: string; proposal: unknown; proposedById: string | null;
};

export async function lockDeduction(tx: Prisma.TransactionClient, id: string): Promise<LockedDeduction | null> {
  const rows = await tx.$queryRaw<LockedDeduction[]>`
    select id, "entityId", "customerId", "invoiceId", "receiptId", reason, currency, "amountMinor", status::text as status, proposal, "proposedById"
    from "Deduction" where id = ${id} for update`;
  return rows[0] ?? null;
}

export async function executeResolution(tx: Prisma.TransactionClient, d: LockedDeduction, input: {
  validMinor: bigint; invalidMinor: bigint; actorId: string; approvedById: string | null; note: string; correlationId: string;
}): Promise<"VALID" | "INVALID" | "PARTIAL"> {
  const { validMinor: V, invalidMinor: I } = input;
  const actor = { type: "user" as const, id: input.actorId };
  const invoice = d.invoiceId ? await tx.invoice.findUnique({ where: { id: d.invoiceId }, select: { id: true, number: true, sourceSystem: true, sourceId: true } }) : null;
  const customer = d.customerId ? await tx.customer.findUnique({ where: { id: d.customerId }, select: { erpAccountNumber: true, name: true, sourceIds: { select: { sourceSystem: true, sourceCustomerId: true } } } }) : null;
  if (V > 0n) {
    await ensureReasonCodes(tx, d.entityId);
    const reason = await tx.deductionReasonCode.findUnique({ where: { entityId_code: { entityId: d.entityId, code: d.reason } } });
    const glAccount = reason?.glAccount ?? "6820";
    const creditMemoNumber = `CM-DED-${d.id}`;
    if (invoice) await closeInvoiceResidual(tx, invoice.id, V);
    if (d.customerId) {
      await tx.creditMemo.create({
        data: {
          entityId: d.entityId, customerId: d.customerId, number: creditMemoNumber, invoiceId: d.invoiceId, currency: d.currency, amountMinor: V, openAmountMinor: 0n,
          issueDate: new Date(), reason: `deduction ${d.reason} accepted: ${input.note}`.slice(0, 500), status: "APPLIED", sourceSystem: "cashline-deduction", sourceId: d.id,
        },
      });
    }
    await journalDeduction(tx, d, { kind: "deduction_credit", debitAccount: glAccount, amountMinor: V, key: `deduction-credit:${d.id}` });
    await deductionEvent(tx, d, "deduction.credit_memo_requested", input.correlationId, actor, {
      creditMemoNumber, creditAmount: fromMinor(V, d.currency), glAccount,
      invoice: invoice ? { id: invoice.id, number: invoice.number, billingInvoiceId: invoice.sourceId, sourceSystem: invoice.sourceSystem } : null,
      customer: customer ? { erpAccountNumber: customer.erpAccountNumber, name: customer.name, billingCustomerIds: customer.sourceIds.filter((s) => s.sourceSystem === "billing").map((s) => s.sourceCustomerId) } : null,
      note: input.note,
    });
  }
  if (I > 0n) {
    const payload = { collectAmount: fromMinor(I, d.currency), invoices: invoice ? [invoice.number] : [], reason: `deduction ${d.reason} refused`, note: input.note, dunning: true };
    await deductionEvent(tx, d, "deduction.collection_requested", input.correlationId, actor, payload);
    await deductionEvent(tx, d, "collections.follow_up_requested", input.correlationId, actor, payload);
  }
  const status = V === d.amountMinor ? "VALID" : I === d.amountMinor ? "INVALID" : "PARTIAL";
  await tx.deduction.update({
    where: { id: d.id },
    data: {
      validMinor: V, invalidMinor: I, status, resolvedAt: new Date(), resolvedById: d.proposedById ?? input.actorId, approvedById: input.approvedById,
      resolutionNote: input.note, proposal: Prisma.DbNull,
    },
  });
  await deductionEvent(tx, d, "deduction.resolved", input.correlationId, actor, { status, valid: fromMinor(V, d.currency), invalid: fromMinor(I, d.currency), approvedById: input.approvedById });
  return status;
}
