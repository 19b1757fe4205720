// One receipt's posting request (an analyst's action, a revision): the batch form with a batch of one.
import type { Prisma } from "../db/generated/client.ts";
import { requestErpPostings } from "./request-erp-postings.ts";

/** Returns the new entry's id, or null when the books already say what the applications say. */
export async function requestErpPosting(tx: Prisma.TransactionClient, input: { receiptId: string; correlationId?: string | null; priority?: number }): Promise<string | null> {
  const entries = await requestErpPostings(tx, [input.receiptId], { correlationId: input.correlationId, priority: input.priority });
  return entries.get(input.receiptId) ?? null;
}
