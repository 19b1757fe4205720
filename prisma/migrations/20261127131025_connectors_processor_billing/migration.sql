-- CreateEnum
CREATE TYPE "InboundEventStatus" AS ENUM ('PROCESSED', 'PENDING', 'HELD', 'IGNORED');

-- AlterTable
ALTER TABLE "Receipt" ADD COLUMN     "payerEmail" TEXT,
ADD COLUMN     "refundedMinor" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "rateLimitPerMinute" INTEGER;

-- CreateTable
CREATE TABLE "InboundEvent" (
    "id" TEXT NOT NULL,
    "sourceSystem" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "status" "InboundEventStatus" NOT NULL,
    "waitingFor" TEXT,
    "documentId" TEXT NOT NULL,
    "result" JSONB NOT NULL DEFAULT '{}',
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),
    "correlationId" TEXT,

    CONSTRAINT "InboundEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Payout" (
    "id" TEXT NOT NULL,
    "processor" TEXT NOT NULL DEFAULT 'stripe',
    "payoutId" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "bankAccountId" TEXT,
    "currency" CHAR(3) NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "grossMinor" BIGINT NOT NULL,
    "feeMinor" BIGINT NOT NULL,
    "arrivalDate" DATE NOT NULL,
    "status" TEXT NOT NULL,
    "failureCode" TEXT,
    "failureMessage" TEXT,
    "statusEventAt" TIMESTAMP(3) NOT NULL,
    "journalEntryId" TEXT,
    "recognizedBankAccountId" TEXT,
    "recognizedBankReference" TEXT,
    "recognizedValueDate" DATE,
    "recognizedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Payout_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PayoutItem" (
    "id" TEXT NOT NULL,
    "payoutId" TEXT NOT NULL,
    "balanceTransactionId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "sourceId" TEXT,
    "receiptId" TEXT,
    "amountMinor" BIGINT NOT NULL,
    "feeMinor" BIGINT NOT NULL,
    "netMinor" BIGINT NOT NULL,

    CONSTRAINT "PayoutItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKeyRateWindow" (
    "keyId" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ApiKeyRateWindow_pkey" PRIMARY KEY ("keyId","windowStart")
);

-- CreateIndex
CREATE INDEX "InboundEvent_status_waitingFor_idx" ON "InboundEvent"("status", "waitingFor");

-- CreateIndex
CREATE INDEX "InboundEvent_type_receivedAt_idx" ON "InboundEvent"("type", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "InboundEvent_sourceSystem_eventId_key" ON "InboundEvent"("sourceSystem", "eventId");

-- CreateIndex
CREATE UNIQUE INDEX "Payout_payoutId_key" ON "Payout"("payoutId");

-- CreateIndex
CREATE INDEX "Payout_currency_amountMinor_arrivalDate_idx" ON "Payout"("currency", "amountMinor", "arrivalDate");

-- CreateIndex
CREATE INDEX "Payout_entityId_arrivalDate_idx" ON "Payout"("entityId", "arrivalDate");

-- CreateIndex
CREATE INDEX "PayoutItem_sourceId_idx" ON "PayoutItem"("sourceId");

-- CreateIndex
CREATE UNIQUE INDEX "PayoutItem_payoutId_balanceTransactionId_key" ON "PayoutItem"("payoutId", "balanceTransactionId");

-- AddForeignKey
ALTER TABLE "InboundEvent" ADD CONSTRAINT "InboundEvent_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "SourceDocument"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayoutItem" ADD CONSTRAINT "PayoutItem_payoutId_fkey" FOREIGN KEY ("payoutId") REFERENCES "Payout"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
