// New invoices (or customer mappings, or learned payers) can turn yesterday's exception into today's match:
// re-decide the open UNIDENTIFIED / NEEDS_REVIEW receipts nobody is working on. Analysts' cases in progress,
// escalated or awaiting approval are left alone.
import { db } from "../db/client.ts";
import { enqueue } from "../jobs/enqueue.ts";
import { applyReceiptsJob, chunkReceiptIds } from "./apply-receipts-job-spec.ts";

export async function retryOpenExceptions(entityIds?: string[], correlationId?: string): Promise<number> {
  const receipts = await db.receipt.findMany({
    where: {
      state: { in: ["UNIDENTIFIED", "NEEDS_REVIEW"] },
      ...(entityIds ? { entityId: { in: entityIds } } : {}),
      cases: { none: { status: { in: ["IN_PROGRESS", "ESCALATED", "PENDING_APPROVAL"] } } },
    },
    select: { id: true },
    orderBy: { receivedAt: "asc" },
    take: 5000,
  });
  let sent = 0;
  for (const ids of chunkReceiptIds(receipts.map((r) => r.id))) {
    if (await enqueue(applyReceiptsJob, { receiptIds: ids, reason: "retry" }, { correlationId })) sent++;
  }
  return sent;
}
