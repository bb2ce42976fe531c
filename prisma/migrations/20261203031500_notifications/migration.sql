-- Hand-written: notifications are made by the database (docs/decisions/017-notifications-and-review.md), so a
-- status update written by the app, the API, a CSV import or plain SQL notifies alike. Functions and triggers
-- only: no columns, indexes or constraints beyond prisma/schema.prisma.

-- Who follows a commitment: directly, through its agreement, or through a party responsible for it (active
-- accounts only). The scheduler's daily events (lib/notify/daily-events.ts) use it too.
CREATE FUNCTION pactwatch_followers(commitment_id integer) RETURNS TABLE (user_id text)
LANGUAGE sql STABLE AS $$
  SELECT f.user_id
    FROM (
      SELECT "userId" AS user_id FROM "Follow" WHERE "commitmentId" = commitment_id
      UNION
      SELECT fa."userId" FROM "Follow" fa JOIN "Commitment" c ON c."agreementId" = fa."agreementId"
       WHERE c.id = commitment_id
      UNION
      SELECT fp."userId" FROM "Follow" fp
        JOIN "CommitmentParty" cp ON cp."partyId" = fp."partyId" AND cp.role = 'responsible'
       WHERE cp."commitmentId" = commitment_id
    ) f
    JOIN "User" u ON u.id = f.user_id AND u."deactivatedAt" IS NULL
$$;

-- A status as a person says it: 'in_progress' -> 'in progress'.
CREATE FUNCTION pactwatch_status_words(status "CommitmentStatus") RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT replace(status::text, '_', ' ') $$;

-- One event per new status update (key 'update:<id>'): kind status_update for an assessment (it states a status),
-- evidence for a corroboration or context row (it cites news without stating a new status). Inside a CSV import
-- (the transaction-local setting pactwatch.import, set by lib/csv/importer.ts) every row of the import folds into
-- one event (key 'import:<import id>'), so a follower gets one notification per import, not one per row. Nothing
-- is written when nobody but the author follows the commitment.
CREATE FUNCTION pactwatch_notify_status_update() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  import_id text := nullif(current_setting('pactwatch.import', true), '');
  commitment_title text;
  actor_name text;
  event_key text;
  event_id bigint;
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM pactwatch_followers(NEW."commitmentId") f WHERE f.user_id IS DISTINCT FROM NEW."authorId"
  ) THEN
    -- Nothing to tell; the status change this update may cause is the author's own news too ('0': told).
    IF import_id IS NULL THEN
      PERFORM set_config('pactwatch.update_event_' || NEW."commitmentId", '0', true);
    END IF;
    RETURN NULL;
  END IF;
  SELECT c.title INTO commitment_title FROM "Commitment" c WHERE c.id = NEW."commitmentId";
  SELECT u.name INTO actor_name FROM "User" u WHERE u.id = NEW."authorId";

  IF import_id IS NOT NULL THEN
    event_key := 'import:' || import_id;
    INSERT INTO "NotificationEvent" (key, kind, "commitmentId", "actorId", summary)
    VALUES (event_key, 'import', NEW."commitmentId", NEW."authorId",
            'Follow-ups imported from CSV' || coalesce(' by ' || actor_name, '') || ' (first: ' || commitment_title || ')')
    ON CONFLICT (key) DO NOTHING;
    SELECT e.id INTO event_id FROM "NotificationEvent" e WHERE e.key = event_key;
  ELSE
    INSERT INTO "NotificationEvent" (key, kind, "commitmentId", "statusUpdateId", "actorId", summary)
    VALUES (
      'update:' || NEW.id,
      CASE WHEN NEW.kind = 'assessment' THEN 'status_update' ELSE 'evidence' END::"NotificationKind",
      NEW."commitmentId", NEW.id, NEW."authorId",
      CASE WHEN NEW.kind = 'assessment'
        THEN commitment_title || ': follow-up' || coalesce(' by ' || actor_name, '') || ' (' || pactwatch_status_words(NEW.status) || ')'
        ELSE commitment_title || ': evidence logged' || coalesce(' by ' || actor_name, '')
      END)
    ON CONFLICT (key) DO NOTHING
    RETURNING id INTO event_id;
    IF event_id IS NULL THEN
      RETURN NULL;
    END IF;
    -- The status cache refresh of the same transaction may change the commitment's status: the status-change
    -- trigger below then turns this event into the status change instead of adding a second one.
    PERFORM set_config('pactwatch.update_event_' || NEW."commitmentId", event_id::text, true);
  END IF;

  INSERT INTO "Notification" ("userId", "eventId")
  SELECT f.user_id, event_id FROM pactwatch_followers(NEW."commitmentId") f
   WHERE f.user_id IS DISTINCT FROM NEW."authorId"
  ON CONFLICT ("userId", "eventId") DO NOTHING;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "StatusUpdate_notify"
AFTER INSERT ON "StatusUpdate"
FOR EACH ROW EXECUTE FUNCTION pactwatch_notify_status_update();

-- A commitment's (cached) status changed. After a status update of the same transaction it upgrades that update's
-- event (kind status_change, "…: status now in progress (by Ana)"): one action, one notification. Otherwise (a
-- retraction, a rebuild, plain SQL) a new event, once per commitment and transaction (key
-- 'status:<commitmentId>:<transaction id>'). An import's changes are told by its import event.
CREATE FUNCTION pactwatch_notify_status_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  pending text := nullif(current_setting('pactwatch.update_event_' || NEW.id, true), '');
  event_id bigint;
BEGIN
  IF nullif(current_setting('pactwatch.import', true), '') IS NOT NULL THEN
    RETURN NULL;
  END IF;
  IF pending = '0' THEN
    PERFORM set_config('pactwatch.update_event_' || NEW.id, '', true);
    RETURN NULL;
  END IF;
  IF pending IS NOT NULL THEN
    UPDATE "NotificationEvent" e
       SET kind = 'status_change',
           summary = NEW.title || ': status now ' || pactwatch_status_words(NEW.status)
                     || coalesce(' (by ' || (SELECT u.name FROM "User" u WHERE u.id = e."actorId") || ')', '')
     WHERE e.id = pending::bigint;
    PERFORM set_config('pactwatch.update_event_' || NEW.id, '', true);
    RETURN NULL;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pactwatch_followers(NEW.id)) THEN
    RETURN NULL;
  END IF;
  INSERT INTO "NotificationEvent" (key, kind, "commitmentId", summary)
  VALUES ('status:' || NEW.id || ':' || pg_current_xact_id()::text, 'status_change', NEW.id,
          NEW.title || ': status now ' || pactwatch_status_words(NEW.status))
  ON CONFLICT (key) DO UPDATE SET summary = EXCLUDED.summary
  RETURNING id INTO event_id;
  INSERT INTO "Notification" ("userId", "eventId")
  SELECT f.user_id, event_id FROM pactwatch_followers(NEW.id) f
  ON CONFLICT ("userId", "eventId") DO NOTHING;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Commitment_notify_status_change"
AFTER UPDATE OF status ON "Commitment"
FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
EXECUTE FUNCTION pactwatch_notify_status_change();
