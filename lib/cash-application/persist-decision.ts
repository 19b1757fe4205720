// Writes one engine decision for one receipt, in its own transaction, safely against concurrent workers and
// analysts: the receipt row is locked and must still be in the state the decision was made for; the invoices are
// locked (in id order, so two workers never deadlock) and must still have the open amounts being applied. An
// applied decision becomes Application rows, lower invoice balances, the timeline steps identified → matched →
// applied, and the ERP posting request; an exception becomes the receipt's exception state and a case.
import { db, Prisma } from "../db/client.ts";
import { toMinor } from "../money/money.ts";
import type { Decision } from "../cashapp/engine.ts";
import { openExceptionCase } from "../exceptions/open-exception-case.ts";
import { transitionReceipt } from "../workflow/transition-receipt.ts";
import type { ReceiptState } from "../workflow/receipt-states.ts";
import { requestErpPosting } from "../posting/request-erp-posting.ts";

const STATE_FOR_CODE: Record<string, ReceiptState> = {
  UNIDENTIFIED: "UNIDENTIFIED", AMBIGUOUS: "NEEDS_REVIEW", ALREADY_PAID: "NEEDS_REVIEW", CURRENCY_MISMATCH: "NEEDS_REVIEW",
  SHORT_PAY: "SHORT_PAY", OVERPAYMENT: "OVERPAYMENT", DUPLICATE: "DUPLICATE",
};

export type PersistResult = "applied" | "exception" | "skipped" | "conflict";

export async function persistDecision(receiptId: string, expectedStates: readonly ReceiptState[], decision: Decision, correlationId: string, priority = 0): Promise<PersistResult> {
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ state: ReceiptState; amountMinor: bigint; currency: string; entityId: string }[]>`
      select state, "amountMinor", currency, "entityId" from "Receipt" where id = ${receiptId} for update`;
    if (!row || !expectedStates.includes(row.state)) return "skipped"; // someone else (worker or analyst) got there first
    const c = row.currency;
    const apps = decision.applications.map((a) => ({ invoiceId: a.invoice_id, amountMinor: toMinor(a.amount, c) }));
    const invoiceIds = [...new Set(apps.map((a) => a.invoiceId))].sort();
    const invoices = invoiceIds.length
      ? await tx.$queryRaw<{ id: string; customerId: string; openAmountMinor: bigint; number: string }[]>`
          select id, "customerId", "openAmountMinor", number from "Invoice" where id in (${Prisma.join(invoiceIds)}) order by id for update`
      : [];
    const byId = new Map(invoices.map((i) => [i.id, i]));
    const customerId = invoices[0]?.customerId ?? null;
    const matchDecision = { ...decision, engine: "cashapp" } as unknown as Prisma.InputJsonValue;

    if (decision.outcome === "applied") {
      const short = apps.find((a) => (byId.get(a.invoiceId)?.openAmountMinor ?? -1n) < a.amountMinor);
      if (short) return "conflict"; // an invoice was paid meanwhile: decide again with fresh balances
      for (const a of apps) {
        const inv = byId.get(a.invoiceId)!;
        const open = inv.openAmountMinor - a.amountMinor;
        await tx.invoice.update({ where: { id: a.invoiceId }, data: { openAmountMinor: open, status: open === 0n ? "PAID" : "PARTIALLY_PAID", version: { increment: 1 } } });
        await tx.application.create({ data: { receiptId, invoiceId: a.invoiceId, customerId: inv.customerId, kind: "INVOICE", amountMinor: a.amountMinor, currency: c, appliedByType: "engine", ruleVersion: decision.rule_version } });
      }
      if (decision.write_off) {
        await tx.application.create({ data: { receiptId, customerId, kind: "WRITE_OFF", amountMinor: toMinor(decision.write_off.amount, c), currency: c, reasonCode: decision.write_off.reason, appliedByType: "engine", ruleVersion: decision.rule_version } });
      }
      const extra = { customerId, unappliedMinor: 0n, matchDecision, ruleVersion: decision.rule_version };
      const base = { receiptId, correlationId, actor: { type: "engine" as const, id: decision.rule_version } };
      let from = row.state;
      if (from === "RECEIVED") {
        await transitionReceipt(tx, { ...base, from, to: "IDENTIFIED", eventType: "customer.identified", payload: { customerId, reasons: decision.reasons.filter((r) => /payer|customer/i.test(r)) }, extra: { customerId } });
        await transitionReceipt(tx, { ...base, from: "IDENTIFIED", to: "MATCHED", eventType: "cash.matched", payload: { invoices: invoices.map((i) => i.number), confidence: decision.confidence } });
        from = "MATCHED";
      }
      await transitionReceipt(tx, { ...base, from, to: "APPLIED", eventType: "cash.applied", payload: { applications: decision.applications, writeOff: decision.write_off, reasons: decision.reasons, ruleVersion: decision.rule_version }, extra });
      await tx.exceptionCase.updateMany({ where: { receiptId, status: { notIn: ["RESOLVED", "CANCELLED"] } }, data: { status: "RESOLVED", resolvedAt: new Date(), resolution: `auto-applied by the engine (${decision.rule_version}) once the data allowed it` } });
      await requestErpPosting(tx, { receiptId, correlationId, priority });
      return "applied";
    }

    const to = STATE_FOR_CODE[decision.exception_code ?? "UNIDENTIFIED"] ?? "NEEDS_REVIEW";
    if (row.state !== to) {
      await transitionReceipt(tx, {
        receiptId, from: row.state, to, eventType: "cash.exception", correlationId, exceptionCode: decision.exception_code,
        actor: { type: "engine", id: decision.rule_version }, payload: { reasons: decision.reasons, suggestion: decision.applications, confidence: decision.confidence },
        extra: { customerId: customerId ?? undefined, matchDecision, ruleVersion: decision.rule_version },
      });
    }
    await openExceptionCase(tx, {
      code: (decision.exception_code ?? "UNIDENTIFIED") as never, entityId: row.entityId, receiptId, correlationId,
      priority: row.amountMinor >= 1_000_000n ? "HIGH" : "NORMAL", slaHours: decision.exception_code === "DUPLICATE" ? 24 : 48,
      amountMinor: row.amountMinor, currency: c, reasons: decision.reasons,
      suggestion: { applications: decision.applications.map((a) => ({ ...a, invoiceNumber: byId.get(a.invoice_id)?.number })), writeOff: decision.write_off, confidence: decision.confidence, ruleVersion: decision.rule_version },
    });
    return "exception";
  }, { timeout: 30_000 });
}
