-- CreateTable
CREATE TABLE "SnapshotDay" (
    "day" DATE NOT NULL,

    CONSTRAINT "SnapshotDay_pkey" PRIMARY KEY ("day")
);

-- CreateTable
CREATE TABLE "ResponsibilitySnapshot" (
    "commitmentId" INTEGER NOT NULL,
    "partyId" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "status" "CommitmentStatus" NOT NULL,

    CONSTRAINT "ResponsibilitySnapshot_pkey" PRIMARY KEY ("commitmentId","partyId","day")
);

-- CreateIndex
CREATE INDEX "ResponsibilitySnapshot_partyId_day_idx" ON "ResponsibilitySnapshot"("partyId", "day");

-- AddForeignKey
ALTER TABLE "ResponsibilitySnapshot" ADD CONSTRAINT "ResponsibilitySnapshot_commitmentId_fkey" FOREIGN KEY ("commitmentId") REFERENCES "Commitment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: both tables count for the data version (decision 019), like every table.
CREATE TRIGGER "SnapshotDay_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "SnapshotDay"
  FOR EACH STATEMENT EXECUTE FUNCTION pactwatch_data_version_request();
CREATE TRIGGER "ResponsibilitySnapshot_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON "ResponsibilitySnapshot" FOR EACH STATEMENT EXECUTE FUNCTION pactwatch_data_version_request();
