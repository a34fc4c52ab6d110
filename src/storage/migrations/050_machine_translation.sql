-- Machine translation as a first draft (src/services/machine-*.ts). Machine suggestions are stored where
-- claims already read memory suggestions (task_suggestions.suggestions, entries with origin "mt"); these
-- columns say whether the provider was asked for a task yet, so a restarted job asks only for the rest.
ALTER TABLE task_suggestions
  ADD COLUMN machine_status text CHECK (machine_status IN ('stored','none','unavailable')),
  ADD COLUMN machine_provider text,
  ADD COLUMN machine_reason text,
  ADD COLUMN machine_at timestamptz;

-- The machine draft a post-editor started from is part of a segment's history, with its provider.
ALTER TABLE translation_history DROP CONSTRAINT translation_history_stage_check;
ALTER TABLE translation_history ADD CONSTRAINT translation_history_stage_check
  CHECK (stage IN ('translation','review','memory','rejection','machine'));
ALTER TABLE translation_history ADD COLUMN provider text;
CREATE INDEX translation_history_machine ON translation_history (task_id) WHERE stage = 'machine';

-- A segment published from a machine draft, only ever on an editor's explicit "publish machine drafts".
ALTER TABLE tasks DROP CONSTRAINT tasks_filled_from_check;
ALTER TABLE tasks ADD CONSTRAINT tasks_filled_from_check CHECK (filled_from IN ('memory','machine'));

-- Pre-translation: every sentence memory did not fill starts from the machine draft (post-editing).
ALTER TABLE locale_settings ADD COLUMN pre_translate boolean NOT NULL DEFAULT false;

-- An editor's "publish machine drafts" for one article and locale.
CREATE TABLE machine_publishing (
  article_id uuid NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  locale text NOT NULL,
  marked_by uuid NOT NULL REFERENCES users(id),
  marked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (article_id, locale)
);

-- How much of a published version no person has seen, so its JSON and page can say so.
ALTER TABLE published_versions
  ADD COLUMN machine_segments int NOT NULL DEFAULT 0,
  ADD COLUMN machine_providers text[] NOT NULL DEFAULT '{}';

-- Characters sent per provider, pair and day (UTC): what admins see, and what daily budgets are checked against.
CREATE TABLE mt_usage (
  day date NOT NULL,
  provider text NOT NULL,
  source_lang text NOT NULL,
  target_locale text NOT NULL,
  characters bigint NOT NULL DEFAULT 0,
  requests int NOT NULL DEFAULT 0,
  skipped int NOT NULL DEFAULT 0,
  PRIMARY KEY (day, provider, source_lang, target_locale)
);

-- Admins' changes to DRAGOMAN_MT: a pair routed to another provider, or (provider null) switched off.
CREATE TABLE mt_routes (
  source_lang text NOT NULL,
  target_locale text NOT NULL,
  provider text,
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source_lang, target_locale)
);
