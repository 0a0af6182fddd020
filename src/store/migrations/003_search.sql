-- 003 search: the documented search strings evaluated offline against the
-- imported records (`review query run`, `review run`): one run per query
-- file, its blocks with their hit counts, and a result for every record
-- evaluated — which blocks retrieve it, and whether the combination does.

-- One evaluation of one query file. A file is re-evaluated only when its text,
-- the fields searched or the records change; the previous run is replaced.
CREATE TABLE search_runs (
  id               INTEGER PRIMARY KEY,
  query_file       TEXT    NOT NULL,          -- as given; relative to the workspace when inside it
  query_sha256     TEXT    NOT NULL,          -- of the text evaluated (with a borrowed combination)
  dialect          TEXT    NOT NULL,          -- 'ebsco', 'ovid', 'scopus', 'wos', 'pubmed'
  fields           TEXT    NOT NULL,          -- JSON array of record fields searched by default, e.g. ["title","abstract","keywords"]
  combination      TEXT,                      -- the combination evaluated, e.g. 'A + (B neu C) + D'
  combination_from TEXT,                      -- the file it was read from (a file without one borrows a sibling's)
  records          INTEGER NOT NULL,          -- records evaluated
  max_record_id    INTEGER,                   -- highest record id evaluated (with `records`, detects new imports)
  seconds          REAL    NOT NULL,
  evaluated_at     TEXT    NOT NULL           -- ISO 8601 UTC
);
CREATE INDEX search_runs_file ON search_runs(query_file);

-- The blocks of a run (and its combination, block = 'combination') with their hit counts.
CREATE TABLE search_blocks (
  run_id  INTEGER NOT NULL REFERENCES search_runs(id) ON DELETE CASCADE,
  block   TEXT    NOT NULL,                   -- 'A'…'G', a strategy line label, or 'combination'
  title   TEXT,
  query   TEXT    NOT NULL,                   -- the block's search string as read (PDF lines joined)
  hits    INTEGER NOT NULL,
  PRIMARY KEY (run_id, block)
);

-- One row per record evaluated by a run: the blocks that retrieve it and
-- whether the combination does. Records with retrieved = 0 are what the
-- documented search misses. (One row per record keeps a 100k-record run to
-- 100k rows; the view below gives one row per record and block.)
CREATE TABLE search_results (
  run_id    INTEGER NOT NULL REFERENCES search_runs(id) ON DELETE CASCADE,
  record_id INTEGER NOT NULL REFERENCES records(id),
  blocks    TEXT    NOT NULL,                 -- JSON array of block labels, e.g. ["A","C","D"]
  retrieved INTEGER CHECK (retrieved IN (0, 1)), -- 1 when the combination (or a strategy's final line) retrieves it; NULL without one
  PRIMARY KEY (run_id, record_id)
) WITHOUT ROWID;

-- Counts per source database, kept with the run (they are SQL over
-- search_results too, but that query is slow at 100k records).
CREATE TABLE search_database_counts (
  run_id   INTEGER NOT NULL REFERENCES search_runs(id) ON DELETE CASCADE,
  database TEXT    NOT NULL,                  -- the record's database, else its file's (as `review status` counts them)
  records  INTEGER NOT NULL,                  -- records of this database evaluated
  hits     TEXT    NOT NULL,                  -- JSON object: block (and 'combination') → records it retrieves
  PRIMARY KEY (run_id, database)
);

-- Per record and block: one row for every block (and 'combination') that retrieves a record.
CREATE VIEW search_hits AS
  SELECT r.run_id, j.value AS block, r.record_id FROM search_results r, json_each(r.blocks) j
  UNION ALL
  SELECT run_id, 'combination', record_id FROM search_results WHERE retrieved = 1;
