// Returns and notifications of change among a batch's new lines, in the file's transaction.
// A return debit takes back an earlier credit: the receipt it returns (found by the original trace / reference,
// else by amount and payer) moves to RETURNED through the state machine and a RETURNED case is opened; when the
// receipt cannot be found the case is opened on the bank line itself. A return credit is one of our own
// payments coming back (no receipt). A NACHA notification of change (C-code) carries corrected account data for a
// payer: it goes on the timeline and into a low-priority case so someone updates the payer's details.
import type { Prisma } from "../db/generated/client.ts";
import { openExceptionCase } from "../exceptions/open-exception-case.ts";
import { formatMoney } from "../money/money.ts";
import { canTransition, type ReceiptState } from "../workflow/receipt-states.ts";
import { transitionReceipt } from "../workflow/transition-receipt.ts";
import { describeReason } from "./reason-codes.ts";
import type { BatchContext, LineRow } from "./store-line-batch.ts";

type Found = { id: string; state: ReceiptState; entityId: string; payerName: string | null };

export async function recordReturnsAndNotices(tx: Prisma.TransactionClient, lines: LineRow[], ctx: BatchContext): Promise<number> {
  let cases = 0;
  for (const line of lines) {
    if (line.kind === "return" && line.amountMinor < 0n) cases += await recordReturn(tx, line, ctx);
    else if (line.kind === "return") cases += await recordReturnedOutgoing(tx, line, ctx);
    else if (line.kind === "notice") cases += await recordNoticeOfChange(tx, line, ctx);
  }
  return cases;
}

function lineLabel(line: LineRow): string {
  const amount = formatMoney(line.amountMinor < 0n ? -line.amountMinor : line.amountMinor, line.currency);
  return `bank line ${line.bankReference ?? line.id} (${line.amountMinor < 0n ? "debit" : "credit"} of ${amount} on ${line.valueDate})`;
}

/** The original receipt: by reference first (NACHA original trace, end-to-end id, bank reference), else amount + payer. */
async function findOriginalReceipt(tx: Prisma.TransactionClient, line: LineRow, mode: "return" | "notice"): Promise<Found | null> {
  // A return takes back a live receipt; a notification of change may concern one already returned.
  const state = mode === "return" ? { not: "RETURNED" as const } : undefined;
  const refs = [...new Set([line.customerReference, line.bankReference].filter((r): r is string => !!r))];
  const amount = line.amountMinor < 0n ? -line.amountMinor : line.amountMinor;
  const select = { id: true, state: true, entityId: true, payerName: true, amountMinor: true } as const;
  if (refs.length > 0) {
    const viaLines = await tx.bankTransaction.findMany({
      where: { bankAccountId: line.bankAccountId, receiptId: { not: null }, OR: [{ customerReference: { in: refs } }, { bankReference: { in: refs } }] },
      select: { receiptId: true }, take: 20,
    });
    const candidates = await tx.receipt.findMany({
      where: { bankAccountId: line.bankAccountId, state, OR: [{ bankReference: { in: refs } }, { id: { in: viaLines.map((l) => l.receiptId!) } }] },
      select, orderBy: { valueDate: "desc" }, take: 20,
    });
    const best = candidates.find((c) => c.amountMinor === amount) ?? candidates[0];
    if (best) return best;
  }
  if (mode === "notice" || (!line.counterpartyName && !line.counterpartyAccount)) return null;
  return tx.receipt.findFirst({
    where: {
      bankAccountId: line.bankAccountId, amountMinor: amount, state, valueDate: { lte: new Date(`${line.valueDate}T00:00:00Z`) },
      OR: [
        ...(line.counterpartyAccount ? [{ payerAccount: line.counterpartyAccount }] : []),
        ...(line.counterpartyName ? [{ payerName: { equals: line.counterpartyName.trim(), mode: "insensitive" as const } }] : []),
      ],
    },
    select, orderBy: { valueDate: "desc" },
  });
}

