// Called in the same transaction that applied a receipt: writes the journal entry (status PENDING, the posting
// outbox) with its idempotency key, and enqueues the posting job, so the application, the entry and the job
// commit together or not at all.
import type { Prisma } from "../db/generated/client.ts";
import { enqueue } from "../jobs/enqueue.ts";
import { buildReceiptJournal, type JournalApplication } from "./build-receipt-journal.ts";
import { erpPostingJob } from "./erp-posting-job-spec.ts";
import { GL } from "./gl-accounts.ts";

export async function requestErpPosting(tx: Prisma.TransactionClient, input: { receiptId: string; correlationId?: string | null }): Promise<string> {
  const receipt = await tx.receipt.findUniqueOrThrow({
    where: { id: input.receiptId },
    include: { bankAccount: { select: { glAccount: true } }, applications: { where: { reversedAt: null }, include: { invoice: { select: { number: true } } } } },
  });
  const applications: JournalApplication[] = receipt.applications.map((a) => ({ kind: a.kind, amountMinor: a.amountMinor, reasonCode: a.reasonCode, invoiceNumber: a.invoice?.number }));
  const lines = buildReceiptJournal({ amountMinor: receipt.amountMinor, bankGlAccount: receipt.bankAccount?.glAccount ?? GL.processorClearing }, applications);
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
      lines: { create: lines },
    },
  });
  await enqueue(erpPostingJob, { journalEntryId: entry.id }, { correlationId: input.correlationId ?? undefined, tx });
  return entry.id;
}
