// Every job the worker runs. Add a job: define it in jobs/<name>.job.ts with defineJob, list it here.
import type { AnyJobDefinition } from "../lib/jobs/define-job.ts";
import { postJournalEntryJob } from "./post-journal-entry.job.ts";
import { applyReceiptsJobDefinition } from "./apply-receipts.job.ts";
import { ingestBankFileJobDefinition } from "./ingest-bank-file.job.ts";
import { erpSyncEntityJob } from "./erp-sync-entity.job.ts";
import { erpPublishInvoiceJobDefinition } from "./erp-publish-invoice.job.ts";
import { importFxRatesJobDefinition } from "./import-fx-rates.job.ts";
import { pollRemittanceMailboxJobDefinition } from "./poll-remittance-mailbox.job.ts";

export const JOBS: AnyJobDefinition[] = [
  applyReceiptsJobDefinition,
  postJournalEntryJob,
  ingestBankFileJobDefinition,
  erpSyncEntityJob,
  erpPublishInvoiceJobDefinition,
  importFxRatesJobDefinition,
  pollRemittanceMailboxJobDefinition,
];
