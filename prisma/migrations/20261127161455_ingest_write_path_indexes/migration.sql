-- DropIndex
DROP INDEX "BankTransaction_reconciled_bankAccountId_idx";

-- DropIndex
DROP INDEX "Receipt_customerId_idx";

-- DropIndex
DROP INDEX "Receipt_receivedAt_idx";

-- DropIndex
DROP INDEX "WorkflowEvent_invoiceId_idx";

-- DropIndex
DROP INDEX "WorkflowEvent_correlationId_idx";

-- Hand-written: every index on Receipt, BankTransaction and WorkflowEvent is written for every row bank ingestion
-- stores (100,000 lines, 70,000 receipts and their events per large file), so the write path keeps only the ones
-- something reads (measured with bench:ingest and bench:dashboards):
--   * Receipt_receivedAt_idx duplicated Receipt_received_cash_idx (same key, with INCLUDE columns);
--   * BankTransaction_reconciled_bankAccountId_idx: the unreconciled queries use BankTransaction_unreconciled_idx;
--   * WorkflowEvent_correlationId_idx: nothing looks events up by correlation id;
--   * customerId, processorReference (receipts) and invoiceId (events) are looked up by value only, and a new bank
--     receipt / receipt event has none: partial on IS NOT NULL, so those rows cost no index entry.
CREATE INDEX "Receipt_customerId_idx" ON "Receipt" ("customerId") WHERE "customerId" IS NOT NULL;
DROP INDEX "Receipt_processorReference_idx";
CREATE INDEX "Receipt_processorReference_idx" ON "Receipt" ("processorReference") WHERE "processorReference" IS NOT NULL;
CREATE INDEX "WorkflowEvent_invoiceId_idx" ON "WorkflowEvent" ("invoiceId") WHERE "invoiceId" IS NOT NULL;
