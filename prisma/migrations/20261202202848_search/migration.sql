-- CreateEnum
CREATE TYPE "SearchKind" AS ENUM ('agreement', 'commitment', 'party', 'person', 'outlet', 'evidence', 'status_update');

-- CreateTable
CREATE TABLE "SearchDocument" (
    "kind" "SearchKind" NOT NULL,
    "recordId" INTEGER NOT NULL,
    "lexemes" tsvector NOT NULL,
    "fuzzy" TEXT NOT NULL,

    CONSTRAINT "SearchDocument_pkey" PRIMARY KEY ("kind","recordId")
);

-- CreateIndex
CREATE INDEX "SearchDocument_lexemes_idx" ON "SearchDocument" USING GIN ("lexemes");

-- Everything below is written by hand (docs/decisions/014-search.md); tests/migrations.test.ts lists the index it
-- adds beyond schema.prisma. lib/search/normalise.ts is the TypeScript reference of the text functions (it finds
-- the words to highlight); tests/search.test.ts proves the two equal.

-- Typo-tolerant matching. A trusted extension: the database owner may create it. Its objects land in the first
-- schema of the search path, like the application's tables. The extension's schema is then put on this
-- transaction's search path, so the trigram index below finds its operator class even where pg_trgm was already
-- installed in another schema (a test migrating a scratch schema while pg_trgm lives in public).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
SELECT set_config('search_path', current_setting('search_path') || ', ' || quote_ident(n.nspname), true)
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
 WHERE e.extname = 'pg_trgm';

-- Text as searched: compatibility forms folded (NFKC: full-width letters, ligatures, presentation forms), accents,
-- Arabic diacritics, tatweel and invisible format characters removed, lower-case, Arabic and Persian letter
-- variants folded to the Urdu ones (ي ى → ی, ك → ک, ه ة ۃ ە → ہ, ٱ → ا), Arabic-Indic digits to 0-9, the few Latin
-- letters without a decomposition spelled out, Greek final sigma as sigma. Every step is a code-point rule; only
-- lower() beyond ASCII depends on the locale (the servers run with a C.UTF-8 ctype).
CREATE FUNCTION "pactwatch_search_normalise"("body" TEXT) RETURNS TEXT
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT replace(replace(replace(replace(
           translate(
             lower(normalize(regexp_replace(normalize(coalesce(body, ''), NFKD),
               '[\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E4\u06E7\u06E8\u06EA-\u06ED\u0640\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]',
               '', 'g'), NFKC)),
             'يىكهةۃەٱ٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹øđłħıðς',
             'ییکہہہہا01234567890123456789odlhidσ'),
           'ß', 'ss'), 'æ', 'ae'), 'œ', 'oe'), 'þ', 'th')
$$;

