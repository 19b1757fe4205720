// Worker side of bank-file ingestion: parse the stored file and write its statements, lines and receipts
// (lib/bank-ingestion/ingest-bank-file.ts), with the job's correlation id on every row and event it writes.
import { defineJob } from "../lib/jobs/define-job.ts";
import { ingestBankFile } from "../lib/bank-ingestion/ingest-bank-file.ts";
import { INGEST_RETRY_LIMIT, ingestBankFileJob } from "../lib/bank-ingestion/ingest-bank-file-job-spec.ts";
import { entriesIngested } from "../lib/metrics/process-metrics.ts";

export const ingestBankFileJobDefinition = defineJob({
  ...ingestBankFileJob,
  handler: async (data, ctx) => {
    const result = await ingestBankFile(data.documentId, { correlationId: ctx.correlationId, finalAttempt: ctx.attempt > INGEST_RETRY_LIMIT });
    if (result.status === "PROCESSED") entriesIngested.inc({ format: result.summary.format }, result.summary.newEntries);
    return result;
  },
});
