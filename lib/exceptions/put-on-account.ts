// On account: the cash is the customer's but belongs to no invoice yet; it is held as unapplied cash for them
// (journal: credit unapplied cash), to be applied when the customer says what it pays.
import type { z } from "zod";
import type { ActionContext } from "./action-context.ts";
import { parseAmount } from "./action-context.ts";
import type { onAccountBody } from "./action-schemas.ts";
import { runMoneyAction } from "./run-money-action.ts";

export function putOnAccount(ctx: ActionContext, receiptId: string, body: z.infer<typeof onAccountBody>) {
  return runMoneyAction(ctx, {
    receiptId, receiptVersion: body.receiptVersion, note: body.note,
    eventType: "cash.put_on_account", auditAction: "receipt.put_on_account", resolution: `Put on account by ${ctx.actor.name}`,
    buildLines: (receipt) => [{
      kind: "ON_ACCOUNT", customerId: body.customerId,
      amountMinor: body.amount ? parseAmount(body.amount, receipt.currency) : receipt.unappliedMinor,
    }],
  });
}
