-- Search at scale (issue 15, docs/decisions/014-search.md "Measurements"): written by hand. tests/migrations.test.ts
-- lists the indexes it adds beyond schema.prisma.

-- GIN's pending list (fastupdate) makes a write cheaper and every search until the next vacuum dearer: each search
-- scans the whole list (40 ms instead of 14 ms for a common word at scale 100). Searches matter more here; a write
-- then pays its index entries at once. So for the indexes searches read: the trigram index of every kind (close
-- spellings of evidence titles) and the new ones below. The lexemes index of every kind (schema.prisma's) is no
-- longer read by a search of many hits (each kind has its own below) and keeps its pending list.
ALTER INDEX "SearchDocument_fuzzy_idx" SET (fastupdate = off);

-- One GIN index of the lexemes per kind. A search ranks and counts each kind's first matches only (at most a
-- thousand), so it must be able to read one kind's matches without the others': through the index of every kind,
-- "反恐" read all 10,000 matching documents to find the evidence items among them. Each document is in exactly one
-- of these, so a write pays one more index entry per lexeme.
CREATE INDEX IF NOT EXISTS "SearchDocument_agreement_lexemes_idx" ON "SearchDocument" USING GIN ("lexemes")
  WITH (fastupdate = off) WHERE kind = 'agreement';
CREATE INDEX IF NOT EXISTS "SearchDocument_commitment_lexemes_idx" ON "SearchDocument" USING GIN ("lexemes")
  WITH (fastupdate = off) WHERE kind = 'commitment';
CREATE INDEX IF NOT EXISTS "SearchDocument_evidence_lexemes_idx" ON "SearchDocument" USING GIN ("lexemes")
  WITH (fastupdate = off) WHERE kind = 'evidence';
CREATE INDEX IF NOT EXISTS "SearchDocument_status_update_lexemes_idx" ON "SearchDocument" USING GIN ("lexemes")
  WITH (fastupdate = off) WHERE kind = 'status_update';
CREATE INDEX IF NOT EXISTS "SearchDocument_party_lexemes_idx" ON "SearchDocument" USING GIN ("lexemes")
  WITH (fastupdate = off) WHERE kind = 'party';
CREATE INDEX IF NOT EXISTS "SearchDocument_person_lexemes_idx" ON "SearchDocument" USING GIN ("lexemes")
  WITH (fastupdate = off) WHERE kind = 'person';
CREATE INDEX IF NOT EXISTS "SearchDocument_outlet_lexemes_idx" ON "SearchDocument" USING GIN ("lexemes")
  WITH (fastupdate = off) WHERE kind = 'outlet';

-- Close spellings (%>) and pieces of title words (ILIKE) within one kind, not among every evidence title: the
-- commitments (the picker's typeahead, lib/search/options.ts, and the search page), and the small kinds together
-- (agreements, parties, people, outlets: the page's typo branch otherwise computed the similarity of every
-- agreement, 14 ms). Evidence keeps the index of every kind. The operator class is found as in the search
-- migration: pg_trgm's schema goes on this transaction's search path.
SELECT set_config('search_path', current_setting('search_path') || ', ' || quote_ident(n.nspname), true)
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
 WHERE e.extname = 'pg_trgm';
CREATE INDEX IF NOT EXISTS "SearchDocument_commitment_fuzzy_idx" ON "SearchDocument" USING GIN ("fuzzy" gin_trgm_ops)
  WITH (fastupdate = off) WHERE kind = 'commitment';
CREATE INDEX IF NOT EXISTS "SearchDocument_names_fuzzy_idx" ON "SearchDocument" USING GIN ("fuzzy" gin_trgm_ops)
  WITH (fastupdate = off) WHERE kind IN ('agreement', 'party', 'person', 'outlet');
