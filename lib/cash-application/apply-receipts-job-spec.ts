// The cash-application job as senders see it: up to 500 receipts per job, sent in chunks of 100 (a statement's
// receipts go in a few jobs that several workers share, not thousands), deduplicated by the set of receipts.
// Small jobs (a card payment) jump the queue: priority keeps a big statement from delaying them.
import crypto from "node:crypto";
import { z } from "zod";
import { defineJobSpec } from "../jobs/define-job.ts";

export const applyReceiptsJob = defineJobSpec({
  name: "cash.apply-receipts",
  schema: z.object({ receiptIds: z.array(z.string().min(1)).min(1).max(500), reason: z.enum(["new", "retry", "replay", "remittance"]).default("new") }),
  queue: { retryLimit: 5, retryDelay: 1, retryBackoff: true, retryDelayMax: 30, expireInSeconds: 600, heartbeatSeconds: 10, policy: "stately" },
  // Up to 25 jobs fetched at once are decided together (see jobs/apply-receipts.job.ts): a burst of card payments
  // costs one pass, not one each.
  batchSize: 25,
  expressPriority: 10,
  localConcurrency: 1,
  dedupeKey: (d) => crypto.createHash("sha256").update([...d.receiptIds].sort().join(",")).digest("hex").slice(0, 32),
});

/** Splits receipt ids into job-sized chunks. */
export function chunkReceiptIds(ids: string[], size = 100): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}
