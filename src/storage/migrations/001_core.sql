-- Core workflow: users, articles with their segments, one task per segment and target locale,
-- per-locale progress counters and published versions.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE users (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  roles text[] NOT NULL CHECK (roles <@ ARRAY['admin','editor','translator','reviewer','publisher']::text[]),
  language_pairs jsonb NOT NULL DEFAULT '[]',
  capacity int NOT NULL DEFAULT 5 CHECK (capacity > 0),
  available boolean NOT NULL DEFAULT true,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE articles (
  id uuid PRIMARY KEY,
  source_lang text NOT NULL,
  target_locales text[] NOT NULL,
  priority text NOT NULL CHECK (priority IN ('breaking','high','normal','low')),
  deadline timestamptz,
  headline text NOT NULL,
  dateline text,
  dateline_date date,
  revision int NOT NULL DEFAULT 1,
  created_by uuid NOT NULL REFERENCES users(id),
  idempotency_key text,
  request_hash text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (created_by, idempotency_key)
);

-- Block 0 is the headline; datelines are not segmented (they are rendered per locale, not translated).
CREATE TABLE segments (
  id uuid PRIMARY KEY,
  article_id uuid NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  revision int NOT NULL,
  block_index int NOT NULL,
  block_type text NOT NULL CHECK (block_type IN ('headline','paragraph','subheading','quote','caption','credit','related')),
  position int NOT NULL,           -- order of the segment in the whole article
  text text NOT NULL,
  space_after text NOT NULL DEFAULT ' ', -- whitespace that followed the sentence inside its block
  UNIQUE (article_id, revision, position)
);

CREATE TABLE tasks (
  id uuid PRIMARY KEY,
  article_id uuid NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  segment_id uuid NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
  source_lang text NOT NULL,
  target_locale text NOT NULL,
  priority text NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','claimed','done','cancelled')),
  assignee uuid REFERENCES users(id),
  lease_token text,
  lease_expires_at timestamptz,
  claimed_at timestamptz,
  translation text,
  translated_by uuid REFERENCES users(id),
  submitted_at timestamptz,
  draft text,                       -- text sent after the lease was lost: kept, never silently dropped
  claim_count int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (segment_id, target_locale)
);
CREATE INDEX tasks_article_locale ON tasks (article_id, target_locale);
CREATE INDEX tasks_assignee ON tasks (assignee) WHERE status = 'claimed';
CREATE INDEX tasks_open ON tasks (status) WHERE status IN ('queued','claimed');

-- One row per article, locale and revision: the counter the last submit increments to total, which is
-- how exactly one transaction learns that the locale is complete.
CREATE TABLE article_locales (
  article_id uuid NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  locale text NOT NULL,
  revision int NOT NULL,
  total int NOT NULL,
  done int NOT NULL DEFAULT 0 CHECK (done <= total),
  status text NOT NULL DEFAULT 'translating' CHECK (status IN ('translating','complete','published')),
  completed_at timestamptz,
  PRIMARY KEY (article_id, locale, revision)
);
CREATE INDEX article_locales_unpublished ON article_locales (status) WHERE status = 'complete';

CREATE TABLE published_versions (
  article_id uuid NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  locale text NOT NULL,
  revision int NOT NULL,
  headline text NOT NULL,
  dateline text,
  blocks jsonb NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (article_id, locale, revision)
);

-- Events for publishing (webhooks, server-sent events): written in the same transaction as the change.
CREATE TABLE events (
  id bigserial PRIMARY KEY,
  type text NOT NULL,
  article_id uuid NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Every claim ever made: who held what, how often a task was abandoned, and whether a refused submit
-- comes from a former holder (lease lost) or from someone who never held the task.
CREATE TABLE task_claims (
  task_id uuid NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id),
  claimed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX task_claims_task ON task_claims (task_id, user_id);
