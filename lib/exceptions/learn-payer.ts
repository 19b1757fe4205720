// Learning from people: when an analyst applies a receipt by hand to one customer, the payer name and account the
// money came from become known for that customer, so the matching engine identifies the next receipt from the
// same payer by itself. Nothing is learned when the cash went to several customers (the payer is then not one
// customer's), or when the customer already knows this name and account.
import type { Actor, ActionContext, LockedReceipt, Tx } from "./action-context.ts";
import { audit, recordEvent } from "./action-context.ts";

const norm = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, "");

export async function learnPayer(tx: Tx, ctx: ActionContext, input: { receipt: LockedReceipt; customerIds: string[]; correlationId: string }): Promise<string | null> {
  const { receipt } = input;
  if (input.customerIds.length !== 1) return null;
  const payerName = receipt.payerName?.trim() || null;
  const payerAccount = receipt.payerAccount?.trim() || null;
  if (!payerName && !payerAccount) return null;
  const customerId = input.customerIds[0]!;
  const customer = await tx.customer.findUniqueOrThrow({ where: { id: customerId }, select: { name: true, aliases: true, payerAccounts: true } });
  const knownName = !payerName || [customer.name, ...customer.aliases].some((a) => norm(a) === norm(payerName));
  const knownAccount = !payerAccount || customer.payerAccounts.includes(payerAccount);
  if (knownName && knownAccount) return null;
  const existing = await tx.learnedPayer.findFirst({ where: { customerId, payerName, payerAccount, revokedAt: null }, select: { id: true } });
  if (existing) return null;
  const learned = await tx.learnedPayer.create({
    data: { customerId, payerName, payerAccount, learnedFromReceiptId: receipt.id, createdById: (ctx.actor as Actor).id },
  });
  await audit(ctx, tx, { action: "payer.learned", targetType: "LearnedPayer", targetId: learned.id, details: { customerId, customer: customer.name, payerName, payerAccount, receiptId: receipt.id } });
  await recordEvent(tx, {
    type: "payer.learned", receiptId: receipt.id, entityId: receipt.entityId, sourceId: learned.id, correlationId: input.correlationId,
    actorId: ctx.actor.id, payload: { customerId, customer: customer.name, payerName, payerAccount },
  });
  return learned.id;
}
