-- 006 extraction: data extraction from the included studies (`review extract`).
-- The form and the coding frames are files in queries/; what is stored here is
-- which studies are extracted and the values, versioned like screening
-- decisions: append-only, the latest row per (study, field) is current.

-- The studies under extraction. `key` is the id used in templates and CSVs:
-- the record id ("42") for a study in the database, "doi:<doi>" or "new-<n>"
-- for a study added from a DOI or RIS snippet before it is imported.
CREATE TABLE extraction_studies (
  id          INTEGER PRIMARY KEY,
  key         TEXT    NOT NULL UNIQUE,
  record_id   INTEGER UNIQUE REFERENCES records(id),
  origin      TEXT    NOT NULL CHECK (origin IN ('screening', 'record', 'doi', 'ris')),
  title       TEXT,
  authors     TEXT    NOT NULL DEFAULT '[]',      -- JSON array, in order
  year        INTEGER,
  journal     TEXT,
  volume      TEXT,
  issue       TEXT,
  pages       TEXT,
  doi         TEXT,
  snippet     TEXT,                               -- the DOI or RIS text a snippet study came from
  added_by    TEXT,
  added_at    TEXT    NOT NULL                    -- ISO 8601 UTC
);

-- Several reports of one study: a record (report) linked to the record that
-- stands for its study. PRISMA counts studies and reports of included studies
-- from this; an included record that is not linked is a study of its own.
CREATE TABLE study_links (
  record_id        INTEGER PRIMARY KEY REFERENCES records(id),
  study_record_id  INTEGER NOT NULL REFERENCES records(id),
  linked_by        TEXT    NOT NULL,
  linked_at        TEXT    NOT NULL,
  note             TEXT,
  CHECK (record_id <> study_record_id)
);

-- One row per `review extract import` that wrote anything.
CREATE TABLE extraction_imports (
  id              INTEGER PRIMARY KEY,
  path            TEXT    NOT NULL,
  sha256          TEXT    NOT NULL,
  form            TEXT    NOT NULL,               -- form name and version, e.g. 'wcpp-prepandemic@1'
  rows            INTEGER NOT NULL,
  values_written  INTEGER NOT NULL,
  imported_by     TEXT    NOT NULL,
  imported_at     TEXT    NOT NULL
);

-- Extracted values. Choices are stored as codes from the coding frame
-- ("F1; F4"), yes/no as 'yes'/'no', numbers as written; '' = cleared.
CREATE TABLE extraction_values (
  id            INTEGER PRIMARY KEY,
  study_id      INTEGER NOT NULL REFERENCES extraction_studies(id),
  field         TEXT    NOT NULL,
  value         TEXT    NOT NULL,
  extracted_by  TEXT    NOT NULL,
  extracted_at  TEXT    NOT NULL,
  import_id     INTEGER REFERENCES extraction_imports(id)
);
CREATE INDEX extraction_values_key ON extraction_values(study_id, field, id);

CREATE VIEW current_extraction AS
SELECT v.* FROM extraction_values v
WHERE NOT EXISTS (SELECT 1 FROM extraction_values n WHERE n.study_id = v.study_id AND n.field = v.field AND n.id > v.id);

CREATE TRIGGER extraction_values_no_update BEFORE UPDATE ON extraction_values
BEGIN SELECT RAISE(ABORT, 'extracted values are append-only: import a new version instead'); END;
CREATE TRIGGER extraction_values_no_delete BEFORE DELETE ON extraction_values
BEGIN SELECT RAISE(ABORT, 'extracted values are append-only: a value is never deleted'); END;
