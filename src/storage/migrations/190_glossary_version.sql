-- One counter for the whole glossary, bumped by every statement that writes glossary_terms (add, edit,
-- delete, CSV/TBX import, stem recomputation), in the writing transaction itself. The claim statement and
-- the submit's task read return it beside the task, so an API process knows, at no extra round trip,
-- whether the terms it keeps in memory (src/services/glossary-cache.ts) are still current. Writers queue
-- on this one row, so versions follow commit order; glossary writes are rare, reads never wait on it.
CREATE TABLE glossary_version (
  one boolean PRIMARY KEY DEFAULT true CHECK (one),
  version bigint NOT NULL
);
INSERT INTO glossary_version (one, version) VALUES (true, 1);

CREATE FUNCTION bump_glossary_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE glossary_version SET version = version + 1;
  RETURN NULL;
END
$$;

-- BEFORE each statement: every writer locks the version row before any term row, so an import writing in
-- several statements and a single edit always take their locks in the same order and cannot deadlock.
CREATE TRIGGER glossary_terms_version BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON glossary_terms
  FOR EACH STATEMENT EXECUTE FUNCTION bump_glossary_version();
