// Every job the worker runs. Add a job: define it in jobs/<name>.job.ts with defineJob, list it here.
import type { AnyJobDefinition } from "../lib/jobs/define-job.ts";
import { postJournalEntryJob } from "./post-journal-entry.job.ts";
import { applyReceiptsJobDefinition } from "./apply-receipts.job.ts";
import { ingestBankFileJobDefinition } from "./ingest-bank-file.job.ts";
import { importFxRatesJobDefinition } from "./import-fx-rates.job.ts";

export const JOBS: AnyJobDefinition[] = [
  applyReceiptsJobDefinition,
  postJournalEntryJob,
  ingestBankFileJobDefinition,
  importFxRatesJobDefinition,
];
