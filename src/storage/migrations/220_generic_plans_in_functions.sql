-- The statements inside claim_tasks, submit_tasks and complete_locales were planned again on every call.
-- PL/pgSQL passes its variables to each statement as parameters, and PostgreSQL's plan cache then weighs a
-- plan made for the parameters' values against a generic one; for these statements it kept choosing the
-- former, so each claim and each submit paid a full planning of their largest statements (pg_stat_statements
-- with track = all and track_planning: one planning per call, planning time above execution time; measured
-- in docs/benchmarks.md, "Thu Dec 3 2026, 13:45-14:20 UTC"). A value-specific plan gains these statements
-- nothing: they find their rows by primary key from arrays of ids (jsonb_to_recordset has no row estimate a
-- value could improve, and migration 180 already made the capacity count's index usable without the
-- statuses' values). Each function now keeps one generic plan per statement in each connection, made again
-- only when PostgreSQL invalidates it (after an ANALYZE or a schema change).
ALTER FUNCTION claim_tasks(jsonb, text[], text[]) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION submit_tasks(jsonb, uuid[], text[], text[], text) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION complete_locales(uuid[], text[], text) SET plan_cache_mode = force_generic_plan;
