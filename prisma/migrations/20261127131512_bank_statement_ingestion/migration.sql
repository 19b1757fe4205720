-- AlterTable
ALTER TABLE "SourceDocument" ADD COLUMN     "bytesParsed" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "BankStatement" ADD COLUMN     "newEntryCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "sequence" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ExceptionCase" ADD COLUMN     "documentId" TEXT;

-- CreateIndex
CREATE INDEX "ExceptionCase_documentId_idx" ON "ExceptionCase"("documentId");

-- Raw documents are read back in slices while a large bank file is parsed (constant memory): store them
-- uncompressed out of line so a slice costs its own size, not a decompression of everything before it.
ALTER TABLE "SourceDocument" ALTER COLUMN "content" SET STORAGE EXTERNAL;
