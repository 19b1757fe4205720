-- CreateTable
CREATE TABLE "ReceiptArrivalsByDay" (
    "day" DATE NOT NULL,
    "category" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "count" BIGINT NOT NULL,
    "amountMinor" BIGINT NOT NULL,

    CONSTRAINT "ReceiptArrivalsByDay_pkey" PRIMARY KEY ("day","category","currency")
);

-- CreateTable
CREATE TABLE "ReceiptArrivalMovement" (
    "id" BIGSERIAL NOT NULL,
    "day" DATE NOT NULL,
    "category" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "count" BIGINT NOT NULL,
    "amountMinor" BIGINT NOT NULL,

    CONSTRAINT "ReceiptArrivalMovement_pkey" PRIMARY KEY ("id")
);

-- Receipts per arrival day, workflow category and currency, kept on write (lib/figures/receipt-arrivals.ts; the
-- pattern: lib/figures/movement-rollup.ts) for the auto-match rate. The category is what the rate counts a receipt
-- as; moves within one (APPLIED → POSTED → PUBLISHED) change nothing, so the update trigger's WHEN skips them.
CREATE FUNCTION cashline_arrival_category(s "ReceiptState") RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN s IN ('APPLIED', 'POSTED', 'PUBLISHED', 'POSTING_FAILED') THEN 'applied'
    WHEN s IN ('RETURNED', 'DUPLICATE') THEN 'not_cash'
    WHEN s IN ('UNIDENTIFIED', 'NEEDS_REVIEW', 'SHORT_PAY', 'OVERPAYMENT', 'CHARGEBACK', 'ESCALATED') THEN 'exception'
    ELSE 'pending' END
$$;

CREATE FUNCTION cashline_arrivals_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ReceiptArrivalMovement" (day, category, currency, count, "amountMinor")
  SELECT n."receivedAt"::date, cashline_arrival_category(n.state), n.currency, count(*), sum(n."amountMinor")
    FROM inserted n GROUP BY 1, 2, 3;
  RETURN NULL;
END $$;

CREATE FUNCTION cashline_arrivals_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ReceiptArrivalMovement" (day, category, currency, count, "amountMinor") VALUES
    (OLD."receivedAt"::date, cashline_arrival_category(OLD.state), OLD.currency, -1, -OLD."amountMinor"),
    (NEW."receivedAt"::date, cashline_arrival_category(NEW.state), NEW.currency, 1, NEW."amountMinor");
  RETURN NULL;
END $$;

CREATE FUNCTION cashline_arrivals_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ReceiptArrivalMovement" (day, category, currency, count, "amountMinor")
  SELECT o."receivedAt"::date, cashline_arrival_category(o.state), o.currency, -count(*), -sum(o."amountMinor")
    FROM deleted o GROUP BY 1, 2, 3;
  RETURN NULL;
END $$;

CREATE FUNCTION cashline_arrivals_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ReceiptArrivalMovement";
  DELETE FROM "ReceiptArrivalsByDay";
  RETURN NULL;
END $$;

CREATE TRIGGER "Receipt_arrivals_insert" AFTER INSERT ON "Receipt"
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION cashline_arrivals_on_insert();
CREATE TRIGGER "Receipt_arrivals_update" AFTER UPDATE OF state, "receivedAt", currency, "amountMinor" ON "Receipt"
  FOR EACH ROW
  WHEN (cashline_arrival_category(OLD.state) IS DISTINCT FROM cashline_arrival_category(NEW.state)
    OR (OLD."receivedAt"::date, OLD.currency, OLD."amountMinor") IS DISTINCT FROM (NEW."receivedAt"::date, NEW.currency, NEW."amountMinor"))
  EXECUTE FUNCTION cashline_arrivals_on_update();
CREATE TRIGGER "Receipt_arrivals_delete" AFTER DELETE ON "Receipt"
  REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION cashline_arrivals_on_delete();
CREATE TRIGGER "Receipt_arrivals_truncate" AFTER TRUNCATE ON "Receipt"
  FOR EACH STATEMENT EXECUTE FUNCTION cashline_arrivals_on_truncate();

-- The receipts already there; SHARE mode holds writers off meanwhile, so none is counted twice or missed.
LOCK TABLE "Receipt" IN SHARE MODE;
INSERT INTO "ReceiptArrivalsByDay" (day, category, currency, count, "amountMinor")
SELECT "receivedAt"::date, cashline_arrival_category(state), currency, count(*), sum("amountMinor") FROM "Receipt" GROUP BY 1, 2, 3;
