-- CreateTable
CREATE TABLE "UnreconciledBankLinesByValueDate" (
    "bankAccountId" TEXT NOT NULL,
    "valueDate" DATE NOT NULL,
    "count" BIGINT NOT NULL,
    "amountMinor" BIGINT NOT NULL,

    CONSTRAINT "UnreconciledBankLinesByValueDate_pkey" PRIMARY KEY ("bankAccountId","valueDate")
);

-- CreateTable
CREATE TABLE "UnreconciledBankLineMovement" (
    "id" BIGSERIAL NOT NULL,
    "bankAccountId" TEXT NOT NULL,
    "valueDate" DATE NOT NULL,
    "count" BIGINT NOT NULL,
    "amountMinor" BIGINT NOT NULL,

    CONSTRAINT "UnreconciledBankLineMovement_pkey" PRIMARY KEY ("id")
);

-- Bank lines not reconciled, kept on write like unapplied cash (20261206010000; lib/figures/movement-rollup.ts):
-- inserts and deletes as statement triggers with transition tables (statement files are COPYed in batches), updates
-- as a row trigger that fires only when a line starts or stops counting, or its amount, account or value date moves.
CREATE FUNCTION cashline_unreconciled_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "UnreconciledBankLineMovement" ("bankAccountId", "valueDate", count, "amountMinor")
  SELECT n."bankAccountId", n."valueDate", count(*), sum(n."amountMinor") FROM inserted n WHERE NOT n.reconciled GROUP BY 1, 2;
  RETURN NULL;
END $$;

CREATE FUNCTION cashline_unreconciled_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT OLD.reconciled THEN
    INSERT INTO "UnreconciledBankLineMovement" ("bankAccountId", "valueDate", count, "amountMinor")
    VALUES (OLD."bankAccountId", OLD."valueDate", -1, -OLD."amountMinor");
  END IF;
  IF NOT NEW.reconciled THEN
    INSERT INTO "UnreconciledBankLineMovement" ("bankAccountId", "valueDate", count, "amountMinor")
    VALUES (NEW."bankAccountId", NEW."valueDate", 1, NEW."amountMinor");
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION cashline_unreconciled_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "UnreconciledBankLineMovement" ("bankAccountId", "valueDate", count, "amountMinor")
  SELECT o."bankAccountId", o."valueDate", -count(*), -sum(o."amountMinor") FROM deleted o WHERE NOT o.reconciled GROUP BY 1, 2;
  RETURN NULL;
END $$;

CREATE FUNCTION cashline_unreconciled_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "UnreconciledBankLineMovement";
  DELETE FROM "UnreconciledBankLinesByValueDate";
  RETURN NULL;
END $$;

CREATE TRIGGER "BankTransaction_unreconciled_insert" AFTER INSERT ON "BankTransaction"
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION cashline_unreconciled_on_insert();
CREATE TRIGGER "BankTransaction_unreconciled_update" AFTER UPDATE OF reconciled, "amountMinor", "bankAccountId", "valueDate" ON "BankTransaction"
  FOR EACH ROW
  WHEN (OLD.reconciled IS DISTINCT FROM NEW.reconciled
    OR (NOT NEW.reconciled AND (OLD."amountMinor", OLD."bankAccountId", OLD."valueDate") IS DISTINCT FROM (NEW."amountMinor", NEW."bankAccountId", NEW."valueDate")))
  EXECUTE FUNCTION cashline_unreconciled_on_update();
CREATE TRIGGER "BankTransaction_unreconciled_delete" AFTER DELETE ON "BankTransaction"
  REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION cashline_unreconciled_on_delete();
CREATE TRIGGER "BankTransaction_unreconciled_truncate" AFTER TRUNCATE ON "BankTransaction"
  FOR EACH STATEMENT EXECUTE FUNCTION cashline_unreconciled_on_truncate();

-- The lines already there; SHARE mode holds writers off meanwhile, so none is counted twice or missed.
LOCK TABLE "BankTransaction" IN SHARE MODE;
INSERT INTO "UnreconciledBankLinesByValueDate" ("bankAccountId", "valueDate", count, "amountMinor")
SELECT "bankAccountId", "valueDate", count(*), sum("amountMinor") FROM "BankTransaction" WHERE NOT reconciled GROUP BY 1, 2;
