-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('AR_ANALYST', 'TREASURY', 'CONTROLLER', 'ADMIN');

-- CreateEnum
CREATE TYPE "InvoiceStatus" AS ENUM ('OPEN', 'PARTIALLY_PAID', 'PAID', 'VOID');

-- CreateEnum
CREATE TYPE "CreditMemoStatus" AS ENUM ('OPEN', 'APPLIED', 'VOID');

-- CreateEnum
CREATE TYPE "DocumentStatus" AS ENUM ('RECEIVED', 'PROCESSING', 'PROCESSED', 'QUARANTINED');

-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('ACH', 'WIRE', 'CHECK', 'CARD', 'SEPA', 'OTHER');

-- CreateEnum
CREATE TYPE "ReceiptState" AS ENUM ('RECEIVED', 'IDENTIFIED', 'MATCHED', 'APPLIED', 'POSTED', 'PUBLISHED', 'UNIDENTIFIED', 'NEEDS_REVIEW', 'SHORT_PAY', 'OVERPAYMENT', 'DUPLICATE', 'CHARGEBACK', 'RETURNED', 'POSTING_FAILED', 'ESCALATED');

-- CreateEnum
CREATE TYPE "ApplicationKind" AS ENUM ('INVOICE', 'ON_ACCOUNT', 'WRITE_OFF', 'DEDUCTION');

