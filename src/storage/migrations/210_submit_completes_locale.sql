-- A submit that finishes a locale's last segment marks the locale complete in the submit's own round trip
-- (issue 16). Until now the submit moved its task in one statement and, after the commit, checked the
-- locale in a second: run after the commit, so that of two concurrent last submits the later check would
-- see both. A check inside the moving transaction cannot rely on that (its snapshot may miss the other
-- submit, and the other's check may run before this transaction commits). So every completion check now
-- locks the locale's row first and reads the tasks in a snapshot taken after the lock was granted:
--   * a check inside a submit runs after the submit's own move and holds the lock until the commit;
--   * a check after a commit (reviews, deliveries, revisions, machine fills) takes the same lock.
-- Two finishers of the same locale therefore check one after the other, and the second one's snapshot is
-- taken after the first one committed (its check held the lock until then), so it sees both tasks done.
-- Locks are taken in (article_id, locale) order, after any task rows (a submit locks its tasks first;
-- nothing locks a task while holding a locale row), so checks never wait on each other in a circle.
--
-- Statuses come as parameters from the domain's transition table (src/storage/task-status-sql.ts), as in
-- claim_tasks: these bodies spell no task status, and tests/unit/task-status-sql.test.ts reads them.

-- Marks complete each given locale (at its article's current revision) whose every segment's task is
-- `done_status`; answers the given locales that are complete now (marked here or before), with their
-- revision, so that a caller queues the assembly (idempotent: keyed by article, locale and revision).
CREATE FUNCTION complete_locales(article_ids uuid[], locales text[], done_status text)
RETURNS TABLE (article_id uuid, locale text, revision int)
ROWS 1
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  locked_articles uuid[];
  locked_locales text[];
  locked_revisions int[];
BEGIN
  -- Lock each locale's row at its article's current revision, in (article, locale) order. A revision
  -- committed between the choice of a row and its lock (its transaction supersedes the old row, so the lock
  -- waited for it) leaves us holding a superseded row: a fresh snapshot tells, and the attempt starts over.
  -- Each attempt runs in a subtransaction whose rollback releases the row locks it took, so rows are only
  -- ever held in order, never a new revision's row taken while holding a later one. Once the rows of the
  -- current revisions are held, no revision can commit past them until this transaction ends (it would have
  -- to supersede them), unless a row is already published, which nothing here changes.
  LOOP
    BEGIN
      SELECT coalesce(array_agg(n.article_id), '{}'), coalesce(array_agg(n.locale), '{}'), coalesce(array_agg(n.revision), '{}')
      INTO locked_articles, locked_locales, locked_revisions
      FROM (
        SELECT l.article_id, l.locale, l.revision FROM article_locales l
        JOIN articles a ON a.id = l.article_id AND a.revision = l.revision
        JOIN unnest(article_ids, locales) AS q(article_id, locale) ON q.article_id = l.article_id AND q.locale = l.locale
        ORDER BY l.article_id, l.locale
        FOR NO KEY UPDATE OF l) n;
      -- A new snapshot: is every requested locale's current revision among the rows held?
      EXIT WHEN NOT EXISTS (
        SELECT 1 FROM unnest(article_ids, locales) AS q(article_id, locale)
        JOIN articles a ON a.id = q.article_id
        JOIN article_locales l ON l.article_id = q.article_id AND l.locale = q.locale AND l.revision = a.revision
        WHERE NOT EXISTS (
          SELECT 1 FROM unnest(locked_articles, locked_locales, locked_revisions) AS k(article_id, locale, revision)
          WHERE k.article_id = l.article_id AND k.locale = l.locale AND k.revision = l.revision));
      RAISE EXCEPTION 'a revision moved on while its locale rows were locked' USING ERRCODE = 'DGRLK';
    EXCEPTION WHEN SQLSTATE 'DGRLK' THEN
      NULL; -- this attempt's locks are released with its subtransaction; try again
    END;
  END LOOP;

  -- A new snapshot, taken after the locks were granted: it includes every task committed by a transaction
  -- that held one of these locks before. Only rows held, and only at the current revision, are marked.
  UPDATE article_locales l SET status = 'complete', completed_at = now()
  FROM articles a, unnest(locked_articles, locked_locales, locked_revisions) AS k(article_id, locale, revision)
  WHERE a.id = k.article_id AND a.revision = k.revision
    AND l.article_id = k.article_id AND l.locale = k.locale AND l.revision = k.revision
    AND l.status = 'translating'
    AND NOT EXISTS (
      SELECT 1 FROM revision_segments r LEFT JOIN tasks t ON t.segment_id = r.segment_id AND t.target_locale = l.locale
      WHERE r.article_id = l.article_id AND r.revision = l.revision AND t.status IS DISTINCT FROM done_status);

  RETURN QUERY
    SELECT DISTINCT l.article_id, l.locale, l.revision FROM article_locales l
    JOIN articles a ON a.id = l.article_id AND a.revision = l.revision
    JOIN unnest(locked_articles, locked_locales, locked_revisions) AS k(article_id, locale, revision)
      ON k.article_id = l.article_id AND k.locale = l.locale AND k.revision = l.revision
    WHERE l.status = 'complete';
END
$$;

-- The submit batch (submissions-repo.ts): moves each submitted task on, only while its submitter still
-- holds it under a live lease, with its history line; then checks the locales of the tasks it moved to
-- `done_status` (complete_locales, above). One row per task moved: its index in the batch, the task, its
-- submitter, and the locale's revision when the locale is complete.
--
-- Parameters: moves (one object per submit: i, task_id, user_id, status (where the domain sends it),
-- overrides, and, for a submit that did not read the task but took it from its claim (claimed-here.ts):
-- held_since, the claim's time as the process knows it (to the millisecond), and glossary_version, the
-- version its checks used), task_ids (the same ids, for index lookups), texts (the translations, in batch
-- order: a text array, not inside the JSON, so that a text JSON cannot carry fails only its own submit),
-- submittable (the statuses a submit may leave), done_status. A submit with held_since moves only while the
-- hold is that same claim (a later claim of the task may differ, e.g. in whether review is required), and
-- one with glossary_version only while no glossary change came after that version: otherwise it moves
-- nothing and the caller reads the task and checks again.
CREATE FUNCTION submit_tasks(moves jsonb, task_ids uuid[], texts text[], submittable text[], done_status text)
RETURNS TABLE (move_index int, task_id uuid, user_id uuid, queue_priority int, completed_revision int)
ROWS 1
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  moved_indexes int[];
  moved_ids uuid[];
  moved_users uuid[];
  moved_priorities int[];
  moved_articles uuid[];
  moved_locales text[];
  moved_done boolean[];
  finished_articles uuid[];
  finished_locales text[];
  finished_revisions int[];
BEGIN
  WITH q AS (
    SELECT q.*, x.text
    FROM jsonb_to_recordset(moves)
      AS q(i int, task_id uuid, user_id uuid, status text, overrides jsonb, held_since timestamptz, glossary_version bigint)
    JOIN unnest(texts) WITH ORDINALITY AS x(text, n) ON x.n = q.i + 1),
  -- Held tasks are locked in id order, so two batches never wait on each other in a circle.
  locked AS MATERIALIZED (
    SELECT k.id FROM tasks k WHERE k.id = ANY(task_ids) AND k.status = ANY(submittable) ORDER BY k.id FOR NO KEY UPDATE),
  moved AS (
    UPDATE tasks t SET status = q.status, assignee = NULL, lease_expires_at = NULL, claimed_at = NULL, assigned_by = NULL,
           updated_at = now(), translation = q.text, translated_by = q.user_id, submitted_at = now()
    FROM q
    WHERE t.id = ANY(task_ids) AND t.id IN (SELECT k.id FROM locked k) AND t.id = q.task_id AND t.assignee = q.user_id
      AND t.status = ANY(submittable)
      AND t.lease_expires_at > now()
      AND (q.held_since IS NULL OR abs(extract(epoch FROM t.claimed_at - q.held_since)) < 0.001)
      AND (q.glossary_version IS NULL OR q.glossary_version >= (SELECT g.version FROM glossary_version g))
    RETURNING t.id, t.segment_id, t.article_id, t.target_locale, t.status, t.queue_priority, q.i, q.text, q.user_id, q.overrides),
  history AS (
    INSERT INTO translation_history (task_id, segment_id, target_locale, stage, action, text, comment, user_id, qa_overrides)
    SELECT m.id, m.segment_id, m.target_locale, 'translation', 'submitted', m.text, NULL, m.user_id, m.overrides FROM moved m)
  SELECT array_agg(m.i), array_agg(m.id), array_agg(m.user_id), array_agg(m.queue_priority), array_agg(m.article_id),
         array_agg(m.target_locale), array_agg(m.status = done_status)
  INTO moved_indexes, moved_ids, moved_users, moved_priorities, moved_articles, moved_locales, moved_done
  FROM moved m;

  IF moved_indexes IS NULL THEN
    RETURN;
  END IF;

  -- The locales this batch finished a segment of, checked in this transaction (see the top of this file).
  SELECT array_agg(c.article_id), array_agg(c.locale), array_agg(c.revision)
  INTO finished_articles, finished_locales, finished_revisions
  FROM complete_locales(
    ARRAY(SELECT moved_articles[n] FROM generate_subscripts(moved_indexes, 1) AS n WHERE moved_done[n]),
    ARRAY(SELECT moved_locales[n] FROM generate_subscripts(moved_indexes, 1) AS n WHERE moved_done[n]),
    done_status) c;

  RETURN QUERY
    SELECT moved_indexes[n], moved_ids[n], moved_users[n], moved_priorities[n],
           (SELECT finished_revisions[k] FROM generate_subscripts(finished_revisions, 1) AS k
            WHERE moved_done[n] AND finished_articles[k] = moved_articles[n] AND finished_locales[k] = moved_locales[n])
    FROM generate_subscripts(moved_indexes, 1) AS n;
END
$$;
