// Learning from people: when an analyst applies a receipt by hand to one customer, the payer name and account the
// money came from are PROPOSED for that customer. A proposal does not count for matching until it has gone, with
// others, through a learned-payers draft: backtested on history and approved by a second person
// (lib/cash-application/draft-learned-payers.ts) — never silently. Nothing is learned when the cash went to several customers (the payer is then not one
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
    data: { customerId, payerName, payerAccount, learnedFromReceiptId: receipt.id, createdById: (ctx.actor as Actor).id, activatedAt: null },
  });
  await audit(ctx, tx, { action: "payer.learning_proposed", targetType: "LearnedPayer", targetId: learned.id, details: { customerId, customer: customer.name, payerName, payerAccount, receiptId: receipt.id } });
  await recordEvent(tx, {
    type: "payer.learning_proposed", receiptId: receipt.id, entityId: receipt.entityId, sourceId: learned.id, correlationId: input.correlationId,
    actorId: ctx.actor.id, payload: { customerId, customer: customer.name, payerName, payerAccount },
  });
  return learned.id;
}
