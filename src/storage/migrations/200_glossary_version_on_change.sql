-- The glossary version moves only when a statement really changed terms. A statement that matched nothing
-- (deleting a term that is not there, an edit of a missing id) used to bump it all the same, so a request
-- refused with 404 still changed stored state and sent every API process to reload the pair's terms.
--
-- The lock order of 190 stays: BEFORE each statement the writer locks the version row (without changing
-- it), so an import writing in several statements and a single edit still take their locks in the same
-- order. AFTER the statement, the version is bumped if the statement's transition table holds a row.
-- PostgreSQL allows a transition table only on a trigger for one event, hence one trigger per event.
DROP TRIGGER glossary_terms_version ON glossary_terms;

CREATE FUNCTION lock_glossary_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM glossary_version FOR UPDATE;
  RETURN NULL;
END
$$;

CREATE FUNCTION bump_glossary_version_if_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM changed_terms) THEN
    UPDATE glossary_version SET version = version + 1;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER glossary_terms_version_lock BEFORE INSERT OR UPDATE OR DELETE ON glossary_terms
  FOR EACH STATEMENT EXECUTE FUNCTION lock_glossary_version();
CREATE TRIGGER glossary_terms_version_insert AFTER INSERT ON glossary_terms
  REFERENCING NEW TABLE AS changed_terms FOR EACH STATEMENT EXECUTE FUNCTION bump_glossary_version_if_changed();
CREATE TRIGGER glossary_terms_version_update AFTER UPDATE ON glossary_terms
  REFERENCING NEW TABLE AS changed_terms FOR EACH STATEMENT EXECUTE FUNCTION bump_glossary_version_if_changed();
CREATE TRIGGER glossary_terms_version_delete AFTER DELETE ON glossary_terms
  REFERENCING OLD TABLE AS changed_terms FOR EACH STATEMENT EXECUTE FUNCTION bump_glossary_version_if_changed();
-- A TRUNCATE has no transition table; it always counts as a change.
CREATE TRIGGER glossary_terms_version_truncate BEFORE TRUNCATE ON glossary_terms
  FOR EACH STATEMENT EXECUTE FUNCTION bump_glossary_version();
