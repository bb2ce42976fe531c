-- The search functions that build a record's lexemes (pactwatch_search_units, _vector, _fuzzy) and read a query
-- (pactwatch_search_query), unchanged in what they return, move from SQL to PL/pgSQL functions. As SQL functions
-- they were inlined into every statement that called them and planned again with it: the search triggers run
-- their upsert with EXECUTE, so each insert of an evidence item or a status update planned the whole tokenizer
-- anew (3–5 ms of planning against 0.2 ms of work per text, measured on pw_bench_100), and so did every search.
-- A PL/pgSQL function keeps its statements' plans for the session (docs/decisions/022).

CREATE OR REPLACE FUNCTION "pactwatch_search_units"("body" TEXT)
  RETURNS TABLE ("unit" TEXT, "position" INTEGER, "cjk" BOOLEAN, "pair" TEXT, "paired" BOOLEAN)
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
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
   WHERE NOT sep;
END
$$;

CREATE OR REPLACE FUNCTION "pactwatch_search_vector"("body" TEXT, "weight" TEXT) RETURNS tsvector
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
BEGIN
  RETURN (
  WITH u AS (SELECT * FROM pactwatch_search_units(body))
  SELECT coalesce(string_agg('''' || replace(replace(lexeme, '\', '\\'), '''', '''''') || ''':' || position || weight,
                             ' '), '')::tsvector
    FROM (SELECT unit AS lexeme, position FROM u
          UNION ALL SELECT pair, position FROM u WHERE pair IS NOT NULL
          UNION ALL SELECT stem, position FROM u, unnest(ts_lexize('english_stem', unit)) AS stem
                     WHERE unit ~ '^[a-z]+$' AND stem <> unit) AS l
  );
END
$$;

CREATE OR REPLACE FUNCTION "pactwatch_search_fuzzy"("body" TEXT) RETURNS TEXT
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
BEGIN
  RETURN (
  SELECT left(coalesce(string_agg(unit, ' ' ORDER BY position), ''), 1000)
    FROM pactwatch_search_units(body) WHERE unit ~ '^[a-z0-9]+$'
  );
END
$$;

CREATE OR REPLACE FUNCTION "pactwatch_search_query"("query" TEXT) RETURNS tsquery
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
BEGIN
  RETURN (
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
  );
END
$$;
