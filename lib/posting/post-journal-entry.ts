// One journal entry's posting (tests, a replay of one entry): the batch path with a batch of one, its failure
// thrown as the job error it is (RetryableJobError: pg-boss retries; PermanentJobError: dead-lettered).
import type { ErpClient } from "../erp/index.ts";
import { postJournalEntries, type PostOutcome } from "./post-journal-entries.ts";

export type { PostOutcome } from "./post-journal-entries.ts";
export type PostContext = { correlationId: string; finalAttempt: boolean; erp: ErpClient; ensureCustomer: (acct: { accountNumber: string; name: string; entity: string }) => Promise<void> };

export async function postJournalEntry(journalEntryId: string, ctx: PostContext): Promise<PostOutcome> {
  const results = await postJournalEntries([{ journalEntryId, correlationId: ctx.correlationId, finalAttempt: ctx.finalAttempt }], ctx);
  const result = results.get(journalEntryId)!;
  if (result.status === "error") throw result.error;
  return result;
}
