-- AlterEnum
ALTER TYPE "ExceptionCode" ADD VALUE 'ERP_DRIFT';

-- AlterTable
ALTER TABLE "Invoice" ADD COLUMN     "erpDocumentId" TEXT,
ADD COLUMN     "erpDocumentNumber" TEXT,
ADD COLUMN     "erpLastUpdatedAt" TIMESTAMP(3),
ADD COLUMN     "erpOpenAmountMinor" BIGINT,
ADD COLUMN     "erpPublishedAt" TIMESTAMP(3),
ADD COLUMN     "erpSyncedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ErpSyncWatermark" (
    "entityId" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "watermark" TEXT,
    "lastRunAt" TIMESTAMP(3) NOT NULL,
    "lastResult" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "ErpSyncWatermark_pkey" PRIMARY KEY ("entityId","resource")
);

-- Drift check (lib/erp-sync/detect-drift.ts): the invoices the ERP has reported on, per entity (any status but
-- VOID: an invoice Cashline thinks paid while the ERP still has it open is drift too).
CREATE INDEX "Invoice_erp_reported_idx" ON "Invoice" ("entityId") WHERE "erpOpenAmountMinor" IS NOT NULL;
