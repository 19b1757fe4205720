// Called in the transaction that created receipts (bank statement lines, processor events): sends them to the
// cash-application engine. The job commits with the receipts, so a receipt is never left without a decision.
import type { Prisma } from "../db/generated/client.ts";
import { enqueue } from "../jobs/enqueue.ts";
import { applyReceiptsJob, chunkReceiptIds } from "../cash-application/apply-receipts-job-spec.ts";

export async function afterReceiptsCreated(tx: Prisma.TransactionClient, receiptIds: string[], correlationId?: string | null): Promise<void> {
  for (const ids of chunkReceiptIds(receiptIds)) {
    await enqueue(applyReceiptsJob, { receiptIds: ids, reason: "new" }, { correlationId: correlationId ?? undefined, tx, priority: ids.length <= 5 ? 10 : 0 });
  }
}
