// Split a receipt across invoices (of one or several customers) and/or on-account parts. The parts must add up to
// exactly what the receipt has unapplied: a split that leaves cash over or asks for more is refused.
import type { z } from "zod";
import { problem } from "../http/problem.ts";
import { formatMoney } from "../money/money.ts";
import type { ActionContext } from "./action-context.ts";
import { parseAmount } from "./action-context.ts";
import type { splitBody } from "./action-schemas.ts";
import { runMoneyAction } from "./run-money-action.ts";
import type { PlanLine } from "./validate-plan.ts";

export function splitReceipt(ctx: ActionContext, receiptId: string, body: z.infer<typeof splitBody>) {
  return runMoneyAction(ctx, {
    receiptId, receiptVersion: body.receiptVersion, note: body.note,
    eventType: "cash.split", auditAction: "receipt.split", resolution: `Split across ${body.parts.length} parts by ${ctx.actor.name}`,
    buildLines: (receipt) => {
      const lines: PlanLine[] = body.parts.map((p, i) => {
        const amountMinor = parseAmount(p.amount, receipt.currency, `parts.${i}.amount`);
        return p.kind === "INVOICE" ? { kind: "INVOICE", invoiceId: p.invoiceId, amountMinor } : { kind: "ON_ACCOUNT", customerId: p.customerId, amountMinor };
      });
      const total = lines.reduce((s, l) => s + l.amountMinor, 0n);
      if (total !== receipt.unappliedMinor) {
        const diff = total - receipt.unappliedMinor;
        throw problem(422, `the parts add up to ${formatMoney(total, receipt.currency)} but the receipt has ${formatMoney(receipt.unappliedMinor, receipt.currency)} to split (${formatMoney(diff < 0n ? -diff : diff, receipt.currency)} ${diff < 0n ? "short" : "too much"}): the parts must add up exactly`);
      }
      return lines;
    },
  });
}
