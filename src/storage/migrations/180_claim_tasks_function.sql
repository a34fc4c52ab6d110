-- The claim batch in one PostgreSQL round trip (issue 16). claims-repo.ts used to run BEGIN, the claim
-- statement, the lock on the pullers' rows, their capacity count and COMMIT: five round trips for every
-- batch. This function runs the same statements, with the same conditions and locks, inside the one
-- statement that calls it, so a batch of claims costs a single round trip and a single commit.
--
-- Parameters:
--   requests       one object per claim: i (its index in the batch), task_id, user_id, waiting and held
--                  (the statuses the claim's stage takes the task from and to), lease (seconds), via
--                  ('pull' or 'editor'), stage ('translate' or 'review');
--   claimable      the statuses a claim of either stage may move a task from;
--   held_statuses  the statuses in which someone holds a task under a lease (what capacity counts).
-- Every status comes from the domain's transition table (src/storage/task-status-sql.ts's leavableBy and
-- heldStatuses): the function spells none, so the table and this SQL cannot drift apart, and
-- tests/unit/task-status-sql.test.ts reads this body to check it.
--
-- Answers one row per claim that took effect: its index in the batch and the task row as claimed. A claim
-- whose task is no longer waiting at its stage, is locked by someone else's transaction (skipped, not
-- waited for), or is a reviewer's own translation has no row. When a pull would take its person past
-- their capacity, the function raises SQLSTATE 'DGCAP' and, being one statement, changes nothing: the
-- caller then runs the batch again one claim at a time, so only the claim that went over is refused.
CREATE FUNCTION claim_tasks(requests jsonb, claimable text[], held_statuses text[])
RETURNS TABLE (claim_index int, claimed tasks)
-- A batch holds at most 64 claims (coalesce.ts) and most are a handful. Without an estimate the planner
-- assumes 1000 rows and joins the claimed rows to segments and articles by scanning them whole; even at 8
-- it still hashed them against a seq scan of task_suggestions. At 1 every join is an index lookup per
-- claimed row, which is right for any batch size the coalescer forms.
ROWS 1
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  ids uuid[];
  claimed_rows tasks[];
  claimed_indexes int[];
  pullers uuid[];
  over_capacity int;
BEGIN
  -- The id list lets every statement below fetch rows by primary key instead of scanning tasks.
  SELECT array_agg(r.task_id) INTO ids FROM jsonb_to_recordset(requests) AS r(task_id uuid);

  WITH q AS (
    SELECT * FROM jsonb_to_recordset(requests)
      AS q(i int, task_id uuid, user_id uuid, held text, waiting text, lease float8, via text, stage text)),
  -- Rows still claimable are locked in id order (the lock the UPDATE takes anyway, which foreign-key checks
  -- do not conflict with), and a row someone else is changing (an editor's revision) is skipped, not waited
  -- for: the batch never stalls behind one task, and that claim finds it taken.
  locked AS MATERIALIZED (
    SELECT l.id FROM tasks l WHERE l.id = ANY(ids) AND l.status = ANY(claimable)
    ORDER BY l.id FOR NO KEY UPDATE SKIP LOCKED),
  took AS (
    UPDATE tasks t SET status = q.held, assignee = q.user_id, assigned_by = q.via, claimed_at = now(), updated_at = now(),
           lease_expires_at = now() + make_interval(secs => q.lease), claim_count = t.claim_count + 1
    FROM q
    -- A reviewer never reviews their own translation.
    WHERE t.id = ANY(ids) AND t.id IN (SELECT l.id FROM locked l) AND t.id = q.task_id AND t.status = q.waiting
      AND (q.stage <> 'review' OR t.translated_by IS DISTINCT FROM q.user_id)
    RETURNING t AS task_row, q.i AS request_index, q.via AS request_via, q.stage AS request_stage),
  history AS (
    INSERT INTO task_claims (task_id, user_id, stage)
    SELECT (k.task_row).id, (k.task_row).assignee, k.request_stage FROM took k)
  SELECT array_agg(k.task_row ORDER BY k.request_index), array_agg(k.request_index ORDER BY k.request_index),
         array_agg(DISTINCT (k.task_row).assignee) FILTER (WHERE k.request_via = 'pull')
  INTO claimed_rows, claimed_indexes, pullers
  FROM took k;

  -- Capacity holds across API processes: the rows of the people who pulled are locked (in id order, so two
  -- batches never deadlock on them), then their live holds are counted by the next statement. In READ
  -- COMMITTED each statement of a volatile function takes a fresh snapshot, and this one is taken after the
  -- locks were granted: it includes every claim committed by a transaction that held a lock before. A
  -- count inside the locking statement would not (its snapshot predates the wait). The lock comes after
  -- the claim statement so that claims of different people never wait on it.
  IF pullers IS NOT NULL THEN
    PERFORM 1 FROM users p WHERE p.id = ANY(pullers) ORDER BY p.id FOR NO KEY UPDATE;
    SELECT count(*) INTO over_capacity FROM users u
    WHERE u.id = ANY(pullers)
      AND (SELECT count(*) FROM tasks h WHERE h.assignee = u.id AND h.status = ANY(held_statuses)
             AND h.lease_expires_at > now()) > u.capacity;
    IF over_capacity > 0 THEN
      RAISE EXCEPTION 'a pull would take its person over capacity' USING ERRCODE = 'DGCAP';
    END IF;
  END IF;

  RETURN QUERY SELECT claimed_indexes[n], claimed_rows[n] FROM generate_subscripts(claimed_indexes, 1) AS n;
END
$$;

-- The capacity count above names the held statuses through a parameter, and the plan PostgreSQL caches for
-- a function's statement does not know a parameter's value: it cannot prove the old index's condition
-- (status IN the held statuses) and would count by scanning tasks. A task has an assignee exactly while it
-- is held (every statement that moves a task out of a held status clears it), so the same rows are indexed
-- under a condition that `assignee = <someone>` implies whatever the statuses are.
DROP INDEX tasks_assignee;
CREATE INDEX tasks_assignee ON tasks (assignee) WHERE assignee IS NOT NULL;
