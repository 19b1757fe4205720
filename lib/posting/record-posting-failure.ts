// A posting the ERP refused (or kept failing until the retry budget ran out): the entry is FAILED, the receipt is
// in POSTING_FAILED and an exception names the ERP's answer, so an analyst can fix the cause and replay it.
import { db } from "../db/client.ts";
import { openExceptionCase } from "../exceptions/open-exception-case.ts";
import { transitionReceipt } from "../workflow/transition-receipt.ts";

export async function recordPostingFailure(input: { entryId: string; receiptId: string; entityId: string; amountMinor: bigint; currency: string; message: string; permanent: boolean; correlationId: string }) {
  await db.$transaction(async (tx) => {
    await tx.journalEntry.update({ where: { id: input.entryId }, data: { status: "FAILED", lastError: input.message.slice(0, 1000) } });
    const receipt = await tx.receipt.findUniqueOrThrow({ where: { id: input.receiptId }, select: { state: true } });
    if (receipt.state === "APPLIED") {
      await transitionReceipt(tx, { receiptId: input.receiptId, from: "APPLIED", to: "POSTING_FAILED", eventType: "receipt.posting_failed", correlationId: input.correlationId, postingStatus: "failed", exceptionCode: "POSTING_FAILED", payload: { error: input.message, permanent: input.permanent } });
    }
    await openExceptionCase(tx, {
      code: "POSTING_FAILED", entityId: input.entityId, receiptId: input.receiptId, priority: "HIGH", slaHours: 24,
      amountMinor: input.amountMinor, currency: input.currency, correlationId: input.correlationId,
      reasons: [`${input.permanent ? "the ERP refused the posting" : "the ERP kept failing until the retry budget ran out"}: ${input.message}`],
      suggestion: { action: "replay", journalEntryId: input.entryId },
    });
  });
}
