-- AlterTable
ALTER TABLE "StatusUpdate" ADD COLUMN     "previousStatus" "CommitmentStatus" NOT NULL DEFAULT 'no_evidence';

-- Hand-written: the rows already logged get their previous status (previousStatusRefresh in
-- lib/data/status-cache.ts, over every row; refreshStatusCache keeps it from now on).
WITH logged AS (
  SELECT su.id, su."commitmentId" AS commitment_id, su."partyId" AS party_id, su.status::text AS status,
         (su."kind" = 'assessment' AND su."withdrawnAt" IS NULL) AS counts,
         row_number() OVER (PARTITION BY su."commitmentId"
                            ORDER BY su."observedFrom", su."observedOn", su."createdAt", su.id) AS position
    FROM "StatusUpdate" su
), replayed AS (
  SELECT id,
         coalesce(substr(CASE WHEN party_id IS NULL
              THEN max(CASE WHEN counts THEN lpad(position::text, 12, '0') || status END)
                     OVER (by_commitment ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
              ELSE greatest(
                     max(CASE WHEN counts AND party_id IS NULL THEN lpad(position::text, 12, '0') || status END)
                       OVER (by_commitment ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
                     max(CASE WHEN counts THEN lpad(position::text, 12, '0') || status END)
                       OVER (PARTITION BY commitment_id, party_id ORDER BY position
                             ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING))
         END, 13), 'no_evidence')::"CommitmentStatus" AS previous
    FROM logged
  WINDOW by_commitment AS (PARTITION BY commitment_id ORDER BY position)
)
UPDATE "StatusUpdate" target
   SET "previousStatus" = replayed.previous
  FROM replayed
 WHERE target.id = replayed.id AND target."previousStatus" IS DISTINCT FROM replayed.previous;
