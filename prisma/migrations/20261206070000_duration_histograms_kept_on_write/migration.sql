-- CreateTable
CREATE TABLE "PostingLatencyHistogram" (
    "day" DATE NOT NULL,
    "channel" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" BIGINT NOT NULL,

    CONSTRAINT "PostingLatencyHistogram_pkey" PRIMARY KEY ("day","channel","bucket")
);

-- CreateTable
CREATE TABLE "PostingLatencyMovement" (
    "id" BIGSERIAL NOT NULL,
    "day" DATE NOT NULL,
    "channel" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" BIGINT NOT NULL,

    CONSTRAINT "PostingLatencyMovement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResolutionTimeHistogram" (
    "day" DATE NOT NULL,
    "dimension" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" BIGINT NOT NULL,

    CONSTRAINT "ResolutionTimeHistogram_pkey" PRIMARY KEY ("day","dimension","key","bucket")
);

-- CreateTable
CREATE TABLE "ResolutionTimeMovement" (
    "id" BIGSERIAL NOT NULL,
    "day" DATE NOT NULL,
    "dimension" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" BIGINT NOT NULL,

    CONSTRAINT "ResolutionTimeMovement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExceptionCaseCount" (
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "count" BIGINT NOT NULL,

    CONSTRAINT "ExceptionCaseCount_pkey" PRIMARY KEY ("kind","key")
);

-- CreateTable
CREATE TABLE "ExceptionCaseCountMovement" (
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "count" BIGINT NOT NULL,

    CONSTRAINT "ExceptionCaseCountMovement_pkey" PRIMARY KEY ("id")
);

-- Duration histograms kept on write (lib/figures/duration-histograms.ts; the pattern: lib/figures/movement-rollup.ts)
-- for the two dashboards that report exact percentiles: payment-to-posting latency and exception resolution time.
-- The dashboards find the bucket holding each percentile's rank here and then read only that bucket's rows, through
-- the two indexes at the end, for the exact value (lib/figures/duration-percentiles.ts). At 10,000,000 receipts the
-- sorts of every row of the window took 300–400 ms.

-- Bucket b ≥ 1 holds durations in [1.05^(b-1), 1.05^b); bucket 0 everything below 1 (zero, negative clock skew). The
-- triggers, the fill below, the indexes and the dashboards' reads all call this one function, so a value is always
-- in the same bucket whatever rounding ln() does at a boundary. 5 % buckets: a dashboard's reads sort ~30,000 rows
-- at 10,000,000 receipts (10 %: ~60,000), for twice the histogram's rows (~10,000 for 14 days).
CREATE FUNCTION cashline_duration_bucket(v double precision) RETURNS integer LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN v < 1 THEN 0 ELSE 1 + floor(ln(v) / ln(1.05::double precision))::integer END
$$;

-- What percentile_cont reads of a resolved case: seconds from opened to resolved.
CREATE FUNCTION cashline_resolution_seconds(created timestamp, resolved timestamp) RETURNS double precision LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT extract(epoch FROM (resolved - created))::double precision
$$;

-- Receipts count while posted with a latency (the first ERP acknowledgement sets both), keyed by the posting day.
CREATE FUNCTION cashline_posting_latency_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "PostingLatencyMovement" (day, channel, bucket, count)
  SELECT n."postedAt"::date, n.channel::text, cashline_duration_bucket(n."postingLatencyMs"), count(*)
    FROM inserted n WHERE n."postedAt" IS NOT NULL AND n."postingLatencyMs" IS NOT NULL GROUP BY 1, 2, 3;
  RETURN NULL;
END $$;

CREATE FUNCTION cashline_posting_latency_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."postedAt" IS NOT NULL AND OLD."postingLatencyMs" IS NOT NULL THEN
    INSERT INTO "PostingLatencyMovement" (day, channel, bucket, count)
    VALUES (OLD."postedAt"::date, OLD.channel::text, cashline_duration_bucket(OLD."postingLatencyMs"), -1);
  END IF;
  IF NEW."postedAt" IS NOT NULL AND NEW."postingLatencyMs" IS NOT NULL THEN
    INSERT INTO "PostingLatencyMovement" (day, channel, bucket, count)
    VALUES (NEW."postedAt"::date, NEW.channel::text, cashline_duration_bucket(NEW."postingLatencyMs"), 1);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION cashline_posting_latency_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "PostingLatencyMovement" (day, channel, bucket, count)
  SELECT o."postedAt"::date, o.channel::text, cashline_duration_bucket(o."postingLatencyMs"), -count(*)
    FROM deleted o WHERE o."postedAt" IS NOT NULL AND o."postingLatencyMs" IS NOT NULL GROUP BY 1, 2, 3;
  RETURN NULL;
END $$;

CREATE FUNCTION cashline_posting_latency_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "PostingLatencyMovement";
  DELETE FROM "PostingLatencyHistogram";
  RETURN NULL;
END $$;

CREATE TRIGGER "Receipt_posting_latency_insert" AFTER INSERT ON "Receipt"
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION cashline_posting_latency_on_insert();
-- A later acknowledgement moves postedAt within its day without touching the histogram: the WHEN skips it.
CREATE TRIGGER "Receipt_posting_latency_update" AFTER UPDATE OF "postedAt", "postingLatencyMs", channel ON "Receipt"
  FOR EACH ROW
  WHEN ((OLD."postedAt"::date, OLD.channel, OLD."postingLatencyMs") IS DISTINCT FROM (NEW."postedAt"::date, NEW.channel, NEW."postingLatencyMs"))
  EXECUTE FUNCTION cashline_posting_latency_on_update();
CREATE TRIGGER "Receipt_posting_latency_delete" AFTER DELETE ON "Receipt"
  REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION cashline_posting_latency_on_delete();
CREATE TRIGGER "Receipt_posting_latency_truncate" AFTER TRUNCATE ON "Receipt"
  FOR EACH STATEMENT EXECUTE FUNCTION cashline_posting_latency_on_truncate();

-- RESOLVED cases with a resolvedAt count, keyed by the day resolved, once by code and once by analyst (a case
-- resolved by nobody known only by code): the dashboard breaks the time down either way, and one key of both would
-- hold about as many rows as there are cases.
CREATE FUNCTION cashline_resolution_time_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ResolutionTimeMovement" (day, dimension, key, bucket, count)
  SELECT n."resolvedAt"::date, k.dimension, k.key, cashline_duration_bucket(cashline_resolution_seconds(n."createdAt", n."resolvedAt")), count(*)
    FROM inserted n CROSS JOIN LATERAL (VALUES ('code', n.code::text), ('analyst', n."resolvedById")) k(dimension, key)
   WHERE n.status = 'RESOLVED' AND n."resolvedAt" IS NOT NULL AND k.key IS NOT NULL GROUP BY 1, 2, 3, 4;
  RETURN NULL;
END $$;

CREATE FUNCTION cashline_resolution_time_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'RESOLVED' AND OLD."resolvedAt" IS NOT NULL THEN
    INSERT INTO "ResolutionTimeMovement" (day, dimension, key, bucket, count)
    SELECT OLD."resolvedAt"::date, k.dimension, k.key, cashline_duration_bucket(cashline_resolution_seconds(OLD."createdAt", OLD."resolvedAt")), -1
      FROM (VALUES ('code', OLD.code::text), ('analyst', OLD."resolvedById")) k(dimension, key) WHERE k.key IS NOT NULL;
  END IF;
  IF NEW.status = 'RESOLVED' AND NEW."resolvedAt" IS NOT NULL THEN
    INSERT INTO "ResolutionTimeMovement" (day, dimension, key, bucket, count)
    SELECT NEW."resolvedAt"::date, k.dimension, k.key, cashline_duration_bucket(cashline_resolution_seconds(NEW."createdAt", NEW."resolvedAt")), 1
      FROM (VALUES ('code', NEW.code::text), ('analyst', NEW."resolvedById")) k(dimension, key) WHERE k.key IS NOT NULL;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION cashline_resolution_time_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ResolutionTimeMovement" (day, dimension, key, bucket, count)
  SELECT o."resolvedAt"::date, k.dimension, k.key, cashline_duration_bucket(cashline_resolution_seconds(o."createdAt", o."resolvedAt")), -count(*)
    FROM deleted o CROSS JOIN LATERAL (VALUES ('code', o.code::text), ('analyst', o."resolvedById")) k(dimension, key)
   WHERE o.status = 'RESOLVED' AND o."resolvedAt" IS NOT NULL AND k.key IS NOT NULL GROUP BY 1, 2, 3, 4;
  RETURN NULL;
END $$;

CREATE FUNCTION cashline_resolution_time_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ResolutionTimeMovement";
  DELETE FROM "ResolutionTimeHistogram";
  RETURN NULL;
END $$;

CREATE TRIGGER "ExceptionCase_resolution_time_insert" AFTER INSERT ON "ExceptionCase"
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION cashline_resolution_time_on_insert();
-- Moves between open statuses, assignments, notes and version bumps change nothing counted: the WHEN skips them.
CREATE TRIGGER "ExceptionCase_resolution_time_update" AFTER UPDATE OF status, "resolvedAt", "createdAt", code, "resolvedById" ON "ExceptionCase"
  FOR EACH ROW
  WHEN ((OLD.status = 'RESOLVED' OR NEW.status = 'RESOLVED')
    AND (OLD.status, OLD."resolvedAt", OLD."createdAt", OLD.code, OLD."resolvedById") IS DISTINCT FROM (NEW.status, NEW."resolvedAt", NEW."createdAt", NEW.code, NEW."resolvedById"))
  EXECUTE FUNCTION cashline_resolution_time_on_update();
CREATE TRIGGER "ExceptionCase_resolution_time_delete" AFTER DELETE ON "ExceptionCase"
  REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION cashline_resolution_time_on_delete();
CREATE TRIGGER "ExceptionCase_resolution_time_truncate" AFTER TRUNCATE ON "ExceptionCase"
  FOR EACH STATEMENT EXECUTE FUNCTION cashline_resolution_time_on_truncate();

-- The rows of one bucket in a range of days, in the order of their value: what the exact refinement reads.
CREATE INDEX "Receipt_latency_bucket_idx" ON "Receipt" (cashline_duration_bucket("postingLatencyMs"), "postedAt")
  INCLUDE (channel, "postingLatencyMs") WHERE "postedAt" IS NOT NULL AND "postingLatencyMs" IS NOT NULL;
CREATE INDEX "ExceptionCase_resolution_bucket_idx" ON "ExceptionCase" (cashline_duration_bucket(cashline_resolution_seconds("createdAt", "resolvedAt")), "resolvedAt")
  INCLUDE (code, "resolvedById", "createdAt") WHERE status = 'RESOLVED' AND "resolvedAt" IS NOT NULL;

-- The rows already there; SHARE mode holds writers off meanwhile, so none is counted twice or missed.
LOCK TABLE "Receipt", "ExceptionCase" IN SHARE MODE;
INSERT INTO "PostingLatencyHistogram" (day, channel, bucket, count)
SELECT "postedAt"::date, channel::text, cashline_duration_bucket("postingLatencyMs"), count(*)
  FROM "Receipt" WHERE "postedAt" IS NOT NULL AND "postingLatencyMs" IS NOT NULL GROUP BY 1, 2, 3;
INSERT INTO "ResolutionTimeHistogram" (day, dimension, key, bucket, count)
SELECT c."resolvedAt"::date, k.dimension, k.key, cashline_duration_bucket(cashline_resolution_seconds(c."createdAt", c."resolvedAt")), count(*)
  FROM "ExceptionCase" c CROSS JOIN LATERAL (VALUES ('code', c.code::text), ('analyst', c."resolvedById")) k(dimension, key)
 WHERE c.status = 'RESOLVED' AND c."resolvedAt" IS NOT NULL AND k.key IS NOT NULL GROUP BY 1, 2, 3, 4;

-- The exception resolution dashboard's counts, kept on write the same way (lib/figures/exception-case-counts.ts):
-- cases created per day, and open cases per code and per assignee. At 10,000,000 receipts counting them read
-- ~200,000 and ~300,000 cases on every refresh (~35 and ~50 ms of CPU).
CREATE FUNCTION cashline_case_count_keys(status "CaseStatus", code "ExceptionCode", assignee text, created timestamp)
  RETURNS TABLE (kind text, key text) LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT 'created', to_char(created, 'YYYY-MM-DD')
  UNION ALL SELECT 'open_code', code::text WHERE status NOT IN ('RESOLVED', 'CANCELLED')
  UNION ALL SELECT 'open_assignee', coalesce(assignee, '') WHERE status NOT IN ('RESOLVED', 'CANCELLED')
$$;

CREATE FUNCTION cashline_case_counts_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ExceptionCaseCountMovement" (kind, key, count)
  SELECT k.kind, k.key, count(*) FROM inserted n CROSS JOIN LATERAL cashline_case_count_keys(n.status, n.code, n."assigneeId", n."createdAt") k GROUP BY 1, 2;
  RETURN NULL;
END $$;

CREATE FUNCTION cashline_case_counts_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ExceptionCaseCountMovement" (kind, key, count)
  SELECT k.kind, k.key, sum(k.n) FROM (
    SELECT o.kind, o.key, -1 AS n FROM cashline_case_count_keys(OLD.status, OLD.code, OLD."assigneeId", OLD."createdAt") o
    UNION ALL
    SELECT w.kind, w.key, 1 FROM cashline_case_count_keys(NEW.status, NEW.code, NEW."assigneeId", NEW."createdAt") w) k
  GROUP BY 1, 2 HAVING sum(k.n) <> 0;
  RETURN NULL;
END $$;

CREATE FUNCTION cashline_case_counts_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ExceptionCaseCountMovement" (kind, key, count)
  SELECT k.kind, k.key, -count(*) FROM deleted o CROSS JOIN LATERAL cashline_case_count_keys(o.status, o.code, o."assigneeId", o."createdAt") k GROUP BY 1, 2;
  RETURN NULL;
END $$;

CREATE FUNCTION cashline_case_counts_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ExceptionCaseCountMovement";
  DELETE FROM "ExceptionCaseCount";
  RETURN NULL;
END $$;

CREATE TRIGGER "ExceptionCase_counts_insert" AFTER INSERT ON "ExceptionCase"
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION cashline_case_counts_on_insert();
-- Moves between open statuses (OPEN → IN_PROGRESS → ESCALATED), notes and version bumps change no count.
CREATE TRIGGER "ExceptionCase_counts_update" AFTER UPDATE OF status, code, "assigneeId", "createdAt" ON "ExceptionCase"
  FOR EACH ROW
  WHEN ((OLD.status IN ('RESOLVED', 'CANCELLED')) IS DISTINCT FROM (NEW.status IN ('RESOLVED', 'CANCELLED'))
    OR (OLD.code, OLD."assigneeId", OLD."createdAt"::date) IS DISTINCT FROM (NEW.code, NEW."assigneeId", NEW."createdAt"::date))
  EXECUTE FUNCTION cashline_case_counts_on_update();
CREATE TRIGGER "ExceptionCase_counts_delete" AFTER DELETE ON "ExceptionCase"
  REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION cashline_case_counts_on_delete();
CREATE TRIGGER "ExceptionCase_counts_truncate" AFTER TRUNCATE ON "ExceptionCase"
  FOR EACH STATEMENT EXECUTE FUNCTION cashline_case_counts_on_truncate();

INSERT INTO "ExceptionCaseCount" (kind, key, count)
SELECT k.kind, k.key, count(*) FROM "ExceptionCase" c CROSS JOIN LATERAL cashline_case_count_keys(c.status, c.code, c."assigneeId", c."createdAt") k GROUP BY 1, 2;
