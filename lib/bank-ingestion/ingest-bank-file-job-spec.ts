// The bank-file ingestion job as senders see it (the upload route, the drop folder). One job per document,
// deduplicated by the document id; one file at a time per worker (a file is a long transaction and a stream).
// Parse errors and unknown accounts quarantine the file at once; other failures are retried, and the last
// attempt quarantines the file with the error rather than leaving it PROCESSING.
import { z } from "zod";
import { defineJobSpec } from "../jobs/define-job.ts";

export const INGEST_RETRY_LIMIT = 4;

export const ingestBankFileJob = defineJobSpec({
  name: "bank.ingest-file",
  schema: z.object({ documentId: z.string().min(1) }),
  queue: { retryLimit: INGEST_RETRY_LIMIT, retryDelay: 5, retryBackoff: true, retryDelayMax: 120, expireInSeconds: 3600, policy: "stately" },
  localConcurrency: 1,
  dedupeKey: (d) => d.documentId,
});
