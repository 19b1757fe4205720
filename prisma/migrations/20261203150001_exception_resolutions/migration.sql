-- CreateEnum
CREATE TYPE "RefundStatus" AS ENUM ('PENDING_APPROVAL', 'REQUESTED', 'CONFIRMED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "DisputeStatus" AS ENUM ('OPEN', 'SUBMITTED', 'WON', 'LOST');

-- AlterEnum
ALTER TYPE "ExceptionCode" ADD VALUE 'STALLED';

-- AlterTable
ALTER TABLE "ExceptionCase" ADD COLUMN     "mergedIntoId" TEXT;

-- CreateTable
CREATE TABLE "RefundRequest" (
    "id" TEXT NOT NULL,
    "receiptId" TEXT NOT NULL,
    "caseId" TEXT,
    "entityId" TEXT NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "RefundStatus" NOT NULL,
    "requestedById" TEXT NOT NULL,
    "approvedById" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "paymentRef" TEXT,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RefundRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChargebackDispute" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "receiptId" TEXT NOT NULL,
    "status" "DisputeStatus" NOT NULL DEFAULT 'OPEN',
    "evidenceDueAt" TIMESTAMP(3) NOT NULL,
    "submittedAt" TIMESTAMP(3),
    "evidence" TEXT,
    "decidedAt" TIMESTAMP(3),
    "lostAction" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChargebackDispute_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RefundRequest_receiptId_idx" ON "RefundRequest"("receiptId");

-- CreateIndex
CREATE INDEX "RefundRequest_status_createdAt_idx" ON "RefundRequest"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ChargebackDispute_caseId_key" ON "ChargebackDispute"("caseId");

-- CreateIndex
CREATE INDEX "ChargebackDispute_receiptId_idx" ON "ChargebackDispute"("receiptId");

-- Hand-written: merge the doubles, then one active case per receipt, enforced by the database.
-- Several receipts carried two active cases at once (a posting failure opened a second case next to the engine's,
-- a re-decision under a new code opened another). The newest active case survives (it is the one the workspace
-- already showed); every other active case of the same receipt is CANCELLED with mergedIntoId pointing at the
-- survivor, its notes move to the survivor, and both the survivor's notes and the timeline say what was merged.
CREATE TEMP TABLE "_case_merge" ON COMMIT DROP AS
SELECT c.id AS merged_id, c.code::text AS merged_code, c."receiptId" AS receipt_id, c."entityId" AS entity_id, s.id AS survivor_id
FROM "ExceptionCase" c
JOIN LATERAL (
  SELECT id FROM "ExceptionCase" x
  WHERE x."receiptId" = c."receiptId" AND x.status NOT IN ('RESOLVED', 'CANCELLED')
  ORDER BY x."createdAt" DESC, x.id DESC LIMIT 1
) s ON s.id <> c.id
WHERE c."receiptId" IS NOT NULL AND c.status NOT IN ('RESOLVED', 'CANCELLED');

UPDATE "ExceptionNote" n SET "caseId" = m.survivor_id FROM "_case_merge" m WHERE n."caseId" = m.merged_id;

INSERT INTO "ExceptionNote" (id, "caseId", "authorId", body, "createdAt")
SELECT 'merge_' || m.merged_id, m.survivor_id, u.id,
       'Merged case ' || m.merged_id || ' (' || m.merged_code || ') into this one: one active case per receipt.', now()
FROM "_case_merge" m
CROSS JOIN LATERAL (SELECT id FROM "User" ORDER BY (role = 'ADMIN') DESC, "createdAt" ASC LIMIT 1) u;

INSERT INTO "WorkflowEvent" (type, "receiptId", "entityId", "sourceSystem", "sourceId", "actorType", "exceptionCode", "businessKeys", payload, "occurredAt", "recordedAt")
SELECT 'exception.merged', m.receipt_id, m.entity_id, 'cashline', m.merged_id, 'system', m.merged_code,
       jsonb_build_object('caseId', m.survivor_id, 'mergedCaseId', m.merged_id),
       jsonb_build_object('mergedInto', m.survivor_id, 'reason', 'one active case per receipt'), now(), now()
FROM "_case_merge" m
ON CONFLICT DO NOTHING;

UPDATE "ExceptionCase" c
SET status = 'CANCELLED', "mergedIntoId" = m.survivor_id, resolution = 'Merged into case ' || m.survivor_id,
    "resolvedAt" = now(), version = c.version + 1, "updatedAt" = now()
FROM "_case_merge" m WHERE c.id = m.merged_id;

CREATE UNIQUE INDEX "ExceptionCase_one_active_per_receipt" ON "ExceptionCase" ("receiptId")
  WHERE "receiptId" IS NOT NULL AND status NOT IN ('RESOLVED', 'CANCELLED');
