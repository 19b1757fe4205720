-- DropTable
DROP TABLE "GlBalanceRollup";

-- CreateTable
CREATE TABLE "GlBalance" (
    "entityId" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "account" TEXT NOT NULL,
    "count" BIGINT NOT NULL,
    "amountMinor" BIGINT NOT NULL,

    CONSTRAINT "GlBalance_pkey" PRIMARY KEY ("entityId","currency","account")
);

-- CreateTable
CREATE TABLE "GlBalanceMovement" (
    "id" BIGSERIAL NOT NULL,
    "entityId" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "account" TEXT NOT NULL,
    "count" BIGINT NOT NULL,
    "amountMinor" BIGINT NOT NULL,

    CONSTRAINT "GlBalanceMovement_pkey" PRIMARY KEY ("id")
);

-- The ERP balance kept on write (lib/figures/gl-balances.ts; the pattern: lib/figures/movement-rollup.ts). It replaces
-- the day-by-day GlBalanceRollup, which left today's postings to every read and missed an entry whose postedAt fell
-- on a day already rolled up. A line counts while its entry is POSTED:
-- - lines inserted or deleted: statement triggers with transition tables (postings insert lines in bulk). Lines are
--   inserted in the transaction that creates their entry (nested create, or request-erp-postings' bulk insert), so
--   no other transaction can change the entry's status meanwhile;
-- - a line changed (correct-posting moves a failed entry's bank line): row trigger; it locks the entry (FOR SHARE),
--   so a posting of that entry waits and then sums the line as committed;
-- - an entry becoming POSTED, or leaving it, or a POSTED entry changing entity or currency: row trigger that adds
--   or removes the sum of its lines. WHEN clauses keep the row triggers off every other update (attempts, errors).
CREATE FUNCTION cashline_gl_on_line_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "GlBalanceMovement" ("entityId", currency, account, count, "amountMinor")
  SELECT e."entityId", e.currency, n.account, count(*), sum(n."debitMinor" - n."creditMinor")
    FROM inserted n JOIN "JournalEntry" e ON e.id = n."entryId" WHERE e.status = 'POSTED' GROUP BY 1, 2, 3;
  RETURN NULL;
END $$;

CREATE FUNCTION cashline_gl_on_line_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "GlBalanceMovement" ("entityId", currency, account, count, "amountMinor")
  SELECT e."entityId", e.currency, o.account, -count(*), -sum(o."debitMinor" - o."creditMinor")
    FROM deleted o JOIN "JournalEntry" e ON e.id = o."entryId" WHERE e.status = 'POSTED' GROUP BY 1, 2, 3;
  RETURN NULL;
END $$;

CREATE FUNCTION cashline_gl_on_line_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  o record;
  n record;
BEGIN
  SELECT "entityId", currency, status INTO n FROM "JournalEntry" WHERE id = NEW."entryId" FOR SHARE;
  SELECT "entityId", currency, status INTO o FROM "JournalEntry" WHERE id = OLD."entryId" FOR SHARE;
  IF NOT FOUND THEN
    o := n; -- the entry's own id changed (ON UPDATE CASCADE): the line was counted under it and moves with it
  END IF;
  IF o.status = 'POSTED' THEN
    INSERT INTO "GlBalanceMovement" ("entityId", currency, account, count, "amountMinor")
    VALUES (o."entityId", o.currency, OLD.account, -1, -(OLD."debitMinor" - OLD."creditMinor"));
  END IF;
  IF n.status = 'POSTED' THEN
    INSERT INTO "GlBalanceMovement" ("entityId", currency, account, count, "amountMinor")
    VALUES (n."entityId", n.currency, NEW.account, 1, NEW."debitMinor" - NEW."creditMinor");
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION cashline_gl_on_entry_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'POSTED' THEN
    INSERT INTO "GlBalanceMovement" ("entityId", currency, account, count, "amountMinor")
    SELECT OLD."entityId", OLD.currency, l.account, -count(*), -sum(l."debitMinor" - l."creditMinor")
      FROM "JournalLine" l WHERE l."entryId" = OLD.id GROUP BY l.account;
  END IF;
  IF NEW.status = 'POSTED' THEN
    INSERT INTO "GlBalanceMovement" ("entityId", currency, account, count, "amountMinor")
    SELECT NEW."entityId", NEW.currency, l.account, count(*), sum(l."debitMinor" - l."creditMinor")
      FROM "JournalLine" l WHERE l."entryId" = NEW.id GROUP BY l.account;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION cashline_gl_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "GlBalanceMovement";
  DELETE FROM "GlBalance";
  RETURN NULL;
END $$;

CREATE TRIGGER "JournalLine_gl_insert" AFTER INSERT ON "JournalLine"
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION cashline_gl_on_line_insert();
CREATE TRIGGER "JournalLine_gl_delete" AFTER DELETE ON "JournalLine"
  REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION cashline_gl_on_line_delete();
CREATE TRIGGER "JournalLine_gl_update" AFTER UPDATE OF "entryId", account, "debitMinor", "creditMinor" ON "JournalLine"
  FOR EACH ROW
  WHEN ((OLD."entryId", OLD.account, OLD."debitMinor", OLD."creditMinor") IS DISTINCT FROM (NEW."entryId", NEW.account, NEW."debitMinor", NEW."creditMinor"))
  EXECUTE FUNCTION cashline_gl_on_line_update();
CREATE TRIGGER "JournalEntry_gl_update" AFTER UPDATE OF status, "entityId", currency ON "JournalEntry"
  FOR EACH ROW
  WHEN ((OLD.status = 'POSTED') IS DISTINCT FROM (NEW.status = 'POSTED')
    OR (NEW.status = 'POSTED' AND (OLD."entityId", OLD.currency) IS DISTINCT FROM (NEW."entityId", NEW.currency)))
  EXECUTE FUNCTION cashline_gl_on_entry_update();
CREATE TRIGGER "JournalLine_gl_truncate" AFTER TRUNCATE ON "JournalLine"
  FOR EACH STATEMENT EXECUTE FUNCTION cashline_gl_on_truncate();
CREATE TRIGGER "JournalEntry_gl_truncate" AFTER TRUNCATE ON "JournalEntry"
  FOR EACH STATEMENT EXECUTE FUNCTION cashline_gl_on_truncate();

-- The balances already there; SHARE mode holds writers off meanwhile, so no line is counted twice or missed.
LOCK TABLE "JournalEntry", "JournalLine" IN SHARE MODE;
INSERT INTO "GlBalance" ("entityId", currency, account, count, "amountMinor")
SELECT e."entityId", e.currency, l.account, count(*), sum(l."debitMinor" - l."creditMinor")
  FROM "JournalEntry" e JOIN "JournalLine" l ON l."entryId" = e.id WHERE e.status = 'POSTED' GROUP BY 1, 2, 3;