-- CreateEnum
CREATE TYPE "ExceptionCode" AS ENUM ('UNIDENTIFIED', 'AMBIGUOUS', 'SHORT_PAY', 'OVERPAYMENT', 'DUPLICATE', 'ALREADY_PAID', 'CURRENCY_MISMATCH', 'CHARGEBACK', 'RETURNED', 'POSTING_FAILED', 'CUSTOMER_MAPPING', 'STATEMENT_GAP', 'BALANCE_MISMATCH', 'WRITE_OFF_APPROVAL');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('OPEN', 'IN_PROGRESS', 'ESCALATED', 'PENDING_APPROVAL', 'RESOLVED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "Priority" AS ENUM ('LOW', 'NORMAL', 'HIGH', 'URGENT');

-- CreateEnum
CREATE TYPE "JournalStatus" AS ENUM ('PENDING', 'POSTED', 'FAILED');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "writeOffLimitMinor" BIGINT NOT NULL DEFAULT 5000,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSignInAt" TIMESTAMP(3),

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginAttempt" (
    "id" BIGSERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "success" BOOLEAN NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LegalEntity" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "functionalCurrency" CHAR(3) NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LegalEntity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankAccount" (
    "id" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "bankName" TEXT NOT NULL,
    "bic" TEXT,
    "accountNumber" TEXT NOT NULL,
    "iban" TEXT,
    "currency" CHAR(3) NOT NULL,
    "name" TEXT NOT NULL,
    "glAccount" TEXT NOT NULL DEFAULT '1000',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BankAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Customer" (
    "id" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "erpAccountNumber" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "aliases" TEXT[],
    "payerAccounts" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerSourceMapping" (
    "id" TEXT NOT NULL,
    "sourceSystem" TEXT NOT NULL,
    "sourceCustomerId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustomerSourceMapping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LearnedPayer" (
    "id" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "payerName" TEXT,
    "payerAccount" TEXT,
    "learnedFromReceiptId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,

    CONSTRAINT "LearnedPayer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invoice" (
    "id" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "poNumber" TEXT,
    "currency" CHAR(3) NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "openAmountMinor" BIGINT NOT NULL,
    "issueDate" DATE NOT NULL,
    "dueDate" DATE NOT NULL,
    "status" "InvoiceStatus" NOT NULL DEFAULT 'OPEN',
    "sourceSystem" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "documentId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Invoice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CreditMemo" (
    "id" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "invoiceId" TEXT,
    "currency" CHAR(3) NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "openAmountMinor" BIGINT NOT NULL,
    "issueDate" DATE NOT NULL,
    "reason" TEXT,
    "status" "CreditMemoStatus" NOT NULL DEFAULT 'OPEN',
    "sourceSystem" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "documentId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CreditMemo_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SourceDocument" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sourceSystem" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "filename" TEXT,
    "contentType" TEXT,
    "byteSize" INTEGER NOT NULL,
    "content" BYTEA NOT NULL,
    "format" TEXT,
    "status" "DocumentStatus" NOT NULL DEFAULT 'RECEIVED',
    "error" TEXT,
    "entriesParsed" INTEGER NOT NULL DEFAULT 0,
    "entriesStored" INTEGER NOT NULL DEFAULT 0,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),
    "uploadedBy" TEXT,
    "correlationId" TEXT,

    CONSTRAINT "SourceDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankStatement" (
    "id" TEXT NOT NULL,
    "bankAccountId" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "statementRef" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "openingBalanceMinor" BIGINT,
    "openingDate" DATE,
    "closingBalanceMinor" BIGINT,
    "closingDate" DATE,
    "balanceCheck" TEXT NOT NULL,
    "balanceDifferenceMinor" BIGINT,
    "controlTotals" TEXT NOT NULL,
    "entryCount" INTEGER NOT NULL DEFAULT 0,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BankStatement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankTransaction" (
    "id" TEXT NOT NULL,
    "bankAccountId" TEXT NOT NULL,
    "statementId" TEXT,
    "naturalKey" TEXT NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "valueDate" DATE NOT NULL,
    "bookingDate" DATE,
    "type" TEXT,
    "bankReference" TEXT,
    "customerReference" TEXT,
    "counterpartyName" TEXT,
    "counterpartyAccount" TEXT,
    "remittance" TEXT,
    "reconciled" BOOLEAN NOT NULL DEFAULT false,
    "receiptId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BankTransaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Receipt" (
    "id" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "bankAccountId" TEXT,
    "customerId" TEXT,
    "currency" CHAR(3) NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "unappliedMinor" BIGINT NOT NULL,
    "valueDate" DATE NOT NULL,
    "channel" "Channel" NOT NULL,
    "payerName" TEXT,
    "payerAccount" TEXT,
    "remittance" TEXT,
    "bankReference" TEXT,
    "processorReference" TEXT,
    "state" "ReceiptState" NOT NULL DEFAULT 'RECEIVED',
    "stateChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "naturalKey" TEXT NOT NULL,
    "sourceSystem" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "postedAt" TIMESTAMP(3),
    "postingLatencyMs" INTEGER,
    "documentId" TEXT,
    "correlationId" TEXT,
    "matchDecision" JSONB,
    "ruleVersion" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Receipt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Application" (
    "id" TEXT NOT NULL,
    "receiptId" TEXT NOT NULL,
    "invoiceId" TEXT,
    "customerId" TEXT,
    "kind" "ApplicationKind" NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "reasonCode" TEXT,
    "appliedByType" TEXT NOT NULL,
    "appliedById" TEXT,
    "ruleVersion" TEXT,
    "appliedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reversedAt" TIMESTAMP(3),
    "reversedById" TEXT,
    "reversalReason" TEXT,

    CONSTRAINT "Application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExceptionCase" (
    "id" TEXT NOT NULL,
    "code" "ExceptionCode" NOT NULL,
    "status" "CaseStatus" NOT NULL DEFAULT 'OPEN',
    "priority" "Priority" NOT NULL DEFAULT 'NORMAL',
    "entityId" TEXT NOT NULL,
    "receiptId" TEXT,
    "bankAccountId" TEXT,
    "subjectType" TEXT,
    "subjectId" TEXT,
    "amountMinor" BIGINT,
    "currency" CHAR(3),
    "assigneeId" TEXT,
    "slaDueAt" TIMESTAMP(3) NOT NULL,
    "suggestion" JSONB,
    "reasons" TEXT[],
    "resolution" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExceptionCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExceptionNote" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExceptionNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkflowEvent" (
    "id" BIGSERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "schemaVersion" INTEGER NOT NULL DEFAULT 1,
    "receiptId" TEXT,
    "invoiceId" TEXT,
    "entityId" TEXT,
    "businessKeys" JSONB NOT NULL DEFAULT '{}',
    "sourceSystem" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "correlationId" TEXT,
    "actorType" TEXT NOT NULL DEFAULT 'system',
    "actorId" TEXT,
    "fromState" TEXT,
    "toState" TEXT,
    "postingStatus" TEXT,
    "exceptionCode" TEXT,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkflowEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JournalEntry" (
    "id" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "receiptId" TEXT,
    "kind" TEXT NOT NULL,
    "memo" TEXT,
    "idempotencyKey" TEXT NOT NULL,
    "status" "JournalStatus" NOT NULL DEFAULT 'PENDING',
    "erpDocumentId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "postedAt" TIMESTAMP(3),

    CONSTRAINT "JournalEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JournalLine" (
    "id" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "debitMinor" BIGINT NOT NULL DEFAULT 0,
    "creditMinor" BIGINT NOT NULL DEFAULT 0,
    "description" TEXT,

    CONSTRAINT "JournalLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConnectorRun" (
    "id" TEXT NOT NULL,
    "connector" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "itemsIn" INTEGER NOT NULL DEFAULT 0,
    "itemsOut" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "correlationId" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "ConnectorRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "ip" TEXT,
    "requestId" TEXT,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "system" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "scopes" TEXT[],
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MatchingPolicy" (
    "id" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "policy" JSONB NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MatchingPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CloseSignOff" (
    "id" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "signedById" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "justification" TEXT,
    "blockersSnapshot" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "CloseSignOff_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "LoginAttempt_email_at_idx" ON "LoginAttempt"("email", "at");

-- CreateIndex
CREATE INDEX "LoginAttempt_ip_at_idx" ON "LoginAttempt"("ip", "at");

-- CreateIndex
CREATE UNIQUE INDEX "LegalEntity_code_key" ON "LegalEntity"("code");

-- CreateIndex
CREATE UNIQUE INDEX "BankAccount_accountNumber_key" ON "BankAccount"("accountNumber");

-- CreateIndex
CREATE UNIQUE INDEX "BankAccount_iban_key" ON "BankAccount"("iban");

-- CreateIndex
CREATE INDEX "BankAccount_entityId_idx" ON "BankAccount"("entityId");

-- CreateIndex
CREATE INDEX "Customer_name_idx" ON "Customer"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Customer_entityId_erpAccountNumber_key" ON "Customer"("entityId", "erpAccountNumber");

-- CreateIndex
CREATE INDEX "CustomerSourceMapping_customerId_idx" ON "CustomerSourceMapping"("customerId");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerSourceMapping_sourceSystem_sourceCustomerId_key" ON "CustomerSourceMapping"("sourceSystem", "sourceCustomerId");

-- CreateIndex
CREATE INDEX "LearnedPayer_customerId_idx" ON "LearnedPayer"("customerId");

-- CreateIndex
CREATE INDEX "LearnedPayer_payerAccount_idx" ON "LearnedPayer"("payerAccount");

-- CreateIndex
CREATE INDEX "Invoice_customerId_status_dueDate_idx" ON "Invoice"("customerId", "status", "dueDate");

-- CreateIndex
CREATE INDEX "Invoice_entityId_currency_status_idx" ON "Invoice"("entityId", "currency", "status");

-- CreateIndex
CREATE INDEX "Invoice_poNumber_idx" ON "Invoice"("poNumber");

-- CreateIndex
CREATE INDEX "Invoice_status_dueDate_idx" ON "Invoice"("status", "dueDate");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_entityId_number_key" ON "Invoice"("entityId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_sourceSystem_sourceId_key" ON "Invoice"("sourceSystem", "sourceId");

-- CreateIndex
CREATE INDEX "CreditMemo_customerId_status_idx" ON "CreditMemo"("customerId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "CreditMemo_entityId_number_key" ON "CreditMemo"("entityId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "CreditMemo_sourceSystem_sourceId_key" ON "CreditMemo"("sourceSystem", "sourceId");

-- CreateIndex
CREATE UNIQUE INDEX "SourceDocument_sha256_key" ON "SourceDocument"("sha256");

-- CreateIndex
CREATE INDEX "SourceDocument_kind_receivedAt_idx" ON "SourceDocument"("kind", "receivedAt");

-- CreateIndex
CREATE INDEX "SourceDocument_status_idx" ON "SourceDocument"("status");

-- CreateIndex
CREATE INDEX "BankStatement_bankAccountId_closingDate_idx" ON "BankStatement"("bankAccountId", "closingDate");

-- CreateIndex
CREATE UNIQUE INDEX "BankStatement_documentId_statementRef_bankAccountId_key" ON "BankStatement"("documentId", "statementRef", "bankAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "BankTransaction_naturalKey_key" ON "BankTransaction"("naturalKey");

-- CreateIndex
CREATE INDEX "BankTransaction_bankAccountId_valueDate_idx" ON "BankTransaction"("bankAccountId", "valueDate");

-- CreateIndex
CREATE INDEX "BankTransaction_reconciled_bankAccountId_idx" ON "BankTransaction"("reconciled", "bankAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "Receipt_naturalKey_key" ON "Receipt"("naturalKey");

-- CreateIndex
CREATE INDEX "Receipt_state_receivedAt_idx" ON "Receipt"("state", "receivedAt");

-- CreateIndex
CREATE INDEX "Receipt_entityId_currency_state_idx" ON "Receipt"("entityId", "currency", "state");

-- CreateIndex
CREATE INDEX "Receipt_customerId_idx" ON "Receipt"("customerId");

-- CreateIndex
CREATE INDEX "Receipt_valueDate_idx" ON "Receipt"("valueDate");

-- CreateIndex
CREATE INDEX "Receipt_bankReference_idx" ON "Receipt"("bankReference");

-- CreateIndex
CREATE INDEX "Application_receiptId_idx" ON "Application"("receiptId");

-- CreateIndex
CREATE INDEX "Application_invoiceId_idx" ON "Application"("invoiceId");

-- CreateIndex
CREATE INDEX "ExceptionCase_status_code_createdAt_idx" ON "ExceptionCase"("status", "code", "createdAt");

-- CreateIndex
CREATE INDEX "ExceptionCase_assigneeId_status_idx" ON "ExceptionCase"("assigneeId", "status");

-- CreateIndex
CREATE INDEX "ExceptionCase_receiptId_idx" ON "ExceptionCase"("receiptId");

-- CreateIndex
CREATE INDEX "ExceptionCase_entityId_status_idx" ON "ExceptionCase"("entityId", "status");

-- CreateIndex
CREATE INDEX "ExceptionNote_caseId_createdAt_idx" ON "ExceptionNote"("caseId", "createdAt");

-- CreateIndex
CREATE INDEX "WorkflowEvent_receiptId_recordedAt_idx" ON "WorkflowEvent"("receiptId", "recordedAt");

-- CreateIndex
CREATE INDEX "WorkflowEvent_type_recordedAt_idx" ON "WorkflowEvent"("type", "recordedAt");

-- CreateIndex
CREATE INDEX "WorkflowEvent_invoiceId_idx" ON "WorkflowEvent"("invoiceId");

-- CreateIndex
CREATE INDEX "WorkflowEvent_correlationId_idx" ON "WorkflowEvent"("correlationId");

-- CreateIndex
CREATE UNIQUE INDEX "WorkflowEvent_sourceSystem_sourceId_type_key" ON "WorkflowEvent"("sourceSystem", "sourceId", "type");

-- CreateIndex
CREATE UNIQUE INDEX "JournalEntry_idempotencyKey_key" ON "JournalEntry"("idempotencyKey");

-- CreateIndex
CREATE INDEX "JournalEntry_status_createdAt_idx" ON "JournalEntry"("status", "createdAt");

-- CreateIndex
CREATE INDEX "JournalEntry_receiptId_idx" ON "JournalEntry"("receiptId");

-- CreateIndex
CREATE INDEX "JournalEntry_entityId_currency_idx" ON "JournalEntry"("entityId", "currency");

-- CreateIndex
CREATE INDEX "JournalLine_entryId_idx" ON "JournalLine"("entryId");

-- CreateIndex
CREATE INDEX "ConnectorRun_connector_startedAt_idx" ON "ConnectorRun"("connector", "startedAt");

-- CreateIndex
CREATE INDEX "ConnectorRun_status_startedAt_idx" ON "ConnectorRun"("status", "startedAt");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_actorId_at_idx" ON "AuditLog"("actorId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_targetType_targetId_idx" ON "AuditLog"("targetType", "targetId");

-- CreateIndex
CREATE INDEX "AuditLog_action_at_idx" ON "AuditLog"("action", "at");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_prefix_key" ON "ApiKey"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE UNIQUE INDEX "MatchingPolicy_entityId_version_key" ON "MatchingPolicy"("entityId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "CloseSignOff_entityId_period_key" ON "CloseSignOff"("entityId", "period");

-- AddForeignKey
ALTER TABLE "BankAccount" ADD CONSTRAINT "BankAccount_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "LegalEntity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Customer" ADD CONSTRAINT "Customer_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "LegalEntity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerSourceMapping" ADD CONSTRAINT "CustomerSourceMapping_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LearnedPayer" ADD CONSTRAINT "LearnedPayer_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "LegalEntity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "SourceDocument"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditMemo" ADD CONSTRAINT "CreditMemo_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankStatement" ADD CONSTRAINT "BankStatement_bankAccountId_fkey" FOREIGN KEY ("bankAccountId") REFERENCES "BankAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankStatement" ADD CONSTRAINT "BankStatement_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "SourceDocument"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankTransaction" ADD CONSTRAINT "BankTransaction_bankAccountId_fkey" FOREIGN KEY ("bankAccountId") REFERENCES "BankAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankTransaction" ADD CONSTRAINT "BankTransaction_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "BankStatement"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Receipt" ADD CONSTRAINT "Receipt_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "LegalEntity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Receipt" ADD CONSTRAINT "Receipt_bankAccountId_fkey" FOREIGN KEY ("bankAccountId") REFERENCES "BankAccount"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Receipt" ADD CONSTRAINT "Receipt_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Receipt" ADD CONSTRAINT "Receipt_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "SourceDocument"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_receiptId_fkey" FOREIGN KEY ("receiptId") REFERENCES "Receipt"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExceptionCase" ADD CONSTRAINT "ExceptionCase_receiptId_fkey" FOREIGN KEY ("receiptId") REFERENCES "Receipt"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExceptionCase" ADD CONSTRAINT "ExceptionCase_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExceptionNote" ADD CONSTRAINT "ExceptionNote_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "ExceptionCase"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExceptionNote" ADD CONSTRAINT "ExceptionNote_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkflowEvent" ADD CONSTRAINT "WorkflowEvent_receiptId_fkey" FOREIGN KEY ("receiptId") REFERENCES "Receipt"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JournalEntry" ADD CONSTRAINT "JournalEntry_receiptId_fkey" FOREIGN KEY ("receiptId") REFERENCES "Receipt"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JournalLine" ADD CONSTRAINT "JournalLine_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "JournalEntry"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: partial indexes for the cockpit's hottest queries (Prisma's schema language cannot express them).
CREATE INDEX "Invoice_open_by_customer_idx" ON "Invoice" ("customerId", "dueDate") WHERE "status" IN ('OPEN', 'PARTIALLY_PAID');
CREATE INDEX "Receipt_unapplied_idx" ON "Receipt" ("entityId", "currency", "receivedAt") WHERE "unappliedMinor" > 0;
CREATE INDEX "ExceptionCase_open_idx" ON "ExceptionCase" ("slaDueAt") WHERE "status" NOT IN ('RESOLVED', 'CANCELLED');
