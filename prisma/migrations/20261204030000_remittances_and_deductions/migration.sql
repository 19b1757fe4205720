-- CreateEnum
CREATE TYPE "RemittanceStatus" AS ENUM ('RECEIVED', 'WAITING_FOR_PAYMENT', 'LINKED', 'APPLIED', 'EXCEPTION', 'NEEDS_REVIEW');

-- CreateEnum
CREATE TYPE "DeductionCategory" AS ENUM ('PRICING', 'PROMOTION_TRADE', 'DAMAGED_SHORT_SHIPMENT', 'FREIGHT', 'TAX', 'UNAUTHORISED_DISCOUNT', 'OTHER');

-- CreateEnum
CREATE TYPE "DeductionStatus" AS ENUM ('OPEN', 'VALID', 'INVALID', 'PARTIAL', 'WRITTEN_OFF');

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "alwaysSendsRemittance" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "RemittanceAdvice" (
    "id" TEXT NOT NULL,
    "naturalKey" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "channel" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "paymentReference" TEXT NOT NULL,
    "payerName" TEXT,
    "payerId" TEXT,
    "payeeName" TEXT,
    "currency" CHAR(3) NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "paymentDate" DATE,
    "method" TEXT,
    "senderEmail" TEXT,
    "entityId" TEXT,
    "customerId" TEXT,
    "receiptId" TEXT,
    "linkRule" TEXT,
    "linkConfidence" DOUBLE PRECISION,
    "linkedAt" TIMESTAMP(3),
    "status" "RemittanceStatus" NOT NULL DEFAULT 'RECEIVED',
    "parsed" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RemittanceAdvice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RemittanceLine" (
    "id" TEXT NOT NULL,
    "adviceId" TEXT NOT NULL,
    "lineNo" INTEGER NOT NULL,
    "document" TEXT NOT NULL,
    "documentType" TEXT NOT NULL,
    "paidMinor" BIGINT NOT NULL,
    "invoiceAmountMinor" BIGINT,
    "discountMinor" BIGINT NOT NULL DEFAULT 0,
    "invoiceId" TEXT,

    CONSTRAINT "RemittanceLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RemittanceAdjustment" (
    "id" TEXT NOT NULL,
    "lineId" TEXT NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "reason" TEXT NOT NULL,
    "code" TEXT,
    "text" TEXT,

    CONSTRAINT "RemittanceAdjustment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeductionReasonCode" (
    "id" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "category" "DeductionCategory" NOT NULL,
    "glAccount" TEXT NOT NULL,
    "ownerTeam" TEXT NOT NULL,
    "validByDefault" BOOLEAN NOT NULL DEFAULT false,
    "slaDays" INTEGER NOT NULL DEFAULT 30,
    "autoWriteOffMinor" BIGINT NOT NULL DEFAULT 0,
    "externalCodes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeductionReasonCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Deduction" (
    "id" TEXT NOT NULL,
    "naturalKey" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "customerId" TEXT,
    "invoiceId" TEXT,
    "receiptId" TEXT,
    "adviceLineId" TEXT,
    "reason" TEXT NOT NULL,
    "externalCode" TEXT,
    "text" TEXT,
    "currency" CHAR(3) NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "validMinor" BIGINT NOT NULL DEFAULT 0,
    "invalidMinor" BIGINT NOT NULL DEFAULT 0,
    "writtenOffMinor" BIGINT NOT NULL DEFAULT 0,
    "ownerTeam" TEXT NOT NULL,
    "dueDate" DATE NOT NULL,
    "status" "DeductionStatus" NOT NULL DEFAULT 'OPEN',
    "proposal" JSONB,
    "proposedById" TEXT,
    "proposedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" TEXT,
    "approvedById" TEXT,
    "resolutionNote" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Deduction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeductionEvidence" (
    "id" TEXT NOT NULL,
    "deductionId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "note" TEXT,
    "documentId" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeductionEvidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RemittanceSenderDomain" (
    "id" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RemittanceSenderDomain_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RemittanceColumnMapping" (
    "id" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "mapping" JSONB NOT NULL,
    "confirmedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RemittanceColumnMapping_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RemittanceAdvice_naturalKey_key" ON "RemittanceAdvice"("naturalKey");

-- CreateIndex
CREATE INDEX "RemittanceAdvice_paymentReference_idx" ON "RemittanceAdvice"("paymentReference");

-- CreateIndex
CREATE INDEX "RemittanceAdvice_status_currency_amountMinor_idx" ON "RemittanceAdvice"("status", "currency", "amountMinor");

-- CreateIndex
CREATE INDEX "RemittanceAdvice_receiptId_idx" ON "RemittanceAdvice"("receiptId");

-- CreateIndex
CREATE INDEX "RemittanceAdvice_customerId_createdAt_idx" ON "RemittanceAdvice"("customerId", "createdAt");

-- CreateIndex
CREATE INDEX "RemittanceAdvice_documentId_idx" ON "RemittanceAdvice"("documentId");

-- CreateIndex
CREATE INDEX "RemittanceLine_invoiceId_idx" ON "RemittanceLine"("invoiceId");

-- CreateIndex
CREATE UNIQUE INDEX "RemittanceLine_adviceId_lineNo_key" ON "RemittanceLine"("adviceId", "lineNo");

-- CreateIndex
CREATE INDEX "RemittanceAdjustment_lineId_idx" ON "RemittanceAdjustment"("lineId");

-- CreateIndex
CREATE UNIQUE INDEX "DeductionReasonCode_entityId_code_key" ON "DeductionReasonCode"("entityId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Deduction_naturalKey_key" ON "Deduction"("naturalKey");

-- CreateIndex
CREATE INDEX "Deduction_entityId_status_createdAt_idx" ON "Deduction"("entityId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Deduction_customerId_status_idx" ON "Deduction"("customerId", "status");

-- CreateIndex
CREATE INDEX "Deduction_receiptId_idx" ON "Deduction"("receiptId");

-- CreateIndex
CREATE INDEX "Deduction_invoiceId_idx" ON "Deduction"("invoiceId");

-- CreateIndex
CREATE INDEX "DeductionEvidence_deductionId_createdAt_idx" ON "DeductionEvidence"("deductionId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "RemittanceSenderDomain_domain_key" ON "RemittanceSenderDomain"("domain");

-- CreateIndex
CREATE INDEX "RemittanceSenderDomain_customerId_idx" ON "RemittanceSenderDomain"("customerId");

-- CreateIndex
CREATE UNIQUE INDEX "RemittanceColumnMapping_customerId_key" ON "RemittanceColumnMapping"("customerId");

-- AddForeignKey
ALTER TABLE "RemittanceAdvice" ADD CONSTRAINT "RemittanceAdvice_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "SourceDocument"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RemittanceLine" ADD CONSTRAINT "RemittanceLine_adviceId_fkey" FOREIGN KEY ("adviceId") REFERENCES "RemittanceAdvice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RemittanceAdjustment" ADD CONSTRAINT "RemittanceAdjustment_lineId_fkey" FOREIGN KEY ("lineId") REFERENCES "RemittanceLine"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeductionEvidence" ADD CONSTRAINT "DeductionEvidence_deductionId_fkey" FOREIGN KEY ("deductionId") REFERENCES "Deduction"("id") ON DELETE CASCADE ON UPDATE CASCADE;
