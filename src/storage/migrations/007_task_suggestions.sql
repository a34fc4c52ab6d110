-- Translation memory suggestions looked up when an article arrives (by the workers), so a claim reads them
-- instead of searching the memory while the translator waits.
CREATE TABLE task_suggestions (
  task_id uuid PRIMARY KEY REFERENCES tasks(id) ON DELETE CASCADE,
  suggestions jsonb NOT NULL,
  computed_at timestamptz NOT NULL DEFAULT now()
);
