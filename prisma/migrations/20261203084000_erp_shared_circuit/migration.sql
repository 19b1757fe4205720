-- CreateTable
CREATE TABLE "ErpCircuit" (
    "name" TEXT NOT NULL,
    "state" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ErpCircuit_pkey" PRIMARY KEY ("name")
);
