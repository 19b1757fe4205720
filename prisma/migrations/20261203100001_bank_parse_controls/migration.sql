-- AlterTable
ALTER TABLE "BankStatement" ADD COLUMN     "warnings" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "DropFolderAttempt" (
    "sha256" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DropFolderAttempt_pkey" PRIMARY KEY ("sha256")
);
