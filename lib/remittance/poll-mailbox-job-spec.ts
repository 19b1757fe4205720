// The IMAP poll as senders see it: one job per time slot of REMITTANCE_IMAP_EVERY_SECONDS, under one dedupe key
// (stately: one queued + one active), so several workers running the same schedule never poll the mailbox at once.
import { z } from "zod";
import { defineJobSpec } from "../jobs/define-job.ts";

export const pollRemittanceMailboxJob = defineJobSpec({
  name: "remittance.poll-mailbox",
  schema: z.object({ slot: z.string() }),
  queue: { retryLimit: 3, retryDelay: 30, retryBackoff: true, retryDelayMax: 300, expireInSeconds: 600, policy: "stately" },
  localConcurrency: 1,
  dedupeKey: () => "mailbox",
});
