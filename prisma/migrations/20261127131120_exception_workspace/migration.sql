-- AlterTable
ALTER TABLE "ExceptionCase" ADD COLUMN     "proposal" JSONB,
ADD COLUMN     "proposedAt" TIMESTAMP(3),
ADD COLUMN     "proposedById" TEXT;

-- CreateTable
CREATE TABLE "SavedView" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "scope" TEXT NOT NULL DEFAULT 'exceptions',
    "name" TEXT NOT NULL,
    "filters" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SavedView_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SavedView_userId_scope_name_key" ON "SavedView"("userId", "scope", "name");

-- CreateIndex
CREATE INDEX "Receipt_receivedAt_idx" ON "Receipt"("receivedAt");

-- CreateIndex
CREATE INDEX "Receipt_amountMinor_idx" ON "Receipt"("amountMinor");

-- AddForeignKey
ALTER TABLE "SavedView" ADD CONSTRAINT "SavedView_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: the exception work queue filters and sorts the ACTIVE cases only (a small subset of millions of
-- cases over the years), so its indexes are partial on that subset, one per common filter + the SLA order.
CREATE INDEX "ExceptionCase_active_assignee_sla_idx" ON "ExceptionCase" ("assigneeId", "slaDueAt") WHERE "status" NOT IN ('RESOLVED', 'CANCELLED');
CREATE INDEX "ExceptionCase_active_code_sla_idx" ON "ExceptionCase" ("code", "slaDueAt") WHERE "status" NOT IN ('RESOLVED', 'CANCELLED');
CREATE INDEX "ExceptionCase_active_entity_sla_idx" ON "ExceptionCase" ("entityId", "slaDueAt") WHERE "status" NOT IN ('RESOLVED', 'CANCELLED');
CREATE INDEX "ExceptionCase_active_created_idx" ON "ExceptionCase" ("createdAt") WHERE "status" NOT IN ('RESOLVED', 'CANCELLED');
CREATE INDEX "ExceptionCase_active_amount_idx" ON "ExceptionCase" ("currency", "amountMinor") WHERE "status" NOT IN ('RESOLVED', 'CANCELLED');

-- Substring search (payer, reference, remittance, invoice number, PO, customer name) with ILIKE '%…%' uses
-- trigram GIN indexes instead of scanning millions of rows. pg_trgm is a trusted extension (PostgreSQL 13+).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "Receipt_payerName_trgm_idx" ON "Receipt" USING gin ("payerName" gin_trgm_ops);
CREATE INDEX "Receipt_bankReference_trgm_idx" ON "Receipt" USING gin ("bankReference" gin_trgm_ops);
CREATE INDEX "Receipt_remittance_trgm_idx" ON "Receipt" USING gin ("remittance" gin_trgm_ops);
CREATE INDEX "Invoice_number_trgm_idx" ON "Invoice" USING gin ("number" gin_trgm_ops);
CREATE INDEX "Invoice_poNumber_trgm_idx" ON "Invoice" USING gin ("poNumber" gin_trgm_ops);
CREATE INDEX "Customer_name_trgm_idx" ON "Customer" USING gin ("name" gin_trgm_ops);
-- Candidate invoices by amount among the open ones of an entity and currency.
CREATE INDEX "Invoice_open_amount_idx" ON "Invoice" ("entityId", "currency", "openAmountMinor") WHERE "status" IN ('OPEN', 'PARTIALLY_PAID');
-- Active learned payers of a customer (the receipt workspace and the matching engine read these).
CREATE INDEX "LearnedPayer_active_customer_idx" ON "LearnedPayer" ("customerId") WHERE "revokedAt" IS NULL;
