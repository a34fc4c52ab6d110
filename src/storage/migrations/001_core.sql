-- Core workflow: users, articles and their revisions, segments, one task per segment and target locale,
-- per-locale progress counters, published versions and the event outbox.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE users (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  roles text[] NOT NULL CHECK (roles <@ ARRAY['admin','editor','translator','reviewer','publisher']::text[]),
  language_pairs jsonb NOT NULL DEFAULT '[]',
  capacity int NOT NULL DEFAULT 5 CHECK (capacity > 0),
  -- On shift: the assignment worker pushes work to available people. Pulling works either way.
  available boolean NOT NULL DEFAULT false,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE articles (
  id uuid PRIMARY KEY,
  source_lang text NOT NULL,
  target_locales text[] NOT NULL,
  priority text NOT NULL CHECK (priority IN ('breaking','high','normal','low')),
  deadline timestamptz,
  review_locales text[] NOT NULL DEFAULT '{}',
  revision int NOT NULL DEFAULT 1,
  created_by uuid NOT NULL REFERENCES users(id),
  idempotency_key text,
  idempotency_hash text,         -- the creating request, for replays of its Idempotency-Key
  request_hash text,             -- the current revision's content, so an identical PUT changes nothing
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (created_by, idempotency_key)
);

-- What the article said at each revision: headline and dateline (datelines are rendered, not translated).
CREATE TABLE article_revisions (
  article_id uuid NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  revision int NOT NULL,
  headline text NOT NULL,
  dateline text,
  dateline_date date,
  -- Inline markup of an HTML import: placeholder number -> sanitised tag, for this revision's texts.
  markup jsonb NOT NULL DEFAULT '{}',
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (article_id, revision)
);

-- A sentence of source text. It lives as long as its text is unchanged: a new revision that keeps a
-- sentence keeps its segment, and with it the segment's tasks and translations.
CREATE TABLE segments (
  id uuid PRIMARY KEY,
  article_id uuid NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  text text NOT NULL,
  first_revision int NOT NULL,
  last_revision int            -- set when a revision drops the sentence
);
CREATE INDEX segments_article ON segments (article_id);

-- Where each segment sits in each revision. Block 0 is the headline.
CREATE TABLE revision_segments (
  article_id uuid NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  revision int NOT NULL,
  position int NOT NULL,
  segment_id uuid NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
  block_index int NOT NULL,
  block_type text NOT NULL CHECK (block_type IN ('headline','paragraph','subheading','quote','caption','credit','related')),
  space_after text NOT NULL DEFAULT ' ',  -- whitespace that followed the sentence inside its block
  PRIMARY KEY (article_id, revision, position)
);
CREATE INDEX revision_segments_segment ON revision_segments (segment_id);

-- One task per segment and target locale. Its status moves only through src/domain/task-states.ts.
-- PostgreSQL holds the lease (assignee, lease_expires_at): one clock decides who may submit.
CREATE TABLE tasks (
  id uuid PRIMARY KEY,
  article_id uuid NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  segment_id uuid NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
  source_lang text NOT NULL,
  target_locale text NOT NULL,
  priority text NOT NULL,
  queue_priority int NOT NULL,
  review_required boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued','claimed','review_queued','reviewing','done','cancelled')),
  assignee uuid REFERENCES users(id),
  assigned_by text CHECK (assigned_by IN ('pull','push','editor')),
  lease_expires_at timestamptz,
  claimed_at timestamptz,
  translation text,
  translated_by uuid REFERENCES users(id),
  submitted_at timestamptz,
  reviewed_by uuid REFERENCES users(id),
  review_comment text,
  filled_from text CHECK (filled_from IN ('memory')),
  draft text,                       -- text sent after the lease was lost: kept, never silently dropped
  claim_count int NOT NULL DEFAULT 0,
  abandon_count int NOT NULL DEFAULT 0,
  flagged boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (segment_id, target_locale)
);
CREATE INDEX tasks_article_locale ON tasks (article_id, target_locale);
CREATE INDEX tasks_assignee ON tasks (assignee) WHERE status IN ('claimed','reviewing');
CREATE INDEX tasks_leases ON tasks (lease_expires_at) WHERE status IN ('claimed','reviewing');
CREATE INDEX tasks_waiting ON tasks (source_lang, target_locale, queue_priority, created_at)
  WHERE status IN ('queued','review_queued');

-- Every claim ever made: who held what, and whether a refused submit comes from a former holder.
CREATE TABLE task_claims (
  task_id uuid NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id),
  stage text NOT NULL CHECK (stage IN ('translate','review')),
  claimed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX task_claims_task ON task_claims (task_id, user_id);
CREATE INDEX task_claims_user ON task_claims (user_id, stage, claimed_at DESC);

-- Every change of a segment's translation: who, when, what, at which stage.
CREATE TABLE translation_history (
  id bigserial PRIMARY KEY,
  task_id uuid NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  segment_id uuid NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
  target_locale text NOT NULL,
  stage text NOT NULL CHECK (stage IN ('translation','review','memory','rejection')),
  action text NOT NULL,
  text text,
  comment text,
  user_id uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX translation_history_segment ON translation_history (segment_id, id);

-- Messages for task holders (a task cancelled by a revision, taken back, reassigned).
CREATE TABLE notices (
  id bigserial PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  task_id uuid REFERENCES tasks(id) ON DELETE CASCADE,
  kind text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notices_user ON notices (user_id, id);

-- One row per article, locale and revision. Progress is counted from the tasks, not kept in a counter:
-- a counter row would be locked by every submit of the article, serialising all its translators.
CREATE TABLE article_locales (
  article_id uuid NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  locale text NOT NULL,
  revision int NOT NULL,
  total int NOT NULL,
  status text NOT NULL DEFAULT 'translating' CHECK (status IN ('translating','complete','published','superseded')),
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

-- Events for publishing (webhooks, server-sent events), written in the same transaction as the change.
CREATE TABLE events (
  id bigserial PRIMARY KEY,
  type text NOT NULL,
  article_id uuid NOT NULL,
  payload jsonb NOT NULL,
  fanned_out boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_pending ON events (id) WHERE NOT fanned_out;

CREATE TABLE locale_settings (
  locale text PRIMARY KEY,
  review_by_default boolean NOT NULL DEFAULT false,
  disabled_checks text[] NOT NULL DEFAULT '{}'
);

CREATE TABLE webhooks (
  id uuid PRIMARY KEY,
  url text NOT NULL,
  events text[] NOT NULL,
  secret text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE webhook_deliveries (
  id uuid PRIMARY KEY,
  webhook_id uuid NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  event_id bigint NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','delivered','failed')),
  attempts int NOT NULL DEFAULT 0,
  last_status_code int,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (status) WHERE status = 'pending';
