-- DropIndex
DROP INDEX "CloseSignOff_entityId_period_key";

-- AlterTable
ALTER TABLE "LegalEntity" ADD COLUMN     "closeTwoLevelSignOff" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "segregateCashDuties" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "SourceDocument" ADD COLUMN     "uploadedById" TEXT;

-- AlterTable
ALTER TABLE "BankTransaction" ADD COLUMN     "accountingDate" DATE,
ADD COLUMN     "accountingNote" TEXT;

-- AlterTable
ALTER TABLE "Receipt" ADD COLUMN     "accountingDate" DATE,
ADD COLUMN     "accountingNote" TEXT;

-- AlterTable
ALTER TABLE "Application" ADD COLUMN     "approvedById" TEXT;

-- AlterTable
ALTER TABLE "CloseSignOff" ADD COLUMN     "approvedAt" TIMESTAMP(3),
ADD COLUMN     "approvedById" TEXT,
ADD COLUMN     "reopenedAt" TIMESTAMP(3),
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'LOCKED';

-- CreateTable
CREATE TABLE "PeriodReopenRequest" (
    "id" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "requestedById" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,

    CONSTRAINT "PeriodReopenRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WriteOffLimit" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "perWriteOffMinor" BIGINT NOT NULL,
    "perReceiptMinor" BIGINT NOT NULL,
    "perInvoiceMinor" BIGINT NOT NULL,
    "perDayMinor" BIGINT NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WriteOffLimit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MatchingPolicyChange" (
    "id" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "override" JSONB NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "requestedById" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,
    "version" INTEGER,

    CONSTRAINT "MatchingPolicyChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PeriodReopenRequest_entityId_period_status_idx" ON "PeriodReopenRequest"("entityId", "period", "status");

-- CreateIndex
CREATE UNIQUE INDEX "WriteOffLimit_userId_currency_key" ON "WriteOffLimit"("userId", "currency");

-- CreateIndex
CREATE INDEX "MatchingPolicyChange_entityId_status_idx" ON "MatchingPolicyChange"("entityId", "status");

-- CreateIndex
CREATE INDEX "Application_appliedById_appliedAt_idx" ON "Application"("appliedById", "appliedAt");

-- CreateIndex
CREATE INDEX "CloseSignOff_entityId_period_idx" ON "CloseSignOff"("entityId", "period");

-- Hand-written: at most one live (PREPARED or LOCKED) sign-off per entity and period; reopened ones are history.
CREATE UNIQUE INDEX "CloseSignOff_live_key" ON "CloseSignOff"("entityId", "period") WHERE "status" IN ('PREPARED', 'LOCKED');
CREATE INDEX "Receipt_accountingDate_idx" ON "Receipt"("accountingDate") WHERE "accountingDate" IS NOT NULL;
CREATE INDEX "BankTransaction_accountingDate_idx" ON "BankTransaction"("accountingDate") WHERE "accountingDate" IS NOT NULL;

-- Period lock, the database backstop (lib/close/period-lock.ts is the application side, with the clear errors).
-- The signed-off (LOCKED) month of an entity that contains day d, or null.
CREATE OR REPLACE FUNCTION cashline_locked_period(p_entity text, d date) RETURNS text LANGUAGE sql STABLE AS $$
  select s.period from "CloseSignOff" s
   where s."entityId" = p_entity and s.period = to_char(d, 'YYYY-MM') and s.status = 'LOCKED' limit 1
$$;

-- d itself when its month is open; else the first day of the first open month after it.
CREATE OR REPLACE FUNCTION cashline_open_date(p_entity text, d date) RETURNS date LANGUAGE plpgsql STABLE AS $$
DECLARE m date := date_trunc('month', d)::date;
BEGIN
  IF cashline_locked_period(p_entity, d) IS NULL THEN RETURN d; END IF;
  LOOP
    m := (m + interval '1 month')::date;
    EXIT WHEN cashline_locked_period(p_entity, m) IS NULL;
  END LOOP;
  RETURN m;
END $$;

-- Late bank lines and receipts (value date in a signed-off month) are accounted in the next open month, with a
-- note saying why: every insert path (COPY in ingestion, webhooks, tests) gets this. Statement-level with a
-- transition table, so a 5,000-line COPY batch costs one join against the (tiny) sign-off table, not a lookup per row.
CREATE OR REPLACE FUNCTION cashline_late_receipts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Receipt" r
     SET "accountingDate" = x.open_date,
         "accountingNote" = format('value date %s falls in %s, already signed off: accounted in %s', x."valueDate", to_char(x."valueDate", 'YYYY-MM'), to_char(x.open_date, 'YYYY-MM'))
    FROM (SELECT i.id, i."valueDate", cashline_open_date(i."entityId", i."valueDate") AS open_date
            FROM inserted i JOIN "CloseSignOff" s ON s."entityId" = i."entityId" AND s.status = 'LOCKED' AND s.period = to_char(i."valueDate", 'YYYY-MM')
           WHERE i."accountingDate" IS NULL) x
   WHERE r.id = x.id;
  RETURN NULL;
END $$;
CREATE TRIGGER "Receipt_late_period" AFTER INSERT ON "Receipt"
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION cashline_late_receipts();

CREATE OR REPLACE FUNCTION cashline_late_bank_lines() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "BankTransaction" t
     SET "accountingDate" = x.open_date,
         "accountingNote" = format('value date %s falls in %s, already signed off: accounted in %s', x."valueDate", to_char(x."valueDate", 'YYYY-MM'), to_char(x.open_date, 'YYYY-MM'))
    FROM (SELECT i.id, i."valueDate", cashline_open_date(a."entityId", i."valueDate") AS open_date
            FROM inserted i JOIN "BankAccount" a ON a.id = i."bankAccountId"
            JOIN "CloseSignOff" s ON s."entityId" = a."entityId" AND s.status = 'LOCKED' AND s.period = to_char(i."valueDate", 'YYYY-MM')
           WHERE i."accountingDate" IS NULL) x
   WHERE t.id = x.id;
  RETURN NULL;
END $$;
CREATE TRIGGER "BankTransaction_late_period" AFTER INSERT ON "BankTransaction"
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION cashline_late_bank_lines();

-- People's applications (and write-offs) and reversals of a receipt accounted in a signed-off month are refused.
-- The engine's own applications are not checked here: a late receipt is already dated into an open month.
CREATE OR REPLACE FUNCTION cashline_application_period_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE entity text; d date; locked text;
BEGIN
  IF TG_OP = 'INSERT' AND NEW."appliedByType" <> 'user' THEN RETURN NEW; END IF;
  IF TG_OP = 'UPDATE' AND NOT (OLD."reversedAt" IS NULL AND NEW."reversedAt" IS NOT NULL AND NEW."reversedById" IS NOT NULL) THEN RETURN NEW; END IF;
  SELECT "entityId", coalesce("accountingDate", "valueDate") INTO entity, d FROM "Receipt" WHERE id = NEW."receiptId";
  locked := cashline_locked_period(entity, d);
  IF locked IS NOT NULL THEN
    RAISE EXCEPTION 'period % is signed off (locked): no application, write-off or reversal may be dated in it', locked
      USING ERRCODE = 'P0001', HINT = 'ask a controller to reopen the period';
  END IF;
  RETURN NEW;
END $$;
-- WHEN clauses: the engine's bulk inserts never enter PL/pgSQL.
CREATE TRIGGER "Application_period_lock_insert" BEFORE INSERT ON "Application"
  FOR EACH ROW WHEN (NEW."appliedByType" = 'user') EXECUTE FUNCTION cashline_application_period_check();
CREATE TRIGGER "Application_period_lock_reversal" BEFORE UPDATE OF "reversedAt" ON "Application"
  FOR EACH ROW WHEN (OLD."reversedAt" IS NULL AND NEW."reversedAt" IS NOT NULL) EXECUTE FUNCTION cashline_application_period_check();
