-- The browser workbench: sessions, the interface language, segment comments, notices that say what
-- happened, and indexes for the editors' article list.

-- A signed-in browser. The cookie carries a random value; only its SHA-256 is stored. Expiry slides with
-- use (expires_at) but never past max_expires_at. Rows stay after expiry or sign-out (revoked_at) so a late
-- request can be told its session ended; they are deleted a day later.
CREATE TABLE sessions (
  id_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  max_expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- The interface language a person chose (null: follow the browser).
ALTER TABLE users ADD COLUMN interface_language text CHECK (interface_language IN ('en','ru','ar'));

CREATE TABLE segment_comments (
  id bigserial PRIMARY KEY,
  segment_id uuid NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
  article_id uuid NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  locale text,
  author_id uuid NOT NULL REFERENCES users(id),
  text text NOT NULL,
  mentions uuid[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX segment_comments_segment ON segment_comments (segment_id, id);
CREATE INDEX segment_comments_article ON segment_comments (article_id);

-- Notices say what happened to what: the article and segment, and details such as a reviewer's comment.
ALTER TABLE notices ADD COLUMN article_id uuid REFERENCES articles(id) ON DELETE CASCADE;
ALTER TABLE notices ADD COLUMN segment_id uuid REFERENCES segments(id) ON DELETE CASCADE;
ALTER TABLE notices ADD COLUMN detail jsonb;

-- The article list: newest first by keyset, and headline search.
CREATE INDEX articles_newest ON articles (created_at DESC, id DESC);
CREATE INDEX article_revisions_headline_trgm ON article_revisions USING gin (headline gin_trgm_ops);
