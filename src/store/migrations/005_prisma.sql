-- 005 prisma: the only PRISMA numbers typed by hand, each an explicit, dated,
-- attributed entry. Every other box of the flow diagram is derived by SQL
-- over the other tables (src/prisma/derive.ts).
--
-- box 'excluded_other' / 'excluded_automatic': records removed before import
--   (e.g. the interface's own de-duplication or a language limit applied
--   before exporting). They never reached the database, so the entry adds n
--   to the identification count of its `database` (databases and registers
--   arm) as well as to the removal box: the arithmetic still adds up.
-- box 'previous_studies' / 'previous_reports': the previous version of the
--   review, for the updated-review diagram, when its included studies are
--   not in this database.
--
-- Entries are never deleted: a mistaken one is withdrawn (who, when, why) and
-- a corrected one added.
CREATE TABLE prisma_manual_entries (
  id               INTEGER PRIMARY KEY,
  box              TEXT    NOT NULL
                   CHECK (box IN ('excluded_other', 'excluded_automatic', 'previous_studies', 'previous_reports')),
  n                INTEGER NOT NULL CHECK (n >= 0),
  database         TEXT,                      -- source the removed records came from (removal boxes only)
  method           TEXT    CHECK (method IN ('database', 'register')),
  reason           TEXT    NOT NULL,          -- why, in words: what was removed and how the number is known
  entered_by       TEXT    NOT NULL,
  occurred_on      TEXT    NOT NULL,          -- YYYY-MM-DD: when the removal happened / the count was established
  recorded_at      TEXT    NOT NULL,          -- ISO 8601 UTC, when the entry was made
  withdrawn_at     TEXT,
  withdrawn_by     TEXT,
  withdrawn_reason TEXT,
  CHECK ((box IN ('excluded_other', 'excluded_automatic')) = (database IS NOT NULL AND method IS NOT NULL)),
  CHECK ((withdrawn_at IS NULL) = (withdrawn_by IS NULL))
);
