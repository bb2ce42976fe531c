-- The search triggers (20261202202848_search) move from one generic function, pactwatch_search_sync(kind, text
-- function), to one function per searchable table whose statements are static SQL. The generic function built its
-- upsert with format() and ran it with EXECUTE, so PostgreSQL parsed and planned it again on every call: every
-- follow-up paid that three times (the evidence item, the status update, and the status cache's update of the
-- commitment, which rewrites no text). A static statement's plan is kept by PL/pgSQL for the connection
-- (docs/decisions/024). What the triggers write is unchanged: the same documents, an update rewrites only the rows
-- whose text changed, a delete or truncate removes them; no rebuild is needed.
--
-- A kept plan is made once, with the size of the transition table of the call that made it (usually one row), so
-- no statement that matches a transition table's rows against other rows may depend on that size:
-- - an update pairs each row's new and old text by grouping both tables by id (a hash or sort, whatever the size)
--   rather than joining them: a join planned for one row is a nested loop, which compares every new row with every
--   old one (a 20,000-row update of Commitment took 43 s instead of 0.07 s);
-- - a delete looks its documents up by primary key from an array of the deleted ids (an index scan, whatever the
--   size) rather than joining: a join planned for a large delete hashed a scan of every document of the kind, and
--   every later delete on that connection would have done the same.

-- The trigger functions, pactwatch_search_sync_<kind>, generated from the list of searchable tables; each has its
-- kind and text function written in. The triggers keep their names and their arguments (kind, text function), which
-- the functions do not read: pactwatch_search_rebuild below finds the searched tables and their text functions
-- through them, so the list below stays the only one.
DO $$
DECLARE
  source RECORD;
  event TEXT;
BEGIN
  FOR source IN
    SELECT * FROM (VALUES ('Agreement', 'agreement'), ('Commitment', 'commitment'), ('Party', 'party'),
                          ('Person', 'person'), ('Outlet', 'outlet'), ('Evidence', 'evidence'),
                          ('StatusUpdate', 'status_update')) AS t (tbl, kind)
  LOOP
    EXECUTE format($function$
CREATE FUNCTION %1$I() RETURNS trigger
  LANGUAGE plpgsql
AS $body$
-- The search documents of %4$I (migration 20261203120000_search_triggers_static; docs/decisions/024).
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM "SearchDocument" d WHERE d.kind = %2$L::"SearchKind";
  ELSIF TG_OP = 'DELETE' THEN
    DELETE FROM "SearchDocument" d
     WHERE d.kind = %2$L::"SearchKind" AND d."recordId" = ANY (ARRAY(SELECT o.id FROM old_rows o));
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO "SearchDocument" (kind, "recordId", lexemes, fuzzy)
    SELECT %2$L::"SearchKind", r.id, pactwatch_search_lexemes(t[1], t[2], t[3], t[4]), pactwatch_search_fuzzy(t[5])
      FROM new_rows r, %3$I(r) AS t
    ON CONFLICT (kind, "recordId") DO UPDATE SET lexemes = excluded.lexemes, fuzzy = excluded.fuzzy;
  ELSE
    -- The rows whose text changed: each id's new text (t) and old text (was), by grouping, not a join.
    INSERT INTO "SearchDocument" (kind, "recordId", lexemes, fuzzy)
    SELECT %2$L::"SearchKind", c.id, pactwatch_search_lexemes(c.t[1], c.t[2], c.t[3], c.t[4]),
           pactwatch_search_fuzzy(c.t[5])
      FROM (SELECT s.id, max(s.t) FILTER (WHERE s.is_new) AS t, max(s.t) FILTER (WHERE NOT s.is_new) AS was
              FROM (SELECT r.id, true AS is_new, %3$I(r) AS t FROM new_rows r
                    UNION ALL
                    SELECT o.id, false, %3$I(o) FROM old_rows o) AS s
             GROUP BY s.id) AS c
     WHERE c.t IS NOT NULL AND c.was IS NOT NULL AND c.t IS DISTINCT FROM c.was
    ON CONFLICT (kind, "recordId") DO UPDATE SET lexemes = excluded.lexemes, fuzzy = excluded.fuzzy;
  END IF;
  RETURN NULL;
END
$body$
$function$, 'pactwatch_search_sync_' || source.kind, source.kind, 'pactwatch_search_text_' || source.kind,
            source.tbl);

    FOREACH event IN ARRAY ARRAY['insert', 'update', 'delete', 'truncate'] LOOP
      EXECUTE format('DROP TRIGGER %I ON %I', source.tbl || '_search_' || event, source.tbl);
    END LOOP;
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
                      FOR EACH STATEMENT EXECUTE FUNCTION %I(%L, %L)',
                   source.tbl || '_search_insert', source.tbl, 'pactwatch_search_sync_' || source.kind,
                   source.kind, 'pactwatch_search_text_' || source.kind);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                      FOR EACH STATEMENT EXECUTE FUNCTION %I(%L, %L)',
                   source.tbl || '_search_update', source.tbl, 'pactwatch_search_sync_' || source.kind,
                   source.kind, 'pactwatch_search_text_' || source.kind);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
                      FOR EACH STATEMENT EXECUTE FUNCTION %I(%L, %L)',
                   source.tbl || '_search_delete', source.tbl, 'pactwatch_search_sync_' || source.kind,
                   source.kind, 'pactwatch_search_text_' || source.kind);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I
                      FOR EACH STATEMENT EXECUTE FUNCTION %I(%L, %L)',
                   source.tbl || '_search_truncate', source.tbl, 'pactwatch_search_sync_' || source.kind,
                   source.kind, 'pactwatch_search_text_' || source.kind);
  END LOOP;
END
$$;

-- As before, every document again from the tables the triggers watch, read from the triggers themselves: now those
-- whose function is pactwatch_search_sync_<their kind argument>, as found on the search path (as the generic
-- function was). Run once per call, so its EXECUTE stays.
CREATE OR REPLACE FUNCTION "pactwatch_search_rebuild"() RETURNS BIGINT
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
     WHERE t.tgname LIKE '%\_search\_insert'
       AND t.tgfoid = to_regproc(quote_ident('pactwatch_search_sync_' || args[1]))
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

-- No trigger calls it any more.
DROP FUNCTION "pactwatch_search_sync"();
