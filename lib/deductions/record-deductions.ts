// Deductions the engine's applied decision carries (Decision.deductions: what an advice explains of a short
// payment) become Deduction work items, in the applying transaction (invoices already locked by it). Each gets its
// reason's owner team and SLA; one under its reason's auto-write-off threshold is written off at once to the
// reason's GL account (journal Dr reason GL / Cr receivables, the invoice residual closed). Idempotent on
// receipt + invoice + reason: a decision written again adds nothing.
import type { Prisma } from "../db/generated/client.ts";
import type { DeductionDecision } from "../cashapp/types.ts";
import { toMinor } from "../money/money.ts";
import { ensureReasonCodes } from "../remittance/default-reason-codes.ts";
import { closeInvoiceResidual, deductionEvent, journalDeduction } from "./deduction-effects.ts";

export type DeductionSource = { receiptId: string; currency: string; correlationId: string; deductions: DeductionDecision[] };

export async function recordDeductions(tx: Prisma.TransactionClient, items: DeductionSource[]): Promise<{ created: number; autoWrittenOff: number }> {
  let created = 0;
  let autoWrittenOff = 0;
  for (const item of items) {
    const invoiceIds = [...new Set(item.deductions.map((d) => d.invoice_id))];
    const invoices = new Map((await tx.invoice.findMany({ where: { id: { in: invoiceIds } }, select: { id: true, entityId: true, customerId: true, number: true } })).map((i) => [i.id, i]));
    const lines = await tx.remittanceLine.findMany({ where: { advice: { receiptId: item.receiptId } }, select: { id: true, invoiceId: true, document: true } });
    for (const d of item.deductions) {
      const inv = invoices.get(d.invoice_id);
      if (!inv) throw new Error(`receipt ${item.receiptId}: deduction on unknown invoice ${d.invoice_id}`);
      const naturalKey = `${item.receiptId}:${inv.id}:${d.reason}`;
      if (await tx.deduction.findUnique({ where: { naturalKey }, select: { id: true } })) continue;
      await ensureReasonCodes(tx, inv.entityId);
      const reason = (await tx.deductionReasonCode.findUnique({ where: { entityId_code: { entityId: inv.entityId, code: d.reason } } }))
        ?? (await tx.deductionReasonCode.findUniqueOrThrow({ where: { entityId_code: { entityId: inv.entityId, code: "OTHER" } } }));
      const amountMinor = toMinor(d.amount, item.currency);
      const auto = amountMinor < reason.autoWriteOffMinor;
      const line = lines.find((l) => l.invoiceId === inv.id) ?? lines.find((l) => l.document === inv.number);
      const deduction = await tx.deduction.create({
        data: {
          naturalKey, entityId: inv.entityId, customerId: inv.customerId, invoiceId: inv.id, receiptId: item.receiptId, adviceLineId: line?.id ?? null,
          reason: reason.code, externalCode: d.code ?? null, text: d.text ?? null, currency: item.currency, amountMinor, ownerTeam: reason.ownerTeam,
          dueDate: new Date(Date.now() + reason.slaDays * 86_400_000),
          ...(auto ? { status: "WRITTEN_OFF" as const, writtenOffMinor: amountMinor, resolvedAt: new Date(), resolutionNote: `auto-rule: under the ${reason.code} threshold` } : {}),
        },
      });
      created++;
      await deductionEvent(tx, deduction, "deduction.opened", item.correlationId, { type: "engine", id: null }, { routedTo: reason.ownerTeam, dueDate: deduction.dueDate.toISOString().slice(0, 10) });
      if (auto) {
        autoWrittenOff++;
        await closeInvoiceResidual(tx, inv.id, amountMinor);
        await journalDeduction(tx, deduction, { kind: "deduction_write_off", debitAccount: reason.glAccount, amountMinor, key: `deduction-write-off:${deduction.id}` });
        await deductionEvent(tx, deduction, "deduction.written_off", item.correlationId, { type: "engine", id: null }, { glAccount: reason.glAccount, rule: "auto-write-off threshold" });
      }
    }
  }
  return { created, autoWrittenOff };
}
