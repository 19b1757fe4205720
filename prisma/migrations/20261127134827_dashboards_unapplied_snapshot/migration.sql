-- CreateTable
CREATE TABLE "UnappliedCashSnapshot" (
    "day" DATE NOT NULL,
    "entityId" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UnappliedCashSnapshot_pkey" PRIMARY KEY ("day","entityId","currency")
);

-- Hand-written (checked with EXPLAIN ANALYZE on the bench:dashboards data).
-- Payments list drill-downs ordered by arrival (newest first): walk only the unapplied-cash subset, not every receipt.
CREATE INDEX "Receipt_unapplied_received_idx" ON "Receipt" ("receivedAt") WHERE "unappliedMinor" > 0 AND "state" NOT IN ('RETURNED', 'DUPLICATE');
-- The payments search ORs an exact processor-charge-id match with the trigram searches; without an index on it the
-- OR cannot be a bitmap union and every search scans all receipts (7 s on 1,000,000).
CREATE INDEX "Receipt_processorReference_idx" ON "Receipt" ("processorReference");
