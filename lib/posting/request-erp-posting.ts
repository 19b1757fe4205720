// Called in the same transaction that applied a receipt: writes the journal entry (status PENDING, the posting
// outbox) with its idempotency key, and enqueues the posting job, so the application, the entry and the job
// commit together or not at all.
import type { Prisma } from "../db/generated/client.ts";
import { enqueue } from "../jobs/enqueue.ts";
import { buildReceiptJournal, type JournalApplication } from "./build-receipt-journal.ts";
import { erpPostingJob } from "./erp-posting-job-spec.ts";
import { GL } from "./gl-accounts.ts";
import { journalDelta } from "./journal-delta.ts";

/**
 * Returns the new entry's id, or null when the books already say what the applications say. A revision (after an
 * unapply or a re-application) books only the difference to what earlier entries booked, account by account, so
 * the receipt's entries always add up to its current applications and cash is never booked twice.
 */
export async function requestErpPosting(tx: Prisma.TransactionClient, input: { receiptId: string; correlationId?: string | null; priority?: number }): Promise<string | null> {
  const receipt = await tx.receipt.findUniqueOrThrow({
    where: { id: input.receiptId },
    include: { bankAccount: { select: { glAccount: true } }, applications: { where: { reversedAt: null }, include: { invoice: { select: { number: true } } } } },
  });
  const applications: JournalApplication[] = receipt.applications.map((a) => ({ kind: a.kind, amountMinor: a.amountMinor, reasonCode: a.reasonCode, invoiceNumber: a.invoice?.number }));
  const lines = buildReceiptJournal({ amountMinor: receipt.amountMinor, bankGlAccount: receipt.bankAccount?.glAccount ?? GL.processorClearing }, applications);
  const earlier = await tx.journalLine.findMany({ where: { entry: { receiptId: receipt.id } }, select: { account: true, debitMinor: true, creditMinor: true } });
  const booked = earlier.length ? journalDelta(earlier, lines) : lines;
  if (booked.length === 0) return null;
  const version = (await tx.journalEntry.count({ where: { receiptId: receipt.id } })) + 1;
  const entry = await tx.journalEntry.create({
    data: {
      entityId: receipt.entityId,
      currency: receipt.currency,
      receiptId: receipt.id,
      kind: "cash_receipt",
      memo: `Receipt ${receipt.bankReference ?? receipt.id}${version > 1 ? ` (revision ${version})` : ""}`,
      idempotencyKey: `receipt:${receipt.id}:v${version}`,
      status: "PENDING",
      lines: { create: booked },
    },
  });
  await enqueue(erpPostingJob, { journalEntryId: entry.id }, { correlationId: input.correlationId ?? undefined, tx, ...(input.priority ? { priority: input.priority } : {}) });
  return entry.id;
}
