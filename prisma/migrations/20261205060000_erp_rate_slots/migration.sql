-- CreateTable
CREATE TABLE "ErpRateSlot" (
    "key" TEXT NOT NULL,
    "nextAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ErpRateSlot_pkey" PRIMARY KEY ("key")
);
