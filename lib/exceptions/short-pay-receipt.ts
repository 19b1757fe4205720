// Short pay: the customer paid less than the invoice. The cash is applied and the rest of each invoice is recorded
// as a deduction with its reason (dispute, discount taken, freight, tax); the invoice stays open for that rest so
// collections can chase or credit it.
import type { z } from "zod";
import { problem } from "../http/problem.ts";
import type { ActionContext } from "./action-context.ts";
import { parseAmount } from "./action-context.ts";
import type { shortPayBody } from "./action-schemas.ts";
import { lockInvoices } from "./execute-plan.ts";
import { runMoneyAction } from "./run-money-action.ts";
import type { PlanLine } from "./validate-plan.ts";

export function shortPayReceipt(ctx: ActionContext, receiptId: string, body: z.infer<typeof shortPayBody>) {
  return runMoneyAction(ctx, {
    receiptId, receiptVersion: body.receiptVersion, note: body.note,
    eventType: "cash.short_paid", auditAction: "receipt.short_paid",
    resolution: `Short pay applied with deductions (${[...new Set(body.lines.map((l) => l.reasonCode))].join(", ")}) by ${ctx.actor.name}`,
    buildLines: async (receipt, tx) => {
      if (new Set(body.lines.map((l) => l.invoiceId)).size !== body.lines.length) throw problem(422, "each invoice once per short pay");
      const invoices = await lockInvoices(tx, body.lines.map((l) => l.invoiceId));
      const lines: PlanLine[] = [];
      body.lines.forEach((l, i) => {
        const amountMinor = parseAmount(l.amount, receipt.currency, `lines.${i}.amount`);
        const inv = invoices.get(l.invoiceId);
        if (!inv) throw problem(422, `invoice ${l.invoiceId} not found`);
        const remainder = inv.openAmountMinor - amountMinor;
        if (remainder <= 0n) throw problem(422, `invoice ${inv.number} would be paid in full: use apply, not short pay`);
        lines.push({ kind: "INVOICE", invoiceId: l.invoiceId, amountMinor }, { kind: "DEDUCTION", invoiceId: l.invoiceId, amountMinor: remainder, reasonCode: l.reasonCode });
      });
      return lines;
    },
  });
}