-- The units of normalised text, in order: words (runs of anything but separators and CJK characters, at most 100
-- characters kept) and single CJK characters (Han, Kana, Hangul), which have no spaces between words. Separators
-- are spelled out as code-point ranges (ASCII and Latin-1 punctuation, general and CJK punctuation, Arabic
-- punctuation, symbols, emoji) rather than taken from the locale's idea of a letter. `pair` is a CJK character
-- with the one right after it, when that is CJK too; `paired` says the one before it was.
CREATE FUNCTION "pactwatch_search_units"("body" TEXT)
  RETURNS TABLE ("unit" TEXT, "position" INTEGER, "cjk" BOOLEAN, "pair" TEXT, "paired" BOOLEAN)
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT left(unit, 100), least(row_number() OVER (ORDER BY n), 16383)::integer, cjk,
         CASE WHEN cjk AND next_cjk THEN unit || next END, coalesce(prev_cjk AND cjk, false)
    FROM (
      SELECT m[1] AS unit, n,
             m[1] ~ '^[\u1100-\u11FF\u3040-\u30FF\u3130-\u318F\u31F0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uA960-\uA97F\uAC00-\uD7FF\uF900-\uFAFF\U00020000-\U0003134F]' AS cjk,
             m[1] ~ '^[\u0001-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u00BF\u00D7\u00F7\u2000-\u206F\u20A0-\u20CF\u2190-\u2BFF\u2E00-\u2E7F\u3000-\u303F\u060C\u061B\u061F\u066A-\u066D\u06D4\uFD3E\uFD3F\uFE10-\uFE6F\uFF01-\uFF0F\U0001F000-\U0001FAFF]' AS sep,
             lead(m[1]) OVER (ORDER BY n) AS next,
             lead(m[1]) OVER (ORDER BY n) ~ '^[\u1100-\u11FF\u3040-\u30FF\u3130-\u318F\u31F0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uA960-\uA97F\uAC00-\uD7FF\uF900-\uFAFF\U00020000-\U0003134F]' AS next_cjk,
             lag(m[1]) OVER (ORDER BY n) ~ '^[\u1100-\u11FF\u3040-\u30FF\u3130-\u318F\u31F0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uA960-\uA97F\uAC00-\uD7FF\uF900-\uFAFF\U00020000-\U0003134F]' AS prev_cjk
        FROM regexp_matches(pactwatch_search_normalise(body),
               '[\u1100-\u11FF\u3040-\u30FF\u3130-\u318F\u31F0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uA960-\uA97F\uAC00-\uD7FF\uF900-\uFAFF\U00020000-\U0003134F]|[^\u0001-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u00BF\u00D7\u00F7\u2000-\u206F\u20A0-\u20CF\u2190-\u2BFF\u2E00-\u2E7F\u3000-\u303F\u060C\u061B\u061F\u066A-\u066D\u06D4\uFD3E\uFD3F\uFE10-\uFE6F\uFF01-\uFF0F\U0001F000-\U0001FAFF\u1100-\u11FF\u3040-\u30FF\u3130-\u318F\u31F0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uA960-\uA97F\uAC00-\uD7FF\uF900-\uFAFF\U00020000-\U0003134F]+|[\u0001-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u00BF\u00D7\u00F7\u2000-\u206F\u20A0-\u20CF\u2190-\u2BFF\u2E00-\u2E7F\u3000-\u303F\u060C\u061B\u061F\u066A-\u066D\u06D4\uFD3E\uFD3F\uFE10-\uFE6F\uFF01-\uFF0F\U0001F000-\U0001FAFF]+',
               'g') WITH ORDINALITY AS r (m, n)
    ) AS u
   WHERE NOT sep
$$;

-- One field's lexemes at one weight: every unit as itself (the `simple` treatment, whatever the script), the
-- English stem of each ASCII word besides ("trainings" → train), and each CJK pair ("反恐合作" → 反恐, 恐合, 合作).
-- Built as tsvector text with positions, so no text-search parser (and so no locale) decides what a word is.
CREATE FUNCTION "pactwatch_search_vector"("body" TEXT, "weight" TEXT) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  WITH u AS (SELECT * FROM pactwatch_search_units(body))
  SELECT coalesce(string_agg('''' || replace(replace(lexeme, '\', '\\'), '''', '''''') || ''':' || position || weight,
                             ' '), '')::tsvector
    FROM (SELECT unit AS lexeme, position FROM u
          UNION ALL SELECT pair, position FROM u WHERE pair IS NOT NULL
          UNION ALL SELECT stem, position FROM u, unnest(ts_lexize('english_stem', unit)) AS stem
                     WHERE unit ~ '^[a-z]+$' AND stem <> unit) AS l
$$;

-- A record's lexemes: titles and names weigh most (A), then secondary names (B), bodies (C), addresses (D).
CREATE FUNCTION "pactwatch_search_lexemes"("a" TEXT, "b" TEXT, "c" TEXT, "d" TEXT) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT pactwatch_search_vector(a, 'A') || pactwatch_search_vector(b, 'B') || pactwatch_search_vector(c, 'C')
         || pactwatch_search_vector(d, 'D')
$$;

-- The ASCII words of a text in order, for trigram matching of typos: a locale-independent input to pg_trgm, whose
-- idea of a word character otherwise depends on the ctype.
CREATE FUNCTION "pactwatch_search_fuzzy"("body" TEXT) RETURNS TEXT
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT left(coalesce(string_agg(unit, ' ' ORDER BY position), ''), 1000)
    FROM pactwatch_search_units(body) WHERE unit ~ '^[a-z0-9]+$'
$$;