async function recordReturn(tx: Prisma.TransactionClient, line: LineRow, ctx: BatchContext): Promise<number> {
  const receipt = await findOriginalReceipt(tx, line, "return");
  const why = `${lineLabel(line)} returns a payment: ${describeReason(line.reasonCode)}`;
  const base = {
    code: "RETURNED" as const, priority: "HIGH" as const, slaHours: 24, bankAccountId: line.bankAccountId, amountMinor: -line.amountMinor,
    currency: line.currency, correlationId: ctx.correlationId, documentId: ctx.documentId,
    suggestion: { bankTransactionId: line.id, reasonCode: line.reasonCode, originalReference: line.customerReference },
  };
  if (!receipt) {
    const refs = [line.customerReference, line.bankReference].filter(Boolean).join(" / ") || "none";
    await openExceptionCase(tx, {
      ...base, entityId: line.entityId, subjectType: "BankTransaction", subjectId: line.id,
      reasons: [why, `no receipt found for it (original reference ${refs}; amount and payer ${line.counterpartyName ?? "unknown"}): find the payment it returns`],
    });
    return 1;
  }
  const reasons = [why];
  if (canTransition(receipt.state, "RETURNED")) {
    await transitionReceipt(tx, {
      receiptId: receipt.id, from: receipt.state, to: "RETURNED", eventType: "payment.returned", correlationId: ctx.correlationId,
      exceptionCode: "RETURNED", occurredAt: new Date(`${line.valueDate}T00:00:00Z`),
      payload: { reasonCode: line.reasonCode, reason: describeReason(line.reasonCode), bankTransactionId: line.id, bankReference: line.bankReference, documentId: ctx.documentId },
    });
    const live = await tx.application.count({ where: { receiptId: receipt.id, reversedAt: null } });
    if (live > 0) reasons.push(`the receipt was ${receipt.state} with ${live} application(s): reverse them, and the cash receipt in the ERP`);
    // The money is gone: what was open on the receipt (unidentified, short pay…) no longer needs working.
    await tx.exceptionCase.updateMany({
      where: { receiptId: receipt.id, code: { not: "RETURNED" }, status: { notIn: ["RESOLVED", "CANCELLED"] } },
      data: { status: "CANCELLED", resolution: `payment returned by the bank: ${describeReason(line.reasonCode)}`, resolvedAt: new Date(), version: { increment: 1 } },
    });
  } else {
    reasons.push(`the receipt is ${receipt.state} and cannot be marked returned automatically: settle it by hand`);
  }
  await openExceptionCase(tx, { ...base, entityId: receipt.entityId, receiptId: receipt.id, reasons });
  return 1;
}

async function recordReturnedOutgoing(tx: Prisma.TransactionClient, line: LineRow, ctx: BatchContext): Promise<number> {
  await openExceptionCase(tx, {
    code: "RETURNED", priority: "NORMAL", entityId: line.entityId, bankAccountId: line.bankAccountId, subjectType: "BankTransaction", subjectId: line.id,
    amountMinor: line.amountMinor, currency: line.currency, correlationId: ctx.correlationId, documentId: ctx.documentId,
    reasons: [`${lineLabel(line)} is one of our own payments coming back (${describeReason(line.reasonCode)}): no receipt was made; book it against the original payment`],
    suggestion: { bankTransactionId: line.id, reasonCode: line.reasonCode },
  });
  return 1;
}

async function recordNoticeOfChange(tx: Prisma.TransactionClient, line: LineRow, ctx: BatchContext): Promise<number> {
  const receipt = await findOriginalReceipt(tx, line, "notice");
  const payer = line.counterpartyName ?? receipt?.payerName ?? "the payer";
  const corrected = line.remittance?.trim() || "(none given)";
  const occurredAt = new Date(`${line.valueDate}T00:00:00Z`);
  await tx.workflowEvent.createMany({
    data: [{
      type: "bank.notification_of_change", receiptId: receipt?.id ?? null, entityId: line.entityId, sourceSystem: "bank", sourceId: line.naturalKey,
      correlationId: ctx.correlationId, exceptionCode: "CUSTOMER_MAPPING",
      businessKeys: { bankAccountId: line.bankAccountId, originalTrace: line.customerReference, bankTransactionId: line.id },
      payload: { code: line.reasonCode, reason: describeReason(line.reasonCode), correctedData: corrected, payerName: line.counterpartyName, payerAccount: line.counterpartyAccount, documentId: ctx.documentId },
      occurredAt, recordedAt: new Date(),
    }],
    skipDuplicates: true,
  });
  await openExceptionCase(tx, {
    code: "CUSTOMER_MAPPING", priority: "LOW", slaHours: 120, entityId: receipt?.entityId ?? line.entityId, receiptId: receipt?.id ?? null,
    bankAccountId: line.bankAccountId, subjectType: "BankTransaction", subjectId: line.id, correlationId: ctx.correlationId, documentId: ctx.documentId,
    reasons: [`NACHA notification of change ${describeReason(line.reasonCode)} for ${payer} (original trace ${line.customerReference ?? "unknown"}): corrected data "${corrected}"; update the payer's bank details before the next collection`],
    suggestion: { bankTransactionId: line.id, reasonCode: line.reasonCode, correctedData: corrected },
  });
  return 1;
}
