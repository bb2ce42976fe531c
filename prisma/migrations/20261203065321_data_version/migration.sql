-- CreateTable
CREATE TABLE "DataVersion" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "DataVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataVersionBump" (
    "id" BIGSERIAL NOT NULL,

    CONSTRAINT "DataVersionBump_pkey" PRIMARY KEY ("id")
);

-- Hand-written from here (docs/decisions/019-data-version.md; tests/data-version.test.ts).

-- One row, always.
ALTER TABLE "DataVersion" ADD CONSTRAINT "DataVersion_one_row" CHECK ("id" = 1);
INSERT INTO "DataVersion" ("id", "version") VALUES (1, 0);

-- The first write of a transaction (any statement on a tracked table) files one bump request; later statements of
-- the same transaction see the transaction-local flag and do nothing. A savepoint rolled back takes both back.
CREATE FUNCTION pactwatch_data_version_request() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('pactwatch.data_version_requested', true) IS DISTINCT FROM 'on' THEN
    PERFORM set_config('pactwatch.data_version_requested', 'on', true);
    INSERT INTO "DataVersionBump" DEFAULT VALUES;
  END IF;
  RETURN NULL;
END
$$;

-- At commit (deferred), the request raises the version and removes itself. The row lock on DataVersion is taken
-- only then, so concurrent writers queue for it for the length of a commit, not of their whole transaction; the
-- new version becomes visible in the same instant as the data the transaction wrote.
CREATE FUNCTION pactwatch_data_version_raise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1;
  DELETE FROM "DataVersionBump" WHERE "id" = NEW."id";
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER "DataVersionBump_raise" AFTER INSERT ON "DataVersionBump"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION pactwatch_data_version_raise();

-- Every table of this schema but the exempt ones: their writes change nothing a page shows (throttling counters,
-- scheduler bookkeeping) or are the mechanism itself. A table added later needs its trigger too: the test lists
-- every table without one and fails on any not exempt.
DO $$
DECLARE
  t text;
BEGIN
  FOR t IN
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
       AND c.relname NOT IN ('DataVersion', 'DataVersionBump', 'RateLimit', 'SignInFailure', 'ScheduledJob',
                             '_prisma_migrations')
  LOOP
    EXECUTE format(
      'CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT '
      'EXECUTE FUNCTION pactwatch_data_version_request()',
      t || '_data_version', t);
  END LOOP;
END
$$;
