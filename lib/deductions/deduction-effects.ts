// What resolving a deduction does to the books and the timeline, shared by the auto-rule and people's decisions.
import type { Prisma } from "../db/generated/client.ts";
import { fromMinor } from "../money/money.ts";
import { GL } from "../posting/gl-accounts.ts";

type DeductionRow = { id: string; entityId: string; receiptId: string | null; invoiceId: string | null; customerId: string | null; currency: string; amountMinor: bigint; reason: string };
type Actor = { type: "user" | "engine" | "system"; id: string | null };

/** The invoice's residual (what the customer kept) closes by `amountMinor`: credited or written off. */
export async function closeInvoiceResidual(tx: Prisma.TransactionClient, invoiceId: string, amountMinor: bigint): Promise<void> {
  const [inv] = await tx.$queryRaw<{ openAmountMinor: bigint }[]>`select "openAmountMinor" from "Invoice" where id = ${invoiceId} for update`;
  if (!inv) throw new Error(`invoice ${invoiceId} not found`);
  const open = inv.openAmountMinor - amountMinor;
  if (open < 0n) throw new Error(`invoice ${invoiceId}: closing ${amountMinor} would leave it below zero (open ${inv.openAmountMinor})`);
  await tx.invoice.update({ where: { id: invoiceId }, data: { openAmountMinor: open, status: open === 0n ? "PAID" : "PARTIALLY_PAID", version: { increment: 1 } } });
}

/** Dr the reason's GL account / Cr receivables (a local journal: the ERP learns of it with the credit memo). */
export async function journalDeduction(tx: Prisma.TransactionClient, d: DeductionRow, input: { kind: string; debitAccount: string; amountMinor: bigint; key: string }): Promise<string> {
  const memo = `deduction ${d.id} (${d.reason})`;
  const entry = await tx.journalEntry.create({
    data: {
      entityId: d.entityId, currency: d.currency, receiptId: null, kind: input.kind, status: "POSTED", postedAt: new Date(), memo, idempotencyKey: input.key,
      lines: { create: [
        { account: input.debitAccount, debitMinor: input.amountMinor, creditMinor: 0n, description: memo },
        { account: GL.receivables, debitMinor: 0n, creditMinor: input.amountMinor, description: memo },
      ] },
    },
    select: { id: true },
  });
  return entry.id;
}

/** A step of the deduction on its payment's timeline (and, for outbound types, to subscribers). */
export async function deductionEvent(tx: Prisma.TransactionClient, d: DeductionRow, type: string, correlationId: string | null, actor: Actor, payload: Record<string, unknown> = {}, sourceSuffix = ""): Promise<void> {
  const now = new Date();
  await tx.workflowEvent.createMany({
    data: [{
      type, receiptId: d.receiptId, invoiceId: d.invoiceId, entityId: d.entityId, sourceSystem: "cashline", sourceId: `${d.id}${sourceSuffix}`, correlationId,
      actorType: actor.type, actorId: actor.id, occurredAt: now, recordedAt: now,
      businessKeys: { deductionId: d.id } as Prisma.InputJsonValue,
      payload: { deductionId: d.id, reason: d.reason, amount: fromMinor(d.amountMinor, d.currency), currency: d.currency, customerId: d.customerId, ...payload } as Prisma.InputJsonValue,
    }],
    skipDuplicates: true,
  });
}
