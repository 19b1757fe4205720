// Posts one PENDING journal entry to the ERP, exactly once: the entry's idempotency key travels with every ERP
// write, so a retry after a timeout or a dropped connection finds the posting the ERP already booked. On the
// ERP's acknowledgement the entry is POSTED and the receipt moves to POSTED with its payment-to-posting latency.
// Permanent refusals, and retryable failures on the last attempt, put the receipt in POSTING_FAILED with an
// exception an analyst can see and replay.
import { db } from "../db/client.ts";
import { ErpCircuitOpenError, ErpPermanentError, ErpRetryableError, type ErpClient } from "../erp/index.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { PermanentJobError, RetryableJobError } from "../jobs/errors.ts";
import { transitionReceipt } from "../workflow/transition-receipt.ts";
import { markPublishedIfDelivered } from "../outbox/mark-published.ts";
import { buildErpPosting } from "./build-erp-posting.ts";
import { recordPostingFailure } from "./record-posting-failure.ts";

export type PostContext = { correlationId: string; finalAttempt: boolean; erp: ErpClient; ensureCustomer: (acct: { accountNumber: string; name: string; entity: string }) => Promise<void> };
export type PostOutcome = { status: "posted" | "already_posted" | "deferred"; retryAt?: number };

/**
 * A blip (one dropped connection, one 502) is retried at once, a few times, inside the job: each retry resumes
 * where the last stopped, thanks to the idempotency keys. Longer trouble goes back to pg-boss's backoff, and an
 * open circuit is never waited on here (the job defers instead).
 */
async function withQuickRetries<T>(call: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await call();
    } catch (err) {
      if (!(err instanceof ErpRetryableError) || err instanceof ErpCircuitOpenError || i >= attempts) throw err;
      await new Promise((r) => setTimeout(r, Math.min(2000, Math.max(100 * 2 ** i, err.retryAfterMs ?? 0))));
    }
  }
}

export async function postJournalEntry(journalEntryId: string, ctx: PostContext): Promise<PostOutcome> {
  const entry = await db.journalEntry.findUnique({
    where: { id: journalEntryId },
    include: {
      receipt: {
        include: {
          entity: { select: { code: true } }, bankAccount: { select: { accountNumber: true } }, customer: { select: { erpAccountNumber: true, name: true } },
          applications: { where: { reversedAt: null }, orderBy: { appliedAt: "asc" }, include: { invoice: { select: { number: true } } } },
        },
      },
    },
  });
  if (!entry) throw new PermanentJobError(`journal entry ${journalEntryId} does not exist`);
  if (entry.status === "POSTED") return { status: "already_posted" };
  const r = entry.receipt;
  if (!r) throw new PermanentJobError(`journal entry ${journalEntryId} has no receipt`);
  const revision = Number(/:v(\d+)$/.exec(entry.idempotencyKey)?.[1] ?? 1);
  const posting = buildErpPosting({
    idempotencyKey: entry.idempotencyKey, revision, entityCode: r.entity.code,
    receipt: { id: r.id, amountMinor: r.amountMinor, currency: r.currency, valueDate: r.valueDate, channel: r.channel, bankReference: r.bankReference },
    bankAccountNumber: r.bankAccount?.accountNumber ?? "PROCESSOR-CLEARING", customerAccount: r.customer?.erpAccountNumber ?? null,
    applications: r.applications.map((a) => ({ kind: a.kind, amountMinor: a.amountMinor, reasonCode: a.reasonCode, invoiceNumber: a.invoice?.number ?? null })),
  });

  // A revision changes an ERP receipt already booked (unapply what went, apply what is new); it waits for the
  // original posting. The original posts the receipt's applications as they are when it goes out.
  const original = revision > 1 ? await db.journalEntry.findFirst({ where: { receiptId: r.id, erpDocumentId: { not: null }, status: "POSTED" }, orderBy: { createdAt: "asc" } }) : null;
  if (revision > 1 && !original) {
    if (!ctx.finalAttempt) throw new RetryableJobError(`revision ${revision} of receipt ${r.id} waits for its original ERP posting`);
  }
  let result;
  try {
    result = await withQuickRetries(async () => {
      if (r.customer) await ctx.ensureCustomer({ accountNumber: r.customer.erpAccountNumber, name: r.customer.name, entity: r.entity.code });
      return original ? ctx.erp.reviseApplications(original.erpDocumentId!, r.currency, posting.applications, entry.idempotencyKey) : ctx.erp.postReceipt(posting);
    });
  } catch (err) {
    if (err instanceof ErpCircuitOpenError) return { status: "deferred", retryAt: err.retryAt };
    const message = err instanceof Error ? err.message : String(err);
    await db.journalEntry.update({ where: { id: entry.id }, data: { attempts: { increment: 1 }, lastError: message.slice(0, 1000) } });
    if (err instanceof ErpRetryableError && !ctx.finalAttempt) throw new RetryableJobError(message, err.retryAfterMs);
    await recordPostingFailure({ entryId: entry.id, receiptId: r.id, entityId: r.entityId, amountMinor: r.amountMinor, currency: r.currency, message, permanent: err instanceof ErpPermanentError, correlationId: ctx.correlationId });
    throw new PermanentJobError(`ERP posting failed: ${message}`);
  }

  const ackAt = new Date();
  const eventId = await db.$transaction(async (tx) => {
    const claimed = await tx.journalEntry.updateMany({
      where: { id: entry.id, status: { not: "POSTED" } },
      data: { status: "POSTED", erpDocumentId: result.erpReceiptId, postedAt: ackAt, attempts: { increment: 1 }, lastError: null },
    });
    if (claimed.count === 0) return null; // another worker recorded the acknowledgement first
    const current = await tx.receipt.findUniqueOrThrow({ where: { id: r.id }, select: { state: true, postedAt: true } });
    const first = current.postedAt === null;
    await writeAudit({ actorType: "system", actorLabel: "erp-connector", action: "erp.posted", targetType: "Receipt", targetId: r.id, details: { journalEntryId: entry.id, erpReceiptId: result.erpReceiptId, applications: result.applicationIds, idempotencyKey: entry.idempotencyKey }, requestId: ctx.correlationId }, tx);
    if (current.state !== "APPLIED" && current.state !== "POSTING_FAILED") return null; // a revision of an already-posted receipt
    return transitionReceipt(tx, {
      receiptId: r.id, from: current.state, to: "POSTED", eventType: "receipt.posted", correlationId: ctx.correlationId, postingStatus: "acknowledged",
      actor: { type: "system", id: "erp-connector" }, occurredAt: ackAt,
      payload: { erpReceiptId: result.erpReceiptId, applicationIds: result.applicationIds, journalEntryId: entry.id },
      extra: first ? { postedAt: ackAt, postingLatencyMs: ackAt.getTime() - r.receivedAt.getTime() } : { postedAt: ackAt },
    });
  });
  if (eventId !== null) await markPublishedIfDelivered(eventId, r.id, ctx.correlationId);
  return { status: "posted" };
}
