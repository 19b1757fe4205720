// payout.paid / payout.failed: the Payout with the balance transactions (charges, refunds, fees) it covers,
// and its journal (PENDING, for the ERP posting) once it is paid. Statuses only move forward in Stripe's own
// time: an older event delivered late does not undo a newer one. A failed payout opens an exception and, when
// it had been booked, a reversing journal.
import type { Prisma } from "../db/generated/client.ts";
import { fromMinor } from "../money/money.ts";
import { openExceptionCase } from "../exceptions/open-exception-case.ts";
import { isBalanced, payoutJournalLines } from "../payouts/payout-journal.ts";
import { unixDate, type StripePayout } from "./stripe-objects.ts";
import { cardNaturalKey, writeStripeEvent, type StripeContext, type StripeOutcome } from "./stripe-context.ts";
import { resolvePayoutBankAccount, resolveStripeEntity } from "./resolve-stripe-owner.ts";

async function createPayout(ctx: StripeContext, p: StripePayout, status: string) {
  const { tx } = ctx;
  const entity = await resolveStripeEntity(tx, p.currency, p.metadata);
  const bank = await resolvePayoutBankAccount(tx, entity.id, p.currency, p.metadata);
  const fee = p.balance_transactions.reduce((s, b) => s + BigInt(b.fee), 0n);
  const payout = await tx.payout.create({
    data: {
      payoutId: p.id, entityId: bank?.entityId ?? entity.id, bankAccountId: bank?.id ?? null, currency: p.currency, amountMinor: BigInt(p.amount),
      grossMinor: BigInt(p.amount) + fee, feeMinor: fee, arrivalDate: new Date(unixDate(p.arrival_date).toISOString().slice(0, 10)),
      status, failureCode: p.failure_code ?? null, failureMessage: p.failure_message ?? null, statusEventAt: ctx.occurredAt,
    },
  });
  const sources = p.balance_transactions.map((b) => b.source).filter((s): s is string => !!s);
  const receipts = await tx.receipt.findMany({ where: { naturalKey: { in: sources.map(cardNaturalKey) } }, select: { id: true, naturalKey: true } });
  const receiptOf = new Map(receipts.map((r) => [r.naturalKey, r.id]));
  await tx.payoutItem.createMany({
    data: p.balance_transactions.map((b) => ({
      payoutId: payout.id, balanceTransactionId: b.id, type: b.type, sourceId: b.source, receiptId: b.source ? (receiptOf.get(cardNaturalKey(b.source)) ?? null) : null,
      amountMinor: BigInt(b.amount), feeMinor: BigInt(b.fee), netMinor: BigInt(b.net),
    })),
    skipDuplicates: true,
  });
  const itemsNet = p.balance_transactions.reduce((s, b) => s + BigInt(b.net), 0n);
  return { payout, itemsMismatchMinor: p.balance_transactions.length ? BigInt(p.amount) - itemsNet : 0n };
}

async function bookJournal(tx: Prisma.TransactionClient, payout: { id: string; payoutId: string; entityId: string; currency: string; amountMinor: bigint; feeMinor: bigint; bankAccountId: string | null }, reversal: boolean) {
  const bank = payout.bankAccountId ? await tx.bankAccount.findUnique({ where: { id: payout.bankAccountId }, select: { glAccount: true } }) : null;
  const lines = payoutJournalLines({ payoutId: payout.payoutId, bankGlAccount: bank?.glAccount ?? "1000", netMinor: payout.amountMinor, feeMinor: payout.feeMinor, reversal });
  if (!isBalanced(lines)) throw new Error(`payout ${payout.payoutId}: journal does not balance`);
  const idempotencyKey = `stripe-payout:${payout.payoutId}${reversal ? ":reversal" : ""}`;
  const found = await tx.journalEntry.findUnique({ where: { idempotencyKey }, select: { id: true } });
  if (found) return found.id;
  const entry = await tx.journalEntry.create({
    data: {
      entityId: payout.entityId, currency: payout.currency, kind: reversal ? "PROCESSOR_PAYOUT_REVERSAL" : "PROCESSOR_PAYOUT", idempotencyKey,
      memo: `Stripe payout ${payout.payoutId}${reversal ? " failed: reversal" : ""}`, lines: { create: lines },
    },
  });
  return entry.id;
}

export async function recordPayout(ctx: StripeContext, p: StripePayout, status: "paid" | "failed"): Promise<StripeOutcome> {
  const { tx } = ctx;
  let payout = await tx.payout.findUnique({ where: { payoutId: p.id } });
  let mismatch = 0n;
  let changed = true;
  if (!payout) {
    const made = await createPayout(ctx, p, status);
    payout = made.payout;
    mismatch = made.itemsMismatchMinor;
  } else if (ctx.occurredAt >= payout.statusEventAt && payout.status !== status) {
    payout = await tx.payout.update({ where: { id: payout.id }, data: { status, statusEventAt: ctx.occurredAt, failureCode: p.failure_code ?? null, failureMessage: p.failure_message ?? null } });
  } else {
    changed = false;
  }
  let journalEntryId = payout.journalEntryId;
  let caseId: string | null = null;
  if (changed && payout.status === "paid" && !journalEntryId) {
    journalEntryId = await bookJournal(tx, payout, false);
    await tx.payout.update({ where: { id: payout.id }, data: { journalEntryId } });
  }
  if (changed && payout.status === "failed") {
    const amount = `${fromMinor(payout.amountMinor, payout.currency)} ${payout.currency}`;
    caseId = (await openExceptionCase(tx, {
      code: "RETURNED", entityId: payout.entityId, bankAccountId: payout.bankAccountId, subjectType: "Payout", subjectId: p.id, priority: "HIGH", slaHours: 24,
      amountMinor: payout.amountMinor, currency: payout.currency, correlationId: ctx.correlationId,
      reasons: [`Stripe payout ${p.id} of ${amount} failed (${p.failure_code ?? "no code"}${p.failure_message ? `: ${p.failure_message}` : ""}): the bank did not accept it; check the payout bank details with Stripe`],
      suggestion: { payoutId: p.id, failureCode: p.failure_code ?? null },
    })).caseId;
    if (journalEntryId) await bookJournal(tx, payout, true);
  }
  await writeStripeEvent(ctx, {
    type: `payout.${status}`, entityId: payout.entityId, exceptionCode: status === "failed" ? "RETURNED" : null,
    businessKeys: { payoutId: p.id },
    payload: { amountMinor: payout.amountMinor.toString(), feeMinor: payout.feeMinor.toString(), currency: payout.currency, arrivalDate: payout.arrivalDate.toISOString().slice(0, 10), applied: changed, ...(mismatch ? { itemsMismatchMinor: mismatch.toString() } : {}) },
  });
  return { status: "PROCESSED", result: { payoutId: payout.id, status: payout.status, journalEntryId, caseId, stale: !changed } };
}
