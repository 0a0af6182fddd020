-- 001 ingest: imported files and their records, with full provenance.

-- One row per imported export file. The SHA-256 makes re-importing the same
-- bytes a no-op, whatever the file is called.
CREATE TABLE import_files (
  id            INTEGER PRIMARY KEY,
  path          TEXT    NOT NULL,             -- as given; relative to the workspace when inside it
  sha256        TEXT    NOT NULL UNIQUE,
  bytes         INTEGER NOT NULL,
  format        TEXT    NOT NULL,             -- reader used, e.g. 'ris', 'scopus-csv'
  encoding      TEXT    NOT NULL,             -- 'utf-8', 'utf-16le', 'windows-1252', …
  database      TEXT,                         -- database named by the user, the file header or its records
  interface     TEXT,                         -- platform searched through, e.g. 'EBSCOhost', 'Ovid'
  searched_on   TEXT,                         -- search date, YYYY-MM-DD
  method        TEXT    NOT NULL DEFAULT 'database'
                CHECK (method IN ('database', 'register', 'website', 'organisation', 'citation')),
  previous      INTEGER NOT NULL DEFAULT 0,   -- 1 = records of a previous version of the review
  record_count  INTEGER NOT NULL,
  imported_at   TEXT    NOT NULL              -- ISO 8601 UTC
);

-- One row per record read from a file, mapped into the record model. `raw`
-- keeps the record's text exactly as exported, so nothing is lost.
CREATE TABLE records (
  id          INTEGER PRIMARY KEY,
  file_id     INTEGER NOT NULL REFERENCES import_files(id),
  ordinal     INTEGER NOT NULL,               -- 1-based position of the record in its file
  line        INTEGER NOT NULL,               -- 1-based line where the record starts (0 if not line-based)
  source_key  TEXT,                           -- the record's own ID in its file (AN, ID, EID, PMID, UT…)
  database    TEXT,                           -- database named by the record, else by its file
  type        TEXT,
  title       TEXT,
  abstract    TEXT,
  authors     TEXT    NOT NULL DEFAULT '[]',  -- JSON array of strings, in order
  year        INTEGER,
  date        TEXT,
  journal     TEXT,
  volume      TEXT,
  issue       TEXT,
  pages       TEXT,
  doi         TEXT,                           -- lower case, no URL prefix
  pmid        TEXT,
  issn        TEXT    NOT NULL DEFAULT '[]',  -- JSON array
  isbn        TEXT    NOT NULL DEFAULT '[]',  -- JSON array
  keywords    TEXT    NOT NULL DEFAULT '[]',  -- JSON array
  language    TEXT,
  url         TEXT,
  extra       TEXT    NOT NULL DEFAULT '{}',  -- JSON object: unmapped tag/column → array of values
  raw         TEXT    NOT NULL,
  UNIQUE (file_id, ordinal)
);
CREATE INDEX records_doi ON records(doi) WHERE doi IS NOT NULL;
CREATE INDEX records_pmid ON records(pmid) WHERE pmid IS NOT NULL;

-- Problems the reader tolerated in a file (errors roll the file back, so only warnings are kept).
CREATE TABLE import_diagnostics (
  file_id   INTEGER NOT NULL REFERENCES import_files(id),
  severity  TEXT    NOT NULL CHECK (severity IN ('error', 'warning')),
  code      TEXT    NOT NULL,
  line      INTEGER,
  record    INTEGER,                          -- ordinal of the record concerned
  message   TEXT    NOT NULL
);
CREATE INDEX import_diagnostics_file ON import_diagnostics(file_id);

-- Record-level warnings, e.g. no title, or neither DOI nor PMID (listed by `review records --warnings`).
CREATE TABLE record_warnings (
  record_id INTEGER NOT NULL REFERENCES records(id),
  code      TEXT    NOT NULL,
  message   TEXT    NOT NULL
);
CREATE INDEX record_warnings_record ON record_warnings(record_id);
