-- The word index of translation memory without a pending list. With GIN's fast update, new entries wait in
-- an unsorted list that every index scan reads in full, and a fuzzy lookup runs one scan per combination of
-- long words (ten for a long sentence): with a few thousand pending entries that was most of its time, and
-- the list's pages also priced the index above a sequential scan, so the planner chose one, testing every
-- row against every combination. Entries now go straight into the index; an insert costs a little more,
-- and each is looked up many times. The list already there is merged now instead of at the next vacuum.
-- The change locks the index (and so every memory lookup and insert) until the migration commits: give up
-- after a few seconds rather than queue behind a long lookup or import; the next start tries again.
SET LOCAL lock_timeout = '5s';
ALTER INDEX translation_memory_words SET (fastupdate = off);
SELECT gin_clean_pending_list('translation_memory_words'::regclass);
