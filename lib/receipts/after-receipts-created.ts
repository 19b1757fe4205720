// Called in the transaction that created receipts (bank statement lines, processor events): sends them to the
// cash-application engine. The job commits with the receipts, so a receipt is never left without a decision.
// Set-based: all of a batch's jobs go in ONE insert (a 5,000-line batch makes ~35 jobs of 100 receipts; a send
// per job was a round trip and a statement each, about a second per 100,000-line file).
import type { Prisma } from "../db/generated/client.ts";
import { enqueueMany } from "../jobs/enqueue.ts";
import { applyReceiptsJob, chunkReceiptIds } from "../cash-application/apply-receipts-job-spec.ts";

export async function afterReceiptsCreated(tx: Prisma.TransactionClient, receiptIds: string[], correlationId?: string | null): Promise<void> {
  const jobs = chunkReceiptIds(receiptIds).map((ids) => ({ data: { receiptIds: ids, reason: "new" as const }, priority: ids.length <= 5 ? 10 : 0 }));
  await enqueueMany(applyReceiptsJob, jobs, { correlationId: correlationId ?? undefined, tx });
}
