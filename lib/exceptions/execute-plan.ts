// Carries out a validated allocation plan on a locked receipt: invoices locked (in id order, so two receipts
// paying the same invoice never deadlock) and re-checked, Application rows written, invoice and receipt balances
// moved, and one timeline event for the action.
import { fromMinor } from "../money/money.ts";
import type { LockedReceipt, Tx } from "./action-context.ts";
import { recordEvent } from "./action-context.ts";
import { validatePlan, type PlanCustomer, type PlanInvoice, type PlanLine } from "./validate-plan.ts";

export type PlanOutcome = { applicationIds: string[]; unappliedAfterMinor: bigint; customerIds: string[]; version: number };

export async function lockInvoices(tx: Tx, ids: string[]): Promise<Map<string, PlanInvoice>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.$queryRaw<PlanInvoice[]>`
    select id, number, "entityId", "customerId", currency, "amountMinor", "openAmountMinor", status::text as status
    from "Invoice" where id = any(${ids}::text[]) order by id for update`;
  return new Map(rows.map((r) => [r.id, r]));
}

/** Validates against locked balances only; nothing is written (used to check a write-off before proposing it). */
export async function checkPlan(tx: Tx, receipt: LockedReceipt, lines: PlanLine[]) {
  const invoiceIds = [...new Set(lines.flatMap((l) => ("invoiceId" in l && l.invoiceId ? [l.invoiceId] : [])))];
  const customerIds = [...new Set(lines.flatMap((l) => (l.kind === "ON_ACCOUNT" ? [l.customerId] : [])))];
  const invoices = await lockInvoices(tx, invoiceIds);
  const customers = new Map<string, PlanCustomer>(
    (await tx.customer.findMany({ where: { id: { in: customerIds } }, select: { id: true, entityId: true, name: true } })).map((c) => [c.id, c]),
  );
  return { invoices, effect: validatePlan(receipt, lines, invoices, customers) };
}

export async function executePlan(tx: Tx, input: {
  receipt: LockedReceipt; lines: PlanLine[]; appliedById: string; approvedById?: string; eventType: string; correlationId: string;
  exceptionCode?: string | null; payload?: Record<string, unknown>;
}): Promise<PlanOutcome> {
  const { receipt, lines } = input;
  const { invoices, effect } = await checkPlan(tx, receipt, lines);
  const appliedAt = new Date();
  const applicationIds: string[] = [];
  for (const l of lines) {
    const invoiceId = "invoiceId" in l ? (l.invoiceId ?? null) : null;
    const customerId = l.kind === "ON_ACCOUNT" ? l.customerId : invoiceId ? invoices.get(invoiceId)!.customerId : receipt.customerId;
    const app = await tx.application.create({
      data: {
        receiptId: receipt.id, invoiceId, customerId, kind: l.kind, amountMinor: l.amountMinor, currency: receipt.currency,
        reasonCode: "reasonCode" in l ? l.reasonCode : null, appliedByType: "user", appliedById: input.appliedById, approvedById: input.approvedById ?? null, appliedAt,
      },
      select: { id: true },
    });
    applicationIds.push(app.id);
  }
  for (const [id, after] of effect.invoices) {
    await tx.invoice.update({ where: { id }, data: { openAmountMinor: after.openAmountMinor, status: after.status, version: { increment: 1 } } });
  }
  // Cash put against one customer's invoices identifies the payer as that customer.
  const identifies = !receipt.customerId && effect.customerIds.length === 1 ? effect.customerIds[0]! : undefined;
  const updated = await tx.receipt.update({
    where: { id: receipt.id },
    data: { unappliedMinor: effect.unappliedAfterMinor, ...(identifies ? { customerId: identifies } : {}), version: { increment: 1 } },
    select: { version: true },
  });
  await recordEvent(tx, {
    type: input.eventType, receiptId: receipt.id, entityId: receipt.entityId, sourceId: `${receipt.id}:v${updated.version}`,
    correlationId: input.correlationId, actorId: input.appliedById, exceptionCode: input.exceptionCode, at: appliedAt,
    payload: {
      ...input.payload,
      lines: lines.map((l) => ({
        kind: l.kind, amount: fromMinor(l.amountMinor, receipt.currency),
        invoice: "invoiceId" in l && l.invoiceId ? invoices.get(l.invoiceId)?.number ?? l.invoiceId : undefined,
        customerId: l.kind === "ON_ACCOUNT" ? l.customerId : undefined, reasonCode: "reasonCode" in l ? l.reasonCode : undefined,
      })),
      unappliedAfter: fromMinor(effect.unappliedAfterMinor, receipt.currency),
    },
  });
  return { applicationIds, unappliedAfterMinor: effect.unappliedAfterMinor, customerIds: effect.customerIds, version: updated.version };
}
