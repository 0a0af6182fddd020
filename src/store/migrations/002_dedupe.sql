-- 002 dedupe: duplicate groups, scored pairs, people's decisions, and an
-- append-only history. Records are never deleted: a record merged away as a
-- duplicate is marked with the primary it now lives in (records.duplicate_of,
-- kept in step with the open group memberships below; NULL = not merged away).

ALTER TABLE records ADD COLUMN duplicate_of INTEGER REFERENCES records(id);
CREATE INDEX records_duplicate_of ON records(duplicate_of) WHERE duplicate_of IS NOT NULL;

-- One row per `review dedupe` run that compared anything.
CREATE TABLE dedupe_runs (
  id           INTEGER PRIMARY KEY,
  started_at   TEXT    NOT NULL,              -- ISO 8601 UTC
  finished_at  TEXT    NOT NULL,
  mode         TEXT    NOT NULL CHECK (mode IN ('full', 'incremental')),
  options      TEXT    NOT NULL,              -- JSON: thresholds and trap policies used (the next run starts from them)
  records_in   INTEGER NOT NULL,              -- records in the library
  records_new  INTEGER NOT NULL,              -- records compared for the first time
  candidates   INTEGER NOT NULL,              -- pairs blocking met
  compared     INTEGER NOT NULL,              -- pairs fully compared
  duplicates   INTEGER NOT NULL,              -- certain duplicate pairs found
  uncertain    INTEGER NOT NULL               -- uncertain pairs found
);

-- Records already compared: an incremental run compares only the others (against everything).
CREATE TABLE dedupe_seen (
  record_id INTEGER PRIMARY KEY REFERENCES records(id),
  run_id    INTEGER NOT NULL REFERENCES dedupe_runs(id)
);

-- Duplicate groups. `merged` holds the group's merged fields (most complete
-- abstract, every identifier, every source database). A group is undone by
-- `review dedupe undo`, or absorbed when a new record links it to another.
CREATE TABLE dedupe_groups (
  id            INTEGER PRIMARY KEY,
  primary_id    INTEGER NOT NULL REFERENCES records(id),
  rule          TEXT    NOT NULL,             -- rules that joined its members, e.g. 'doi+fuzzy', 'person'
  score         REAL,                         -- weakest link: the lowest score among the pairs that joined it
  merged        TEXT    NOT NULL,             -- JSON
  status        TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'undone', 'absorbed')),
  absorbed_into INTEGER REFERENCES dedupe_groups(id),
  created_at    TEXT    NOT NULL,
  updated_at    TEXT    NOT NULL,
  run_id        INTEGER REFERENCES dedupe_runs(id)
);

-- Membership, with how and when each record joined. Rows are closed
-- (removed_at), never deleted: a record is in at most one open membership.
CREATE TABLE dedupe_members (
  id           INTEGER PRIMARY KEY,
  group_id     INTEGER NOT NULL REFERENCES dedupe_groups(id),
  record_id    INTEGER NOT NULL REFERENCES records(id),
  rule         TEXT    NOT NULL,              -- how it was matched: 'doi', 'pmid', 'fuzzy', 'person', 'trap:version'…
  score        REAL,                          -- score of the pair that joined it (1 for a person's decision)
  matched_with INTEGER REFERENCES records(id),-- the member it was matched with
  added_at     TEXT    NOT NULL,
  removed_at   TEXT,
  removed_why  TEXT                           -- 'undo', 'absorbed', 'decided different'
);
CREATE UNIQUE INDEX dedupe_members_open ON dedupe_members(record_id) WHERE removed_at IS NULL;
CREATE INDEX dedupe_members_group ON dedupe_members(group_id);

-- Pairs the comparison found duplicate or uncertain (distinct pairs are not
-- kept), with the evidence: what `review dedupe --review` shows.
CREATE TABLE dedupe_pairs (
  id        INTEGER PRIMARY KEY,
  record_a  INTEGER NOT NULL REFERENCES records(id),
  record_b  INTEGER NOT NULL REFERENCES records(id),
  outcome   TEXT    NOT NULL CHECK (outcome IN ('duplicate', 'uncertain')),
  score     REAL    NOT NULL,                 -- 0–1
  rule      TEXT    NOT NULL,
  evidence  TEXT    NOT NULL,                 -- JSON array of "+10 same title"-style lines
  run_id    INTEGER REFERENCES dedupe_runs(id),
  scored_at TEXT    NOT NULL,
  CHECK (record_a < record_b),
  UNIQUE (record_a, record_b)
);
CREATE INDEX dedupe_pairs_outcome ON dedupe_pairs(outcome);

-- People's decisions on pairs (command line or CSV). Append-only: the latest per pair counts.
CREATE TABLE dedupe_decisions (
  id         INTEGER PRIMARY KEY,
  record_a   INTEGER NOT NULL REFERENCES records(id),
  record_b   INTEGER NOT NULL REFERENCES records(id),
  decision   TEXT    NOT NULL CHECK (decision IN ('same', 'different')),
  source     TEXT    NOT NULL,                -- 'command', 'csv:<file>', 'undo:<group>'
  note       TEXT,
  decided_at TEXT    NOT NULL,
  CHECK (record_a < record_b)
);
CREATE INDEX dedupe_decisions_pair ON dedupe_decisions(record_a, record_b);

-- Everything that changed groups, in order. Append-only.
CREATE TABLE dedupe_history (
  id        INTEGER PRIMARY KEY,
  at        TEXT    NOT NULL,
  action    TEXT    NOT NULL,                 -- run, group, join, absorb, primary, undo, detach, decide, import-decisions, screening-moved, screening-conflict
  group_id  INTEGER,
  record_id INTEGER,
  run_id    INTEGER,
  detail    TEXT    NOT NULL DEFAULT '{}'     -- JSON
);
CREATE INDEX dedupe_history_group ON dedupe_history(group_id);

CREATE TRIGGER dedupe_history_no_update BEFORE UPDATE ON dedupe_history
BEGIN SELECT RAISE(ABORT, 'dedupe_history is append-only'); END;
CREATE TRIGGER dedupe_history_no_delete BEFORE DELETE ON dedupe_history
BEGIN SELECT RAISE(ABORT, 'dedupe_history is append-only'); END;
CREATE TRIGGER dedupe_decisions_no_update BEFORE UPDATE ON dedupe_decisions
BEGIN SELECT RAISE(ABORT, 'dedupe_decisions is append-only'); END;
CREATE TRIGGER dedupe_decisions_no_delete BEFORE DELETE ON dedupe_decisions
BEGIN SELECT RAISE(ABORT, 'dedupe_decisions is append-only'); END;

-- Each merged-away record, the primary it is a duplicate of, and its group.
CREATE VIEW record_duplicates AS
  SELECT m.record_id, g.primary_id AS duplicate_of, g.id AS group_id
  FROM dedupe_members m JOIN dedupe_groups g ON g.id = m.group_id
  WHERE m.removed_at IS NULL AND g.status = 'active' AND m.record_id <> g.primary_id;
