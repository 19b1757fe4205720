-- CreateTable
CREATE TABLE "RemittanceMailItem" (
    "id" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "attachmentSha256" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "emailDocumentId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RemittanceMailItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RemittanceMailItem_messageId_attachmentSha256_key" ON "RemittanceMailItem"("messageId", "attachmentSha256");
