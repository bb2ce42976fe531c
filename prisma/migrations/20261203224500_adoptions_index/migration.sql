-- The updates that adopt a proposal, by commitment and fact date: the few rows compliance reads to tell whether a
-- proposal counts on a day (lib/data/compliance-sql.ts countsInComplianceSql). Without it the planner costs that
-- check as a walk through each commitment's history and probes every commitment one by one; with it the
-- adoptions are one small set. Partial on a column that never changes, so no other update of a row touches it.
-- Hand-written: schema.prisma cannot describe a partial index (tests/migrations.test.ts BEYOND_SCHEMA).
CREATE INDEX "StatusUpdate_adoptions_idx" ON "StatusUpdate" ("commitmentId", "observedOn") WHERE "adoptsProposal";
