-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "chainSeq" BIGINT,
ADD COLUMN     "hash" TEXT,
ADD COLUMN     "prevHash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "AuditLog_chainSeq_key" ON "AuditLog"("chainSeq");

-- ───────────────────────── Hand-written: tamper-evident audit log ─────────────────────────
-- Every AuditLog row is chained: chainSeq = previous + 1, prevHash = the previous row's hash, hash = sha256 over a
-- canonical serialisation of the row's own fields and prevHash (format "cashline-audit-v1", mirrored by
-- lib/audit/audit-chain.ts, which `cashline audit verify` uses to recompute every hash independently).
-- The chain is assigned here, in a BEFORE INSERT trigger, so every writer (Prisma, raw SQL, bulk unnest inserts,
-- COPY) chains without knowing. A transaction-scoped advisory lock makes concurrent writers queue for the moment
-- between their first audit insert and their commit, so they produce one linear chain; each row links to the
-- latest chained row (an index lookup), and a unique chainSeq is the backstop (under REPEATABLE READ a writer that
-- cannot see the latest row fails on it instead of forking the chain). The head table records the end of the
-- chain at each commit, so rows cut off the end are noticed too.

CREATE TABLE "AuditChainHead" (
  id   integer PRIMARY KEY CHECK (id = 1),
  seq  bigint NOT NULL,
  hash text   NOT NULL
);

