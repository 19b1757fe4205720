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
-- lib/figures/unapplied-cash.ts: "unappliedMinor" > 0 and state not RETURNED or DUPLICATE. Statement triggers with
-- transition tables append each statement's net movement per (entity, currency, value date) to
-- UnappliedCashMovement: set-based (one insert per statement, however many rows), and append-only, so concurrent
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

CREATE FUNCTION cashline_unapplied_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "UnappliedCashMovement" ("entityId", currency, "valueDate", count, "amountMinor")
  SELECT "entityId", currency, "valueDate", sum(c), sum(a) FROM (
    SELECT n."entityId", n.currency, n."valueDate", 1 AS c, n."unappliedMinor" AS a FROM updated n WHERE cashline_unapplied_counts(n)
    UNION ALL
    SELECT o."entityId", o.currency, o."valueDate", -1, -o."unappliedMinor" FROM previous o WHERE cashline_unapplied_counts(o)) m
   GROUP BY 1, 2, 3
  HAVING sum(c) <> 0 OR sum(a) <> 0; -- most updates (postings, workflow steps) leave unapplied cash as it was
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
CREATE TRIGGER "Receipt_unapplied_update" AFTER UPDATE ON "Receipt"
  REFERENCING OLD TABLE AS previous NEW TABLE AS updated FOR EACH STATEMENT EXECUTE FUNCTION cashline_unapplied_on_update();
CREATE TRIGGER "Receipt_unapplied_delete" AFTER DELETE ON "Receipt"
  REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION cashline_unapplied_on_delete();
CREATE TRIGGER "Receipt_unapplied_truncate" AFTER TRUNCATE ON "Receipt"
  FOR EACH STATEMENT EXECUTE FUNCTION cashline_unapplied_on_truncate();

-- The receipts already there. SHARE mode holds writers off for the moment it takes, so none is counted twice or missed.
LOCK TABLE "Receipt" IN SHARE MODE;
INSERT INTO "UnappliedCashByValueDate" ("entityId", currency, "valueDate", count, "amountMinor")
SELECT r."entityId", r.currency, r."valueDate", count(*), sum(r."unappliedMinor")
  FROM "Receipt" r WHERE cashline_unapplied_counts(r) GROUP BY 1, 2, 3;
