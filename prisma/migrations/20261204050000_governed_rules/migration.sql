-- AlterTable
ALTER TABLE "LearnedPayer" ADD COLUMN     "activatedAt" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "proposalChangeId" TEXT;

-- AlterTable
ALTER TABLE "MatchingPolicyChange" ADD COLUMN     "backtest" JSONB,
ADD COLUMN     "backtestId" TEXT,
ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'POLICY',
ADD COLUMN     "learnedPayers" JSONB;

-- CreateTable
CREATE TABLE "PolicyBacktest" (
    "id" TEXT NOT NULL,
    "changeId" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "fromDate" TIMESTAMP(3) NOT NULL,
    "toDate" TIMESTAMP(3) NOT NULL,
    "liveVersion" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'RUNNING',
    "summary" JSONB,
    "rows" JSONB,
    "error" TEXT,
    "startedById" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "PolicyBacktest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PolicyBacktest_changeId_startedAt_idx" ON "PolicyBacktest"("changeId", "startedAt");

-- Identities learned before drafts existed counted from the moment they were learned.
UPDATE "LearnedPayer" SET "activatedAt" = "createdAt";
