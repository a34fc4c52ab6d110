-- Translation memory and glossary, per language pair (source language, target locale).

-- One row per source sentence in its context (previous and next source sentence, null at the edges).
-- Texts are stored whitespace-normalised (see src/domain/memory/text.ts); the hashes are generated so
-- every writer and reader agrees on them, and the unique index doubles as the exact-match index.
CREATE TABLE translation_memory (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  source_lang text NOT NULL,
  target_locale text NOT NULL,
  source text NOT NULL CHECK (source <> ''),
  target text NOT NULL,
  prev_source text,
  next_source text,
  source_hash uuid GENERATED ALWAYS AS (md5(source)::uuid) STORED,
  prev_hash uuid GENERATED ALWAYS AS (coalesce(md5(prev_source)::uuid, '00000000-0000-0000-0000-000000000000')) STORED,
  next_hash uuid GENERATED ALWAYS AS (coalesce(md5(next_source)::uuid, '00000000-0000-0000-0000-000000000000')) STORED,
  -- Origin: no foreign keys, entries outlive articles and imported TMX names articles of other systems.
  article_id uuid,
  revision int,
  translator_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- In-context key (upsert target) and, by its prefix, the exact-match lookup.
CREATE UNIQUE INDEX translation_memory_context
  ON translation_memory (source_lang, target_locale, source_hash, prev_hash, next_hash);
-- Fuzzy matches (% operator) and concordance search (ILIKE) in the source; concordance in the target.
CREATE INDEX translation_memory_source_trgm ON translation_memory USING gin (source gin_trgm_ops);
CREATE INDEX translation_memory_target_trgm ON translation_memory USING gin (target gin_trgm_ops);

-- Glossary terms. term_key is the lower-cased, ё-folded, whitespace-normalised term (one term per pair);
-- stems are the per-word stems of src/domain/glossary/stemmer.ts, first_stem the indexed lookup key.
CREATE TABLE glossary_terms (
  id uuid PRIMARY KEY,
  source_lang text NOT NULL,
  target_locale text NOT NULL,
  term text NOT NULL CHECK (term <> ''),
  translation text NOT NULL,
  notes text,
  case_sensitive boolean NOT NULL DEFAULT false,
  forbidden text[] NOT NULL DEFAULT '{}',
  term_key text NOT NULL,
  first_stem text NOT NULL,
  stems text[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source_lang, target_locale, term_key)
);
CREATE INDEX glossary_terms_first_stem ON glossary_terms (source_lang, target_locale, first_stem);
