// Receipts received in the window that the engine never decided (still RECEIVED): send them to the engine again.
import { db } from "../db/client.ts";
import { enqueue } from "../jobs/enqueue.ts";
import { applyReceiptsJob, chunkReceiptIds } from "../cash-application/apply-receipts-job-spec.ts";

export async function requeueCashApplication(from: Date, to: Date): Promise<number> {
  const receipts = await db.receipt.findMany({ where: { state: "RECEIVED", receivedAt: { gte: from, lt: to } }, select: { id: true }, orderBy: { receivedAt: "asc" } });
  let sent = 0;
  for (const ids of chunkReceiptIds(receipts.map((r) => r.id))) {
    if (await enqueue(applyReceiptsJob, { receiptIds: ids, reason: "replay" }, { correlationId: `replay-${ids[0]}` })) sent++;
  }
  return sent;
}
