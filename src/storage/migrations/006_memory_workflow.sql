-- Ties the workflow to translation memory: which finished tasks have entered it, how much help a task's
-- claim offered (for leverage), and whether a locale wants memory matches reviewed.
ALTER TABLE tasks ADD COLUMN memorized boolean NOT NULL DEFAULT false;
ALTER TABLE tasks ADD COLUMN best_match int CHECK (best_match BETWEEN 0 AND 100);
CREATE INDEX tasks_to_memorize ON tasks (updated_at) WHERE status = 'done' AND NOT memorized;
ALTER TABLE locale_settings ADD COLUMN review_memory_matches boolean NOT NULL DEFAULT false;

-- Fuzzy candidates by shared words: the trigram index alone reads the posting list of every trigram of a
-- sentence, which took seconds at a million entries. Rows sharing a few of a sentence's longest words are
-- few. The language pair rides along as one more element ('@ru>en', never a word), so a single GIN
-- condition selects pair and words together and the planner cannot prefer a scan of the whole pair.
ALTER TABLE translation_memory
  ADD COLUMN words text[] GENERATED ALWAYS AS (
    regexp_split_to_array(lower(source), '[^[:alnum:]]+') || ('@' || source_lang || '>' || target_locale)
  ) STORED;
CREATE INDEX translation_memory_words ON translation_memory USING gin (words);
