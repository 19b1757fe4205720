// Invoices out: called in the transaction that creates a billing invoice, so the publication job commits (or rolls
// back) with the invoice itself — no invoice is forgotten, none is sent twice (one job per invoice, keyed by it).
import type { Prisma } from "../db/generated/client.ts";
import { enqueue } from "../jobs/enqueue.ts";
import { erpPublishInvoiceJob } from "./erp-sync-jobs.ts";

export async function requestInvoicePublication(tx: Prisma.TransactionClient, invoiceId: string, correlationId?: string | null): Promise<void> {
  await enqueue(erpPublishInvoiceJob, { invoiceId }, { tx, ...(correlationId ? { correlationId } : {}) });
}
