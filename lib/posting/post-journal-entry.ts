// One journal entry's posting (tests, a replay of one entry): the batch path with a batch of one, its failure
// thrown as the job error it is (RetryableJobError: pg-boss retries; PermanentJobError: dead-lettered).
import type { ErpConnections } from "./erp-connection.ts";
import { postJournalEntries, type PostOutcome } from "./post-journal-entries.ts";

export type { PostOutcome } from "./post-journal-entries.ts";
export type PostContext = { correlationId: string; finalAttempt: boolean; erp: ErpConnections };

export async function postJournalEntry(journalEntryId: string, ctx: PostContext): Promise<PostOutcome> {
  const results = await postJournalEntries([{ journalEntryId, correlationId: ctx.correlationId, finalAttempt: ctx.finalAttempt }], ctx.erp);
  const result = results.get(journalEntryId)!;
  if (result.status === "error") throw result.error;
  return result;
}
