// Records a batch of ERP acknowledgements in one transaction: each entry POSTED with the ERP's document id (once:
// an entry another worker already recorded is left alone), an audit row per posting, and each receipt moved to
// POSTED with its payment-to-posting latency (from the moment the money was known to the ERP's answer). With no
// subscriber waiting for receipt.posted, the receipt is published at once; otherwise the outbox publishes it when
// every subscriber has acknowledged (outbox/mark-published.ts).
import { db } from "../db/client.ts";
import { bulkInsert } from "../db/bulk-insert.ts";
import { column, textArray, utcFromEpochMs } from "../db/pg-array.ts";
import type { ErpPostingResult } from "../erp/index.ts";
import { postedSubscribers } from "../outbox/mark-published.ts";
import type { ReceiptState } from "../workflow/receipt-states.ts";
import { transitionReceipts, type BatchMove, type BatchStep } from "../workflow/transition-receipts.ts";
import { paymentToPosting } from "../metrics/process-metrics.ts";

export type ErpAck = { entryId: string; idempotencyKey: string; receiptId: string; receivedAt: Date; correlationId: string; result: ErpPostingResult; ackAt: Date };

const ts = utcFromEpochMs;

export async function recordErpAcks(acks: ErpAck[]): Promise<void> {
  if (acks.length === 0) return;
  const publishAtOnce = (await postedSubscribers()).length === 0;
  const firstPostings: { channel: string; seconds: number }[] = [];
  await db.$transaction(async (tx) => {
    const claimed = await tx.$queryRawUnsafe<{ id: string }[]>(`
      update "JournalEntry" j set status = 'POSTED', "erpDocumentId" = v.doc, "postedAt" = ${ts("v.ack")}, attempts = j.attempts + 1, "lastError" = null
      from unnest($1::text[], $2::text[], $3::text[]) as v(id, doc, ack)
      where j.id = v.id and j.status <> 'POSTED'
      returning j.id`,
      column(acks, (a) => a.entryId), column(acks, (a) => a.result.erpReceiptId), column(acks, (a) => a.ackAt.getTime()));
    const mine = new Set(claimed.map((c) => c.id)); // the rest: another worker recorded the acknowledgement first
    const ours = acks.filter((a) => mine.has(a.entryId));
    if (ours.length === 0) return;
    const receipts = await tx.$queryRawUnsafe<{ id: string; state: ReceiptState; postedAt: Date | null; channel: string }[]>(
      `select id, state::text as state, "postedAt", channel::text as channel from "Receipt" where id = any($1::text[]) order by id for update`, textArray([...new Set(ours.map((a) => a.receiptId))]));
    const receiptOf = new Map(receipts.map((r) => [r.id, r]));
    const moved = new Set<string>();
    const moves: BatchMove[] = ours.flatMap((a) => {
      const current = receiptOf.get(a.receiptId)!;
      // A revision of an already-posted receipt changes no state; two entries of one receipt move it once.
      if ((current.state !== "APPLIED" && current.state !== "POSTING_FAILED") || moved.has(a.receiptId)) return [];
      moved.add(a.receiptId);
      const steps: BatchStep[] = [{
        to: "POSTED", eventType: "receipt.posted", postingStatus: "acknowledged", occurredAt: a.ackAt,
        payload: { erpReceiptId: a.result.erpReceiptId, applicationIds: a.result.applicationIds, journalEntryId: a.entryId },
      }];
      if (publishAtOnce) steps.push({ to: "PUBLISHED", eventType: "receipt.published", payload: { subscribers: 0 } });
      const first = current.postedAt === null;
      if (first) firstPostings.push({ channel: current.channel, seconds: (a.ackAt.getTime() - a.receivedAt.getTime()) / 1000 });
      return [{
        receiptId: a.receiptId, from: current.state, steps, correlationId: a.correlationId, actor: { type: "system", id: "erp-connector" },
        set: first ? { postedAt: a.ackAt, postingLatencyMs: a.ackAt.getTime() - a.receivedAt.getTime() } : { postedAt: a.ackAt },
      }];
    });
    await transitionReceipts(tx, moves);
    // The ERP took what it had refused or what waited (a retry, a correction, the automatic retry): its POSTING_FAILED
    // or STALLED case is done.
    await tx.$executeRawUnsafe(`
      update "ExceptionCase" set status = 'RESOLVED', resolution = 'Posted to the ERP on retry', "resolvedAt" = now(),
             "resolvedById" = coalesce("resolvedById", "assigneeId"), version = version + 1, "updatedAt" = now()
       where "receiptId" = any($1::text[]) and code in ('POSTING_FAILED', 'STALLED') and status not in ('RESOLVED', 'CANCELLED')`,
      textArray([...new Set(ours.map((a) => a.receiptId))]));
    // Last, just before the commit: the audit insert takes the audit chain's lock (held to the commit), so other
    // writers of audit rows wait only for this insert and the commit, not for the receipts' moves above.
    const at = new Date();
    await bulkInsert(tx, "AuditLog", ours, [
      ["at", "timestamp", () => at], ["actorType", "text", () => "system"], ["actorLabel", "text", () => "erp-connector"], ["action", "text", () => "erp.posted"],
      ["targetType", "text", () => "Receipt"], ["targetId", "text", (a) => a.receiptId], ["requestId", "text", (a) => a.correlationId],
      ["details", "jsonb", (a) => JSON.stringify({ journalEntryId: a.entryId, erpReceiptId: a.result.erpReceiptId, applications: a.result.applicationIds, idempotencyKey: a.idempotencyKey })],
    ]);
  }, { timeout: 60_000, maxWait: 20_000 });
  for (const p of firstPostings) paymentToPosting.observe({ channel: p.channel }, Math.max(0, p.seconds));
}
