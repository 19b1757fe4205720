// Apply a receipt to one or several invoices, each in full or in part.
import type { z } from "zod";
import type { ActionContext } from "./action-context.ts";
import { parseAmount } from "./action-context.ts";
import type { applyBody } from "./action-schemas.ts";
import { runMoneyAction } from "./run-money-action.ts";

export function applyReceipt(ctx: ActionContext, receiptId: string, body: z.infer<typeof applyBody>) {
  return runMoneyAction(ctx, {
    receiptId, receiptVersion: body.receiptVersion, note: body.note,
    eventType: "cash.applied", auditAction: "receipt.applied", resolution: `Applied by ${ctx.actor.name}`,
    buildLines: (receipt) => body.lines.map((l, i) => ({ kind: "INVOICE" as const, invoiceId: l.invoiceId, amountMinor: parseAmount(l.amount, receipt.currency, `lines.${i}.amount`) })),
  });
}
