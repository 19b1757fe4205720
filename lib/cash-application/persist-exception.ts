// Writes one engine exception decision for one receipt, in its own transaction, safely against concurrent workers
// and analysts: the receipt row is locked and must still be in the state the decision was made for. The receipt
// moves to its exception state and a case opens in the work queue with the engine's reasons and suggestion.
// (Applied decisions are written in batches: persist-applied-batch.ts.)
import { db, Prisma } from "../db/client.ts";
import type { Decision } from "../cashapp/engine.ts";
import { openExceptionCase } from "../exceptions/open-exception-case.ts";
import { transitionReceipt } from "../workflow/transition-receipt.ts";
import type { ReceiptState } from "../workflow/receipt-states.ts";

const STATE_FOR_CODE: Record<string, ReceiptState> = {
  UNIDENTIFIED: "UNIDENTIFIED", AMBIGUOUS: "NEEDS_REVIEW", ALREADY_PAID: "NEEDS_REVIEW", CURRENCY_MISMATCH: "NEEDS_REVIEW",
  SHORT_PAY: "SHORT_PAY", OVERPAYMENT: "OVERPAYMENT", DUPLICATE: "DUPLICATE",
};

export type PersistResult = "applied" | "exception" | "skipped" | "conflict";

export async function persistException(receiptId: string, expectedStates: readonly ReceiptState[], decision: Decision, correlationId: string): Promise<PersistResult> {
  if (decision.outcome === "applied") throw new Error(`receipt ${receiptId}: an applied decision is written by persistAppliedBatch`);
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ state: ReceiptState; amountMinor: bigint; currency: string; entityId: string }[]>`
      select state, "amountMinor", currency, "entityId" from "Receipt" where id = ${receiptId} for update`;
    if (!row || !expectedStates.includes(row.state)) return "skipped"; // someone else (worker or analyst) got there first
    const c = row.currency;
    const invoiceIds = [...new Set(decision.applications.map((a) => a.invoice_id))];
    // The suggestion's invoices, read (not locked: nothing is applied to them) for their numbers and customer.
    const invoices = invoiceIds.length
      ? await tx.$queryRaw<{ id: string; customerId: string; openAmountMinor: bigint; number: string }[]>`
          select id, "customerId", "openAmountMinor", number from "Invoice" where id in (${Prisma.join(invoiceIds)})`
      : [];
    const byId = new Map(invoices.map((i) => [i.id, i]));
    const customerId = invoices[0]?.customerId ?? null;
    const matchDecision = { ...decision, engine: "cashapp" } as unknown as Prisma.InputJsonValue;

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
