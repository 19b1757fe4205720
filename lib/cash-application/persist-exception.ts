// Writes one engine exception decision for one receipt, in its own transaction, safely against concurrent workers
// and analysts: the receipt row is locked and must still be in the state the decision was made for. The receipt
// moves to its exception state and a case opens in the work queue with the engine's reasons and suggestion.
// (Applied decisions are written in batches: persist-applied-batch.ts.)
import { db, Prisma } from "../db/client.ts";
import type { Decision } from "../cashapp/engine.ts";
import { openExceptionCase } from "../exceptions/open-exception-case.ts";
import { transitionReceipt } from "../workflow/transition-receipt.ts";
import { canTransition, type ReceiptState } from "../workflow/receipt-states.ts";

const STATE_FOR_CODE: Record<string, ReceiptState> = {
  UNIDENTIFIED: "UNIDENTIFIED", AMBIGUOUS: "NEEDS_REVIEW", ALREADY_PAID: "NEEDS_REVIEW", CURRENCY_MISMATCH: "NEEDS_REVIEW",
  SHORT_PAY: "SHORT_PAY", OVERPAYMENT: "OVERPAYMENT", DUPLICATE: "DUPLICATE",
};

type SuggestedInvoice = { id: string; number: string; openAmountMinor: bigint; status: string };
const isOpen = (i: SuggestedInvoice | undefined) => !!i && i.openAmountMinor > 0n && (i.status === "OPEN" || i.status === "PARTIALLY_PAID");

/**
 * What the case suggests: never a paid invoice (ALREADY_PAID names them as `paidInvoices`, the link to check), never
 * applying a duplicate to the invoice it duplicates (`duplicateOf` names the original receipt instead), and for
 * AMBIGUOUS every fitting set the engine found, each one click to apply.
 */
export function caseSuggestion(decision: Decision, code: string, byId: Map<string, SuggestedInvoice>) {
  const line = (a: { invoice_id: string; amount: string }) => ({ ...a, invoiceId: a.invoice_id, invoiceNumber: byId.get(a.invoice_id)?.number });
  const open = code === "DUPLICATE" ? [] : decision.applications.filter((a) => isOpen(byId.get(a.invoice_id)));
  const paid = [...new Set([...decision.applications.filter((a) => !isOpen(byId.get(a.invoice_id))).map((a) => a.invoice_id), ...(decision.paid_invoice_ids ?? [])])];
  const duplicateOf = code === "DUPLICATE" ? /as receipt (\S+)$/.exec(decision.reasons[0] ?? "")?.[1] ?? null : null;
  const sets = (decision.candidate_sets ?? []).filter((set) => set.every((a) => isOpen(byId.get(a.invoice_id)))).map((set) => set.map(line));
  return {
    applications: open.map(line), writeOff: decision.write_off, confidence: decision.confidence, ruleVersion: decision.rule_version,
    ...(code === "ALREADY_PAID" && paid.length ? { paidInvoices: paid.map((id) => ({ invoiceId: id, invoiceNumber: byId.get(id)?.number ?? null })) } : {}),
    ...(duplicateOf ? { duplicateOf } : {}),
    ...(sets.length ? { candidateSets: sets } : {}),
  };
}

export type PersistResult = "applied" | "exception" | "skipped" | "conflict";

export async function persistException(receiptId: string, expectedStates: readonly ReceiptState[], decision: Decision, correlationId: string): Promise<PersistResult> {
  if (decision.outcome === "applied") throw new Error(`receipt ${receiptId}: an applied decision is written by persistAppliedBatch`);
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ state: ReceiptState; amountMinor: bigint; currency: string; entityId: string }[]>`
      select state, "amountMinor", currency, "entityId" from "Receipt" where id = ${receiptId} for update`;
    if (!row || !expectedStates.includes(row.state)) return "skipped"; // someone else (worker or analyst) got there first
    const c = row.currency;
    const invoiceIds = [...new Set([...[...decision.applications, ...(decision.candidate_sets ?? []).flat()].map((a) => a.invoice_id), ...(decision.paid_invoice_ids ?? [])])];
    // The suggestion's invoices, read (not locked: nothing is applied to them) for their numbers and customer.
    const invoices = invoiceIds.length
      ? await tx.$queryRaw<{ id: string; customerId: string; openAmountMinor: bigint; number: string; status: string }[]>`
          select id, "customerId", "openAmountMinor", number, status::text as status from "Invoice" where id in (${Prisma.join(invoiceIds)})`
      : [];
    const byId = new Map(invoices.map((i) => [i.id, i]));
    const customerId = invoices[0]?.customerId ?? null;
    const matchDecision = { ...decision, engine: "cashapp" } as unknown as Prisma.InputJsonValue;

    const to = STATE_FOR_CODE[decision.exception_code ?? "UNIDENTIFIED"] ?? "NEEDS_REVIEW";
    const code = decision.exception_code ?? "UNIDENTIFIED";
    // A re-decision (remittance mode) whose exception cannot be reached from where the receipt is keeps its case.
    if (row.state !== to && !canTransition(row.state, to)) return "skipped";
    if (decision.remittance) await tx.remittanceAdvice.updateMany({ where: { receiptId }, data: { status: "EXCEPTION" } });
    if (row.state === to) {
      // Same state, new decision: the receipt's decision JSON must say what its case says.
      await tx.receipt.update({ where: { id: receiptId }, data: { matchDecision, ruleVersion: decision.rule_version, ...(customerId ? { customerId } : {}) } });
    }
    if (row.state !== to) {
      await transitionReceipt(tx, {
        receiptId, from: row.state, to, eventType: "cash.exception", correlationId, exceptionCode: decision.exception_code,
        actor: { type: "engine", id: decision.rule_version }, payload: { reasons: decision.reasons, suggestion: decision.applications, confidence: decision.confidence },
        extra: { customerId: customerId ?? undefined, matchDecision, ruleVersion: decision.rule_version },
      });
    }
    await openExceptionCase(tx, {
      code: code as never, entityId: row.entityId, receiptId, correlationId,
      priority: row.amountMinor >= 1_000_000n ? "HIGH" : "NORMAL", slaHours: decision.exception_code === "DUPLICATE" ? 24 : 48,
      amountMinor: row.amountMinor, currency: c, reasons: decision.reasons,
      suggestion: caseSuggestion(decision, code, byId),
    });
    return "exception";
  }, { timeout: 30_000 });
}
