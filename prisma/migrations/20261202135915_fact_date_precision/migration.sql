-- Fact dates get a precision (docs/decisions/009-fact-date-precision.md). Written by `npm run db:diff`, then
-- edited by hand: existing rows (all of them known to the day) get their observedOn as the new ordering key, and
-- a trigger keeps that key derived from observedOn and observedPrecision.

-- DropIndex
DROP INDEX "StatusUpdate_commitmentId_observedOn_createdAt_idx";

-- DropIndex
DROP INDEX "StatusUpdate_observedOn_createdAt_id_idx";

-- AlterTable
ALTER TABLE "StatusUpdate" ADD COLUMN     "observedFrom" DATE NOT NULL DEFAULT '0001-01-01'::date,
ADD COLUMN     "observedPrecision" "DatePrecision" NOT NULL DEFAULT 'day';

-- factFrom of lib/domain/dates.ts: the earliest day a fact known to this precision may have held. A trigger
-- rather than a generated column because Prisma's schema cannot describe one (and not checked by the migrations
-- test, which compares tables, constraints and indexes); every writer (the app, COPY, a test's INSERT) gets the
-- same value whatever it sends.
CREATE FUNCTION "StatusUpdate_observed_from"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."observedFrom" := CASE NEW."observedPrecision"
    WHEN 'day' THEN NEW."observedOn"
    WHEN 'month' THEN date_trunc('month', NEW."observedOn"::timestamp)::date
    WHEN 'year' THEN date_trunc('year', NEW."observedOn"::timestamp)::date
    ELSE DATE '0001-01-01'
  END;
  RETURN NEW;
END
$$;

CREATE TRIGGER "StatusUpdate_observed_from"
  BEFORE INSERT OR UPDATE OF "observedOn", "observedPrecision", "observedFrom" ON "StatusUpdate"
  FOR EACH ROW EXECUTE FUNCTION "StatusUpdate_observed_from"();

-- Existing rows are day precision: the trigger sets their key to observedOn.
UPDATE "StatusUpdate" SET "observedFrom" = "observedOn";

-- CreateIndex
CREATE INDEX "StatusUpdate_commitment_news_order_idx" ON "StatusUpdate"("commitmentId", "observedFrom" DESC, "observedOn" DESC, "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "StatusUpdate_news_order_idx" ON "StatusUpdate"("observedFrom", "observedOn", "createdAt", "id");
