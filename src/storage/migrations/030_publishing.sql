-- Publishing: withdrawal of an article (final: a withdrawn article answers 410 for good) and the indexes the
-- public feeds and the sitemap read by.
ALTER TABLE articles
  ADD COLUMN withdrawn_at timestamptz,
  ADD COLUMN withdrawn_by uuid REFERENCES users(id),
  ADD COLUMN withdrawal_reason text;

-- Feeds: the newest versions of one locale.
CREATE INDEX published_versions_locale_time ON published_versions (locale, published_at DESC);
-- Feeds of a source language: the newest revisions (the source page shows the current one).
CREATE INDEX article_revisions_time ON article_revisions (created_at DESC);
