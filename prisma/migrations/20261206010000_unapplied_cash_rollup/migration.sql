-- CreateTable
CREATE TABLE "UnappliedCashByValueDate" (
    "entityId" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "valueDate" DATE NOT NULL,
    "count" BIGINT NOT NULL,
    "amountMinor" BIGINT NOT NULL,

    CONSTRAINT "UnappliedCashByValueDate_pkey" PRIMARY KEY ("entityId","currency","valueDate")
);

-- CreateTable
CREATE TABLE "UnappliedCashMovement" (
    "id" BIGSERIAL NOT NULL,
    "entityId" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "valueDate" DATE NOT NULL,
    "count" BIGINT NOT NULL,
    "amountMinor" BIGINT NOT NULL,

    CONSTRAINT "UnappliedCashMovement_pkey" PRIMARY KEY ("id")
);

-- Unapplied cash kept current on write (issue 15: the dashboards at 10,000,000 receipts). The one definition is
-- lib/figures/unapplied-cash.ts: "unappliedMinor" > 0 and state not RETURNED or DUPLICATE. Triggers append
-- each change per (entity, currency, value date) to UnappliedCashMovement: inserts and deletes as statement triggers
-- with transition tables (one insert per statement, however many rows: bulk ingestion), updates as row triggers
-- that fire only when the cash changed (below). Append-only, so concurrent
-- writers never queue on a shared total row nor deadlock on two of them in different orders. Readers add the
-- movements to the folded roll-up; lib/figures/fold-unapplied-cash.ts folds them in on the worker's schedule.
CREATE FUNCTION cashline_unapplied_counts(r "Receipt") RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT r."unappliedMinor" > 0 AND r.state NOT IN ('RETURNED', 'DUPLICATE')
$$;

CREATE FUNCTION cashline_unapplied_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "UnappliedCashMovement" ("entityId", currency, "valueDate", count, "amountMinor")
  SELECT n."entityId", n.currency, n."valueDate", count(*), sum(n."unappliedMinor")
    FROM inserted n WHERE cashline_unapplied_counts(n) GROUP BY 1, 2, 3;
  RETURN NULL;
END $$;

-- Updates are row triggers, not statement ones: most updates of a receipt (posted, published, a case opened) leave
-- its unapplied cash as it was, and the WHEN clause below skips those in C, before any function call, where a
-- statement trigger would copy every updated row into its transition tables first. bench:pipeline's PostgreSQL CPU
-- measured both ways: see the commit.
CREATE FUNCTION cashline_unapplied_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF cashline_unapplied_counts(OLD) THEN
    INSERT INTO "UnappliedCashMovement" ("entityId", currency, "valueDate", count, "amountMinor")
    VALUES (OLD."entityId", OLD.currency, OLD."valueDate", -1, -OLD."unappliedMinor");
  END IF;
  IF cashline_unapplied_counts(NEW) THEN
    INSERT INTO "UnappliedCashMovement" ("entityId", currency, "valueDate", count, "amountMinor")
    VALUES (NEW."entityId", NEW.currency, NEW."valueDate", 1, NEW."unappliedMinor");
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION cashline_unapplied_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "UnappliedCashMovement" ("entityId", currency, "valueDate", count, "amountMinor")
  SELECT o."entityId", o.currency, o."valueDate", -count(*), -sum(o."unappliedMinor")
    FROM deleted o WHERE cashline_unapplied_counts(o) GROUP BY 1, 2, 3;
  RETURN NULL;
END $$;

CREATE FUNCTION cashline_unapplied_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "UnappliedCashMovement";
  DELETE FROM "UnappliedCashByValueDate";
  RETURN NULL;
END $$;

CREATE TRIGGER "Receipt_unapplied_insert" AFTER INSERT ON "Receipt"
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION cashline_unapplied_on_insert();
CREATE TRIGGER "Receipt_unapplied_update" AFTER UPDATE OF "unappliedMinor", state, "valueDate", "entityId", currency ON "Receipt"
  FOR EACH ROW
  -- The receipt started or stopped counting, or it counts and its amount or key moved.
  WHEN ((OLD."unappliedMinor" > 0 AND OLD.state NOT IN ('RETURNED', 'DUPLICATE')) IS DISTINCT FROM (NEW."unappliedMinor" > 0 AND NEW.state NOT IN ('RETURNED', 'DUPLICATE'))
    OR (NEW."unappliedMinor" > 0 AND NEW.state NOT IN ('RETURNED', 'DUPLICATE')
        AND (OLD."unappliedMinor", OLD."valueDate", OLD."entityId", OLD.currency) IS DISTINCT FROM (NEW."unappliedMinor", NEW."valueDate", NEW."entityId", NEW.currency)))
  EXECUTE FUNCTION cashline_unapplied_on_update();
CREATE TRIGGER "Receipt_unapplied_delete" AFTER DELETE ON "Receipt"
  REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION cashline_unapplied_on_delete();
CREATE TRIGGER "Receipt_unapplied_truncate" AFTER TRUNCATE ON "Receipt"
  FOR EACH STATEMENT EXECUTE FUNCTION cashline_unapplied_on_truncate();

-- The receipts already there. SHARE mode holds writers off for the moment it takes, so none is counted twice or missed.
LOCK TABLE "Receipt" IN SHARE MODE;
INSERT INTO "UnappliedCashByValueDate" ("entityId", currency, "valueDate", count, "amountMinor")
SELECT r."entityId", r.currency, r."valueDate", count(*), sum(r."unappliedMinor")
  FROM "Receipt" r WHERE cashline_unapplied_counts(r) GROUP BY 1, 2, 3;