-- What a search for `query` requires, all of: each word as a prefix ('protect':*; a word of one or two letters
-- whole, or "ai" would match every word starting so) or, for an ASCII word, its English stem; each CJK character
-- pair of the query (a lone CJK character as itself). English stop words are left out unless the query has nothing
-- else. NULL when nothing is left to look for. At most 16 units count.
CREATE FUNCTION "pactwatch_search_query"("query" TEXT) RETURNS tsquery
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  WITH u AS (
    SELECT *, CASE WHEN unit ~ '^[a-z]+$' THEN ts_lexize('english_stem', unit) END AS stems
      FROM pactwatch_search_units(left(query, 1000)) WHERE position <= 16
  ), words AS (
    SELECT * FROM u WHERE NOT cjk
  ), kept AS (
    SELECT * FROM words
     WHERE stems IS DISTINCT FROM '{}'
        OR NOT EXISTS (SELECT 1 FROM words WHERE stems IS DISTINCT FROM '{}')
  ), terms AS (
    SELECT '(''' || replace(replace(unit, '\', '\\'), '''', '''''') || '''' || CASE WHEN length(unit) > 2 THEN ':*' ELSE '' END
           || coalesce(' | ''' || nullif(stems[1], unit) || '''', '') || ')' AS term
      FROM kept
    UNION
    SELECT '''' || coalesce(pair, unit) || ''''
      FROM u WHERE cjk AND (pair IS NOT NULL OR NOT paired)
  )
  SELECT string_agg(term, ' & ')::tsquery FROM terms
$$;

-- What each table's records are searched by: [A, B, C, D, fuzzy] texts (see pactwatch_search_lexemes): titles and
-- names first, then short names, places, job titles and websites, then summaries, descriptions, excerpts and
-- reasons, then addresses; the fuzzy text is the titles and names only (a status update has none: its reason is a
-- body, and typo matching over every reason would double the cost of logging one).
CREATE FUNCTION "pactwatch_search_text_agreement"("r" "Agreement") RETURNS TEXT[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ARRAY[r.title, r.place, r.summary, NULL, concat_ws(' ', r.title, r.place)]::text[] $$;
CREATE FUNCTION "pactwatch_search_text_commitment"("r" "Commitment") RETURNS TEXT[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ARRAY[r.title, NULL, r.description, NULL, r.title]::text[] $$;
CREATE FUNCTION "pactwatch_search_text_party"("r" "Party") RETURNS TEXT[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ARRAY[r.name, r."shortName", NULL, NULL, concat_ws(' ', r.name, r."shortName")]::text[] $$;
CREATE FUNCTION "pactwatch_search_text_person"("r" "Person") RETURNS TEXT[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ARRAY[r.name, r.title, NULL, NULL, concat_ws(' ', r.name, r.title)]::text[] $$;
CREATE FUNCTION "pactwatch_search_text_outlet"("r" "Outlet") RETURNS TEXT[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ARRAY[r.name, r.website, NULL, NULL, r.name]::text[] $$;
CREATE FUNCTION "pactwatch_search_text_evidence"("r" "Evidence") RETURNS TEXT[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ARRAY[concat_ws(' ', r.title, r."originalTitle"), NULL, r.excerpt, r.url, concat_ws(' ', r.title, r."originalTitle")]::text[] $$;
CREATE FUNCTION "pactwatch_search_text_status_update"("r" "StatusUpdate") RETURNS TEXT[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ARRAY[NULL, NULL, r.reason, NULL, NULL]::text[] $$;

-- Each searchable table keeps its records' documents through statement-level triggers (one pass per statement,
-- so a CSV import or the seed's inserts cost one set-based write each). An update rebuilds only the rows whose
-- searched text changed: the status cache's updates of Commitment leave the documents alone.
-- TG_ARGV: the SearchKind and the name of the table's text function above.
CREATE FUNCTION "pactwatch_search_sync"() RETURNS trigger
  LANGUAGE plpgsql
AS $$
DECLARE
  doc_kind "SearchKind" := TG_ARGV[0]::"SearchKind";
  texts TEXT := quote_ident(TG_ARGV[1]);
  upsert TEXT := 'INSERT INTO "SearchDocument" (kind, "recordId", lexemes, fuzzy)
                  SELECT $1, r.id, pactwatch_search_lexemes(t[1], t[2], t[3], t[4]), pactwatch_search_fuzzy(t[5])
                    FROM %s
                  ON CONFLICT (kind, "recordId") DO UPDATE SET lexemes = excluded.lexemes, fuzzy = excluded.fuzzy';
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM "SearchDocument" d WHERE d.kind = doc_kind;
  ELSIF TG_OP = 'DELETE' THEN
    DELETE FROM "SearchDocument" d USING old_rows o WHERE d.kind = doc_kind AND d."recordId" = o.id;
  ELSIF TG_OP = 'INSERT' THEN
    EXECUTE format(upsert, format('new_rows r, %s(r) AS t', texts)) USING doc_kind;
  ELSE
    EXECUTE format(upsert, format('new_rows r JOIN old_rows o ON o.id = r.id, %1$s(r) AS t
                                    WHERE t IS DISTINCT FROM %1$s(o)', texts)) USING doc_kind;
  END IF;
  RETURN NULL;
END
$$;

-- The four triggers of each searchable table, named "<Table>_search_<event>".
DO $$
DECLARE
  source RECORD;
BEGIN
  FOR source IN
    SELECT * FROM (VALUES ('Agreement', 'agreement'), ('Commitment', 'commitment'), ('Party', 'party'),
                          ('Person', 'person'), ('Outlet', 'outlet'), ('Evidence', 'evidence'),
                          ('StatusUpdate', 'status_update')) AS t (tbl, kind)
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
                      FOR EACH STATEMENT EXECUTE FUNCTION pactwatch_search_sync(%L, %L)',
                   source.tbl || '_search_insert', source.tbl, source.kind, 'pactwatch_search_text_' || source.kind);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                      FOR EACH STATEMENT EXECUTE FUNCTION pactwatch_search_sync(%L, %L)',
                   source.tbl || '_search_update', source.tbl, source.kind, 'pactwatch_search_text_' || source.kind);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
                      FOR EACH STATEMENT EXECUTE FUNCTION pactwatch_search_sync(%L, %L)',
                   source.tbl || '_search_delete', source.tbl, source.kind, 'pactwatch_search_text_' || source.kind);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I
                      FOR EACH STATEMENT EXECUTE FUNCTION pactwatch_search_sync(%L, %L)',
                   source.tbl || '_search_truncate', source.tbl, source.kind, 'pactwatch_search_text_' || source.kind);
  END LOOP;
END
$$;

-- Every document again, from the tables the triggers above watch (read from the triggers themselves, so the two
-- cannot disagree). For writers that load with triggers off (`session_replication_role = replica`, as the bench's
-- bulk loader does) and for the records already there now; returns the number of documents.
CREATE FUNCTION "pactwatch_search_rebuild"() RETURNS BIGINT
  LANGUAGE plpgsql
AS $$
DECLARE
  source RECORD;
  written BIGINT := 0;
  counted BIGINT;
BEGIN
  DELETE FROM "SearchDocument";
  FOR source IN
    SELECT t.tgrelid::regclass AS tbl, args[1] AS kind, args[2] AS texts
      FROM pg_trigger t, string_to_array(encode(t.tgargs, 'escape'), '\000') AS args
     WHERE t.tgfoid = 'pactwatch_search_sync'::regproc AND t.tgname LIKE '%\_search\_insert'
  LOOP
    EXECUTE format('INSERT INTO "SearchDocument" (kind, "recordId", lexemes, fuzzy)
                    SELECT $1::"SearchKind", r.id, pactwatch_search_lexemes(t[1], t[2], t[3], t[4]),
                           pactwatch_search_fuzzy(t[5])
                      FROM %s r, %s(r) AS t
                    ON CONFLICT (kind, "recordId") DO UPDATE SET lexemes = excluded.lexemes, fuzzy = excluded.fuzzy',
                   source.tbl, quote_ident(source.texts)) USING source.kind;
    GET DIAGNOSTICS counted = ROW_COUNT;
    written := written + counted;
  END LOOP;
  RETURN written;
END
$$;

SELECT pactwatch_search_rebuild();

-- Typos ("protecton unit"): word similarity of the query's ASCII words to a record's title words.
CREATE INDEX "SearchDocument_fuzzy_idx" ON "SearchDocument" USING GIN ("fuzzy" gin_trgm_ops);
