-- One article, one item, whatever form of its address was pasted (http/https, www., AMP). Written by hand: Prisma's
-- schema cannot describe a generated column, so schema.prisma does not mention "urlKey" (Prisma never reads or
-- writes it; its inserts name their columns and PostgreSQL fills this one). tests/migrations.test.ts lists what
-- this migration adds beyond schema.prisma and checks it exactly.

-- urlIdentity of lib/domain/url.ts, the reference: tests/evidence-identity.test.ts proves the two equal. A plain
-- string rewrite of the stored (normalised) address, the scheme dropped: '//' || host without www./amp. prefixes
-- (never down to a bare top-level domain) || path without 'amp' segments || query without AMP parameters ||
-- fragment (kept: stored addresses carry one only when marked below). Any other text is its own identity.
-- IMMUTABLE (regexp_* are, and the patterns spell out letter cases instead of depending on a collation), so it
-- can compute a stored generated column.
CREATE FUNCTION "pactwatch_url_identity"("url" TEXT) RETURNS TEXT
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT CASE WHEN parts IS NULL THEN url ELSE
           '//' || regexp_replace(parts[1], '^(?:(?:www|amp)\.)*(?=[^.]*\.)', '')
                || regexp_replace(parts[2], '/amp(?=/|$)', '', 'g')
                || coalesce('?' || nullif(substr(regexp_replace('&' || parts[3],
                     '&(?:[Aa][Mm][Pp](?:=[^&]*)?|[Oo][Uu][Tt][Pp][Uu][Tt][Tt][Yy][Pp][Ee]=[Aa][Mm][Pp])(?=&|$)',
                     '', 'g'), 2), ''), '')
                || coalesce(parts[4], '')
         END
    FROM (SELECT regexp_match(url, '^https?://([^/?#]*)([^?#]*)(?:\?([^#]*))?(#.*)?$') AS parts) AS split
$$;

-- Every row gets its key now (the table is rewritten once), and every later insert or change of "url" by any
-- writer (the app, the CSV import, the seed, a test's INSERT) gets it from PostgreSQL.
ALTER TABLE "Evidence" ADD COLUMN "urlKey" TEXT NOT NULL GENERATED ALWAYS AS ("pactwatch_url_identity"("url")) STORED;

-- Items logged before this migration under two forms of one address would break the unique index below. They are
-- not merged: each one's grade, type, title and excerpt are what an analyst judged, and the follow-up log that
-- cites them is append-only (lib/data/status-updates.ts), so rewriting which item an update cites would change
-- what the log says. Instead, per identity, the first logged item ("createdAt", then id: the item a later submit
-- would have reused, docs/decisions/005) keeps the identity, and every later one steps aside: its address gets a
-- fragment, e.g. 'http://dawn.com/news/1/amp#pactwatch-item-23-duplicates-17'. A fragment never reaches the
-- server, so the link still opens the article; the application never stores one (normaliseUrl drops them), so no
-- address typed later can take the marked key; and it carries the item's own id, so two marked items never share
-- a key. New follow-ups on the article cite the first item. Deterministic: the same rows give the same result.
-- Each change is audited as the system's (actorId empty), with the row before and after.
WITH ranked AS (
  SELECT id, url, first_value(id) OVER (PARTITION BY "urlKey" ORDER BY "createdAt", id) AS first_id
    FROM "Evidence"
), marked AS (
  UPDATE "Evidence" e
     SET url = r.url || '#pactwatch-item-' || r.id || '-duplicates-' || r.first_id
    FROM ranked r
   WHERE e.id = r.id AND r.id <> r.first_id
  RETURNING e.id, r.url AS old_url, to_jsonb(e) - 'urlKey' AS after
)
INSERT INTO "AuditEvent" ("actorId", "action", "entityType", "entityId", "before", "after")
SELECT NULL, 'update', 'Evidence', marked.id::text, marked.after || jsonb_build_object('url', marked.old_url),
       marked.after
  FROM marked
 ORDER BY marked.id;

-- The database's guarantee of one item per article, for every writer. (The log-follow-up action also takes an
-- advisory lock on the identity, lib/data/evidence.ts, to refuse exact repeats; this index is what makes the
-- item itself unique even for writers that take no lock.)
CREATE UNIQUE INDEX "Evidence_urlKey_key" ON "Evidence"("urlKey");
