-- Publishing embargo: the source version is public once a translation of the article is finished or an
-- editor publishes the source explicitly. This is when the editor did; null while the editor has not.
-- Articles submitted before follow the same rule (their finished translations already lift it).
ALTER TABLE articles ADD COLUMN source_published_at timestamptz;
