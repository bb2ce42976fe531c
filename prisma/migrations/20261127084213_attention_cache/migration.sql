-- AlterTable
ALTER TABLE "Commitment" ADD COLUMN     "contradicted" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "weaklySupported" BOOLEAN NOT NULL DEFAULT false;

-- Backfill (added by hand; a diff cannot know it): each commitment's flags from its history, as
-- refreshStatusCache (lib/data/status-cache.ts) writes them with attentionSql({ source: 'history' }).
UPDATE "Commitment" target
   SET "contradicted" = f.contradicted, "weaklySupported" = f.weak
  FROM (
    SELECT c.id,
           coalesce((
             SELECT e.type = 'contradiction' FROM "StatusUpdate" su JOIN "Evidence" e ON e.id = su."evidenceId"
              WHERE su."commitmentId" = c.id
              ORDER BY su."observedOn" DESC, su."createdAt" DESC, su.id DESC LIMIT 1), false) AS contradicted,
           (c."lastEvidenceOn" IS NOT NULL AND NOT EXISTS (
             SELECT 1 FROM "StatusUpdate" su JOIN "Evidence" e ON e.id = su."evidenceId"
              WHERE su."commitmentId" = c.id AND su."observedOn" >= c."statusSince"
                AND (brk.id IS NULL
                     OR (su."observedOn", su."createdAt", su.id) > (brk."observedOn", brk."createdAt", brk.id))
                AND e.reliability IN ('A', 'B', 'C') AND e.credibility BETWEEN 1 AND 3)) AS weak
      FROM "Commitment" c
      LEFT JOIN LATERAL (
        SELECT su."observedOn", su."createdAt", su.id FROM "StatusUpdate" su
         WHERE su."commitmentId" = c.id AND su."observedOn" <= c."statusSince" AND su.status <> c.status
         ORDER BY su."observedOn" DESC, su."createdAt" DESC, su.id DESC LIMIT 1
      ) brk ON true
  ) f
 WHERE target.id = f.id;
