-- AlterTable
ALTER TABLE "Receipt" ADD COLUMN     "personApplications" INTEGER NOT NULL DEFAULT 0;

-- Who applied a receipt, kept on the receipt: triggers on Application count its live applications made by people
-- (appliedByType other than 'engine', not reversed). The auto-match rate's arrivals (20261206050000) then tell
-- "applied by people" from "applied by the engine" without reading applications. People's applications are human
-- actions (a few percent of receipts), so the engine's bulk inserts only pay a scan of their transition table.
CREATE FUNCTION cashline_person_apps_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Receipt" r SET "personApplications" = r."personApplications" + c.n
    FROM (SELECT "receiptId", count(*)::int AS n FROM inserted WHERE "appliedByType" <> 'engine' AND "reversedAt" IS NULL GROUP BY 1) c
   WHERE r.id = c."receiptId";
  RETURN NULL;
END $$;

CREATE FUNCTION cashline_person_apps_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Receipt" r SET "personApplications" = r."personApplications" - c.n
    FROM (SELECT "receiptId", count(*)::int AS n FROM deleted WHERE "appliedByType" <> 'engine' AND "reversedAt" IS NULL GROUP BY 1) c
   WHERE r.id = c."receiptId";
  RETURN NULL;
END $$;

CREATE FUNCTION cashline_person_apps_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."appliedByType" <> 'engine' AND OLD."reversedAt" IS NULL THEN
    UPDATE "Receipt" SET "personApplications" = "personApplications" - 1 WHERE id = OLD."receiptId";
  END IF;
  IF NEW."appliedByType" <> 'engine' AND NEW."reversedAt" IS NULL THEN
    UPDATE "Receipt" SET "personApplications" = "personApplications" + 1 WHERE id = NEW."receiptId";
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION cashline_person_apps_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Receipt" SET "personApplications" = 0 WHERE "personApplications" <> 0;
  RETURN NULL;
END $$;

CREATE TRIGGER "Application_person_insert" AFTER INSERT ON "Application"
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION cashline_person_apps_on_insert();
CREATE TRIGGER "Application_person_delete" AFTER DELETE ON "Application"
  REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION cashline_person_apps_on_delete();
CREATE TRIGGER "Application_person_update" AFTER UPDATE OF "appliedByType", "reversedAt", "receiptId" ON "Application"
  FOR EACH ROW
  WHEN ((OLD."appliedByType" <> 'engine' AND OLD."reversedAt" IS NULL) IS DISTINCT FROM (NEW."appliedByType" <> 'engine' AND NEW."reversedAt" IS NULL)
    OR (NEW."appliedByType" <> 'engine' AND NEW."reversedAt" IS NULL AND OLD."receiptId" IS DISTINCT FROM NEW."receiptId"))
  EXECUTE FUNCTION cashline_person_apps_on_update();
CREATE TRIGGER "Application_person_truncate" AFTER TRUNCATE ON "Application"
  FOR EACH STATEMENT EXECUTE FUNCTION cashline_person_apps_on_truncate();

-- The arrivals' category now tells the two apart: 'applied_by_person' when a person applied any of it.
CREATE FUNCTION cashline_arrival_category(s "ReceiptState", person_applications integer) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN s IN ('APPLIED', 'POSTED', 'PUBLISHED', 'POSTING_FAILED') THEN
      CASE WHEN person_applications > 0 THEN 'applied_by_person' ELSE 'applied' END
    WHEN s IN ('RETURNED', 'DUPLICATE') THEN 'not_cash'
    WHEN s IN ('UNIDENTIFIED', 'NEEDS_REVIEW', 'SHORT_PAY', 'OVERPAYMENT', 'CHARGEBACK', 'ESCALATED') THEN 'exception'
    ELSE 'pending' END
$$;

CREATE OR REPLACE FUNCTION cashline_arrivals_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ReceiptArrivalMovement" (day, category, currency, count, "amountMinor")
  SELECT n."receivedAt"::date, cashline_arrival_category(n.state, n."personApplications"), n.currency, count(*), sum(n."amountMinor")
    FROM inserted n GROUP BY 1, 2, 3;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION cashline_arrivals_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ReceiptArrivalMovement" (day, category, currency, count, "amountMinor") VALUES
    (OLD."receivedAt"::date, cashline_arrival_category(OLD.state, OLD."personApplications"), OLD.currency, -1, -OLD."amountMinor"),
    (NEW."receivedAt"::date, cashline_arrival_category(NEW.state, NEW."personApplications"), NEW.currency, 1, NEW."amountMinor");
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION cashline_arrivals_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ReceiptArrivalMovement" (day, category, currency, count, "amountMinor")
  SELECT o."receivedAt"::date, cashline_arrival_category(o.state, o."personApplications"), o.currency, -count(*), -sum(o."amountMinor")
    FROM deleted o GROUP BY 1, 2, 3;
  RETURN NULL;
END $$;

DROP TRIGGER "Receipt_arrivals_update" ON "Receipt";
CREATE TRIGGER "Receipt_arrivals_update" AFTER UPDATE OF state, "receivedAt", currency, "amountMinor", "personApplications" ON "Receipt"
  FOR EACH ROW
  WHEN (cashline_arrival_category(OLD.state, OLD."personApplications") IS DISTINCT FROM cashline_arrival_category(NEW.state, NEW."personApplications")
    OR (OLD."receivedAt"::date, OLD.currency, OLD."amountMinor") IS DISTINCT FROM (NEW."receivedAt"::date, NEW.currency, NEW."amountMinor"))
  EXECUTE FUNCTION cashline_arrivals_on_update();
DROP FUNCTION cashline_arrival_category("ReceiptState");

-- The counts already there, then the arrivals again with the new category; SHARE mode holds writers of both off.
LOCK TABLE "Receipt", "Application" IN SHARE MODE;
ALTER TABLE "Receipt" DISABLE TRIGGER "Receipt_arrivals_update"; -- the refill below recounts every arrival anyway
UPDATE "Receipt" r SET "personApplications" = c.n
  FROM (SELECT "receiptId", count(*)::int AS n FROM "Application" WHERE "appliedByType" <> 'engine' AND "reversedAt" IS NULL GROUP BY 1) c
 WHERE r.id = c."receiptId";
ALTER TABLE "Receipt" ENABLE TRIGGER "Receipt_arrivals_update";
DELETE FROM "ReceiptArrivalMovement";
DELETE FROM "ReceiptArrivalsByDay";
INSERT INTO "ReceiptArrivalsByDay" (day, category, currency, count, "amountMinor")
SELECT "receivedAt"::date, cashline_arrival_category(state, "personApplications"), currency, count(*), sum("amountMinor") FROM "Receipt" GROUP BY 1, 2, 3;
