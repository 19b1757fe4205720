// What has to be undone before a job can run again: a FAILED journal entry goes back to PENDING (its receipt
// back from POSTING_FAILED is done by the posting itself on success).
import { db } from "../db/client.ts";
import { erpPostingJob } from "../posting/erp-posting-job-spec.ts";

export async function prepareForReplay(queue: string, payload: unknown): Promise<void> {
  if (queue === erpPostingJob.name) {
    const { journalEntryId } = payload as { journalEntryId: string };
    await db.journalEntry.updateMany({ where: { id: journalEntryId, status: "FAILED" }, data: { status: "PENDING" } });
  }
}
