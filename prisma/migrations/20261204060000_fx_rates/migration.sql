-- AlterTable
ALTER TABLE "LegalEntity" ADD COLUMN     "fxGainAccount" TEXT NOT NULL DEFAULT '7810',
ADD COLUMN     "fxLossAccount" TEXT NOT NULL DEFAULT '6860';

-- AlterTable
ALTER TABLE "Application" ADD COLUMN     "fxBookedFunctionalMinor" BIGINT,
ADD COLUMN     "fxFunctionalCurrency" CHAR(3),
ADD COLUMN     "fxFunctionalMinor" BIGINT,
ADD COLUMN     "fxInvoiceAmountMinor" BIGINT,
ADD COLUMN     "fxInvoiceCurrency" CHAR(3),
ADD COLUMN     "fxRate" TEXT,
ADD COLUMN     "fxRateDate" DATE;

-- CreateTable
CREATE TABLE "FxRate" (
    "id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "base" CHAR(3) NOT NULL,
    "quote" CHAR(3) NOT NULL,
    "rate" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "createdById" TEXT,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FxRate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GroupSetting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GroupSetting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "FxRate_day_idx" ON "FxRate"("day");

-- CreateIndex
CREATE UNIQUE INDEX "FxRate_base_quote_day_key" ON "FxRate"("base", "quote", "day");
