-- QA per locale: a severity per check (error, warning, off) on top of the older disabled_checks list, and
-- whether a translation whose blocking findings the translator overrode must go through review.
ALTER TABLE locale_settings
  ADD COLUMN check_severities jsonb NOT NULL DEFAULT '{}'::jsonb,
  ADD COLUMN review_overrides boolean NOT NULL DEFAULT false;

-- The findings a translator or reviewer confirmed as intended, with their reasons, on the history line of
-- the submit or approval that carried them: [{code, reason, params}].
ALTER TABLE translation_history ADD COLUMN qa_overrides jsonb;
CREATE INDEX translation_history_overrides ON translation_history (created_at) WHERE qa_overrides IS NOT NULL;
CREATE INDEX translation_history_task_overrides ON translation_history (task_id, id) WHERE qa_overrides IS NOT NULL;
