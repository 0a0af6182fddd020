-- 007 provenance: what people said about each imported file, and every later
-- change to it. A file's provenance (its database, platform, search date,
-- PRISMA arm) is what a person gives on import (--database, --interface,
-- --searched, --method, --previous) or in imports/sources.csv, over what the
-- file itself says. When that changes after the import (a row added to
-- sources.csv, a file imported again with --database), the file's row and its
-- records' database follow, and the change is logged here: counts can always
-- be re-derived, and nobody's earlier statement is lost.

-- The provenance a person gave, as last applied: JSON with any of database,
-- interface, searched, method, previous. NULL for files imported before 007.
ALTER TABLE import_files ADD COLUMN given TEXT;
-- A generic CSV's column mapping as given on import (--column field=Header), JSON;
-- NULL when none. Reading the file again (to re-derive provenance) needs it.
ALTER TABLE import_files ADD COLUMN columns TEXT;

CREATE TABLE provenance_changes (
  id          INTEGER PRIMARY KEY,
  file_id     INTEGER NOT NULL REFERENCES import_files(id),
  field       TEXT    NOT NULL,   -- 'database', 'interface', 'searched_on', 'method', 'previous', or 'records.database'
  old_value   TEXT,               -- for 'records.database': how many records changed, and from what
  new_value   TEXT,
  source      TEXT    NOT NULL,   -- 'import' (command-line flags) or 'sources.csv'
  changed_at  TEXT    NOT NULL    -- ISO 8601 UTC
);
CREATE INDEX provenance_changes_file ON provenance_changes(file_id);
CREATE TRIGGER provenance_changes_no_update BEFORE UPDATE ON provenance_changes
BEGIN SELECT RAISE(ABORT, 'provenance_changes is append-only'); END;
CREATE TRIGGER provenance_changes_no_delete BEFORE DELETE ON provenance_changes
BEGIN SELECT RAISE(ABORT, 'provenance_changes is append-only'); END;