-- A field as "<byte length>:<text>" or "~" for NULL: unambiguous whatever the text contains.
CREATE FUNCTION audit_log_field(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN t IS NULL THEN '~' ELSE octet_length(convert_to(t, 'UTF8'))::text || ':' || t END
$$;

CREATE FUNCTION audit_log_row_hash(r "AuditLog") RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN encode(sha256(convert_to(concat_ws('|', 'cashline-audit-v1',
    audit_log_field(r."chainSeq"::text), audit_log_field(r.id::text),
    audit_log_field(to_char(r.at, 'YYYY-MM-DD"T"HH24:MI:SS.US')),
    audit_log_field(r."actorType"), audit_log_field(r."actorId"), audit_log_field(r."actorLabel"),
    audit_log_field(r.action), audit_log_field(r."targetType"), audit_log_field(r."targetId"),
    audit_log_field(r.details::text), audit_log_field(r.ip), audit_log_field(r."requestId"),
    audit_log_field(r."prevHash")), 'UTF8')), 'hex');
END $$;

-- Rows written before this migration are chained in id order.
DO $$
DECLARE
  r record;
  prev text := repeat('0', 64);
  n bigint := 0;
  h text;
BEGIN
  FOR r IN SELECT id FROM "AuditLog" ORDER BY id LOOP
    n := n + 1;
    UPDATE "AuditLog" SET "chainSeq" = n, "prevHash" = prev WHERE id = r.id;
    SELECT audit_log_row_hash(a) INTO h FROM "AuditLog" a WHERE a.id = r.id;
    UPDATE "AuditLog" SET hash = h WHERE id = r.id;
    prev := h;
  END LOOP;
  INSERT INTO "AuditChainHead" (id, seq, hash) VALUES (1, n, prev);
END $$;

-- SECURITY DEFINER: the application role appends audit rows but has no right at all on the chain head.
CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  last_seq bigint;
  last_hash text;
BEGIN
  -- Held to the end of the transaction (re-entrant: a bulk insert takes it once per row at no cost). The query
  -- below runs on a fresh snapshot, taken after the lock: it sees the previous holder's committed rows.
  PERFORM pg_advisory_xact_lock(1128354632, 1096107081);
  SELECT "chainSeq", hash INTO last_seq, last_hash FROM public."AuditLog" WHERE "chainSeq" IS NOT NULL ORDER BY "chainSeq" DESC LIMIT 1;
  NEW."chainSeq" := coalesce(last_seq, 0) + 1;
  NEW."prevHash" := coalesce(last_hash, repeat('0', 64));
  NEW.hash := public.audit_log_row_hash(NEW);
  RETURN NEW;
END $$;
CREATE TRIGGER audit_log_chain BEFORE INSERT ON "AuditLog" FOR EACH ROW EXECUTE FUNCTION audit_log_chain();

-- At commit (still under the lock), the transaction's last row becomes the recorded head: once per transaction.
CREATE FUNCTION audit_log_chain_head() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF NEW."chainSeq" = (SELECT max("chainSeq") FROM public."AuditLog") THEN
    UPDATE public."AuditChainHead" SET seq = NEW."chainSeq", hash = NEW.hash WHERE id = 1 AND seq < NEW."chainSeq";
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER audit_log_chain_head AFTER INSERT ON "AuditLog" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION audit_log_chain_head();

-- Second line of defence, for the owner too: audit rows are never changed or removed. There is no retention
-- path yet: archiving old rows means disabling this trigger as the owner, on purpose, and verify then reports
-- where the chain was cut.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditLog is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "AuditLog" FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "AuditLog" FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON "AuditChainHead" FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- ───────────────────────── Hand-written: least-privilege application role ─────────────────────────
-- Migrations run as the owner; the web, the worker and the tests connect as a LOGIN role that is a member of the
-- NOLOGIN group `cashline_app` (lib/db/app-role.ts creates it with its password). Roles are cluster-wide and
-- several databases (tests) share one server: created idempotently.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cashline_app') THEN
    CREATE ROLE cashline_app NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- another database's migration created it first
END $$;

GRANT USAGE ON SCHEMA public TO cashline_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO cashline_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO cashline_app;
-- Tables later migrations create (as the same owner) are granted the same automatically...
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO cashline_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO cashline_app;
-- ...but the audit log is read and appended only, the chain head is written by the trigger alone, and migrations are the owner's.
REVOKE ALL ON "AuditLog" FROM cashline_app;
GRANT SELECT, INSERT ON "AuditLog" TO cashline_app;
REVOKE ALL ON "AuditChainHead" FROM cashline_app;
GRANT SELECT ON "AuditChainHead" TO cashline_app; -- read by `cashline audit verify`
REVOKE ALL ON "_prisma_migrations" FROM cashline_app;
GRANT SELECT ON "_prisma_migrations" TO cashline_app;

-- pg-boss keeps its own schema and creates tables in it at run time (a partition per queue): the application
-- role owns that schema only. The owner creates it here because creating a schema needs CREATE on the database,
-- which the application role does not get; lib/jobs/boss.ts starts pg-boss with createSchema: false.
DO $$
DECLARE
  o record;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'pgboss') THEN
    CREATE SCHEMA pgboss AUTHORIZATION cashline_app;
  ELSE
    -- A database where pg-boss ran as the owner before this migration: hand its objects over.
    ALTER SCHEMA pgboss OWNER TO cashline_app;
    FOR o IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'pgboss' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
               -- a sequence owned by a column moves with its table
               AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))) LOOP
      EXECUTE format(CASE WHEN o.relkind = 'S' THEN 'ALTER SEQUENCE pgboss.%I OWNER TO cashline_app'
                          WHEN o.relkind = 'v' THEN 'ALTER VIEW pgboss.%I OWNER TO cashline_app'
                          WHEN o.relkind = 'm' THEN 'ALTER MATERIALIZED VIEW pgboss.%I OWNER TO cashline_app'
                          ELSE 'ALTER TABLE pgboss.%I OWNER TO cashline_app' END, o.relname);
    END LOOP;
    FOR o IN SELECT p.oid::regprocedure AS sig FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'pgboss' LOOP
      EXECUTE format('ALTER ROUTINE %s OWNER TO cashline_app', o.sig);
    END LOOP;
    FOR o IN SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
             WHERE n.nspname = 'pgboss' AND t.typtype IN ('e', 'd') LOOP
      EXECUTE format('ALTER TYPE pgboss.%I OWNER TO cashline_app', o.typname);
    END LOOP;
  END IF;
END $$;
