-- 004 screening: eligibility criteria checks, named reviewers, two-reviewer
-- blinded decisions, resolutions of conflicts, full-text retrieval.
--
-- Human judgements are APPEND-ONLY: decisions, resolutions, overrides of the
-- automatic criteria check, full-text retrieval and blinding events are never
-- updated or deleted (triggers below refuse it). Changing a decision adds a
-- row; the current decision for (record, reviewer, stage) is the latest row by
-- (decided_at, id), and the earlier rows are its history (old -> new).

-- The people who screen. Names are unique whatever their case; a lead may lift blinding.
CREATE TABLE reviewers (
  id        INTEGER PRIMARY KEY,
  name      TEXT    NOT NULL UNIQUE COLLATE NOCASE,
  lead      INTEGER NOT NULL DEFAULT 0 CHECK (lead IN (0, 1)),
  added_at  TEXT    NOT NULL                         -- ISO 8601 UTC
);

-- One row per decision a reviewer made (or changed) on a record at a stage.
CREATE TABLE decisions (
  id           INTEGER PRIMARY KEY,
  record_id    INTEGER NOT NULL REFERENCES records(id),
  reviewer_id  INTEGER NOT NULL REFERENCES reviewers(id),
  stage        TEXT    NOT NULL CHECK (stage IN ('title-abstract', 'full-text')),
  decision     TEXT    NOT NULL CHECK (decision IN ('include', 'exclude', 'unsure', 'withdrawn')),
  reason       TEXT,                                 -- criterion code, e.g. EX-SETTING (required for full-text exclusions)
  note         TEXT,
  decided_at   TEXT    NOT NULL,                     -- when the reviewer decided (kept from the source on import)
  recorded_at  TEXT    NOT NULL,                     -- when this row was written
  source       TEXT    NOT NULL,                     -- 'screen', 'decide', 'import:<file>', 'moved', 'split'
  moved_from   INTEGER REFERENCES records(id)        -- set when copied from a record merged away as a duplicate
);
CREATE INDEX decisions_key ON decisions(record_id, stage, reviewer_id, decided_at, id);
CREATE INDEX decisions_reviewer ON decisions(reviewer_id, stage);

-- The current decision of each reviewer on each record and stage (withdrawn = none).
CREATE VIEW current_decisions AS
SELECT d.* FROM decisions d
WHERE d.decision <> 'withdrawn'
  AND NOT EXISTS (
    SELECT 1 FROM decisions n
    WHERE n.record_id = d.record_id AND n.stage = d.stage AND n.reviewer_id = d.reviewer_id
      AND (n.decided_at > d.decided_at OR (n.decided_at = d.decided_at AND n.id > d.id)));

-- How a disagreement (or an unsure) was settled: consensus, a third reviewer, or the lead.
CREATE TABLE resolutions (
  id           INTEGER PRIMARY KEY,
  record_id    INTEGER NOT NULL REFERENCES records(id),
  stage        TEXT    NOT NULL CHECK (stage IN ('title-abstract', 'full-text')),
  decision     TEXT    NOT NULL CHECK (decision IN ('include', 'exclude', 'withdrawn')),
  reason       TEXT,                                 -- criterion code
  note         TEXT,                                 -- why
  method       TEXT    NOT NULL CHECK (method IN ('consensus', 'third-reviewer', 'lead')),
  resolved_by  INTEGER NOT NULL REFERENCES reviewers(id),
  resolved_at  TEXT    NOT NULL,
  recorded_at  TEXT    NOT NULL,
  source       TEXT    NOT NULL,
  moved_from   INTEGER REFERENCES records(id)
);
CREATE INDEX resolutions_key ON resolutions(record_id, stage, resolved_at, id);

CREATE VIEW current_resolutions AS
SELECT r.* FROM resolutions r
WHERE r.decision <> 'withdrawn'
  AND NOT EXISTS (
    SELECT 1 FROM resolutions n
    WHERE n.record_id = r.record_id AND n.stage = r.stage
      AND (n.resolved_at > r.resolved_at OR (n.resolved_at = r.resolved_at AND n.id > r.id)));

-- Each run of `review criteria check` that changed something: which criteria file, what it did.
CREATE TABLE criteria_checks (
  id               INTEGER PRIMARY KEY,
  checked_at       TEXT    NOT NULL,
  criteria_file    TEXT    NOT NULL,
  criteria_sha256  TEXT    NOT NULL,
  rules            TEXT    NOT NULL,                 -- JSON: the machine rules applied
  records_checked  INTEGER NOT NULL,
  excluded         INTEGER NOT NULL
);

-- Records marked ineligible by the automatic check (PRISMA: "marked as ineligible by
-- automation tools"). Machine output, recomputed by each check; human overrides are below.
CREATE TABLE auto_exclusions (
  record_id  INTEGER PRIMARY KEY REFERENCES records(id),
  check_id   INTEGER NOT NULL REFERENCES criteria_checks(id),
  rule       TEXT    NOT NULL CHECK (rule IN ('year', 'language', 'type')),
  code       TEXT    NOT NULL,                       -- criterion code, e.g. EX-DATE
  detail     TEXT    NOT NULL                        -- e.g. 'year 2009 is before 2013'
);

-- A reviewer sends an automatically excluded record back to people (permanent).
CREATE TABLE auto_overrides (
  id             INTEGER PRIMARY KEY,
  record_id      INTEGER NOT NULL REFERENCES records(id),
  reviewer_id    INTEGER NOT NULL REFERENCES reviewers(id),
  note           TEXT,
  overridden_at  TEXT    NOT NULL,
  source         TEXT    NOT NULL
);
CREATE INDEX auto_overrides_record ON auto_overrides(record_id);

-- Full-text retrieval, per record; the latest row is the current state.
CREATE TABLE fulltext (
  id           INTEGER PRIMARY KEY,
  record_id    INTEGER NOT NULL REFERENCES records(id),
  status       TEXT    NOT NULL CHECK (status IN ('retrieved', 'not-retrieved')),
  location     TEXT,                                 -- path or URL of the full text
  reason       TEXT,                                 -- why it could not be retrieved
  reviewer_id  INTEGER REFERENCES reviewers(id),
  recorded_at  TEXT    NOT NULL,
  source       TEXT    NOT NULL
);
CREATE INDEX fulltext_record ON fulltext(record_id, recorded_at, id);

-- The lead lifts (or restores) blinding for a stage; the latest event is in force.
CREATE TABLE blinding_events (
  id           INTEGER PRIMARY KEY,
  stage        TEXT    NOT NULL CHECK (stage IN ('title-abstract', 'full-text')),
  action       TEXT    NOT NULL CHECK (action IN ('lift', 'restore')),
  reviewer_id  INTEGER NOT NULL REFERENCES reviewers(id),
  at           TEXT    NOT NULL,
  note         TEXT
);

-- De-duplication merged a record that had decisions: they moved to the primary record.
CREATE TABLE decision_moves (
  id           INTEGER PRIMARY KEY,
  from_record  INTEGER NOT NULL REFERENCES records(id),
  to_record    INTEGER NOT NULL REFERENCES records(id),
  moved_at     TEXT    NOT NULL,
  moved        INTEGER NOT NULL,                     -- decision/resolution rows copied
  conflicts    INTEGER NOT NULL,                     -- rows not copied because they disagreed
  undone_at    TEXT                                  -- set when the merge was undone (restoreAfterSplit)
);

-- A reviewer (or a resolution) said one thing on the primary and another on its
-- duplicate: surfaced by `review conflicts` until that reviewer decides again or it is resolved.
CREATE TABLE merge_conflicts (
  id           INTEGER PRIMARY KEY,
  move_id      INTEGER NOT NULL REFERENCES decision_moves(id),
  record_id    INTEGER NOT NULL REFERENCES records(id),   -- the primary
  stage        TEXT    NOT NULL CHECK (stage IN ('title-abstract', 'full-text')),
  reviewer_id  INTEGER REFERENCES reviewers(id),          -- NULL: the two resolutions disagreed
  kept         TEXT    NOT NULL,                          -- the primary's decision
  other        TEXT    NOT NULL,                          -- the duplicate's decision
  created_at   TEXT    NOT NULL,
  -- Highest decision and resolution ids when it was raised: a later current decision by
  -- that reviewer, or a later resolution, settles it (ids only grow: nothing is deleted).
  decisions_before    INTEGER NOT NULL,
  resolutions_before  INTEGER NOT NULL
);
CREATE INDEX merge_conflicts_record ON merge_conflicts(record_id, stage);

-- Interactive `review screen` sessions: order and seed (so a session resumes in the same order).
CREATE TABLE screening_sessions (
  id           INTEGER PRIMARY KEY,
  reviewer_id  INTEGER NOT NULL REFERENCES reviewers(id),
  stage        TEXT    NOT NULL CHECK (stage IN ('title-abstract', 'full-text')),
  order_mode   TEXT    NOT NULL CHECK (order_mode IN ('import', 'random')),
  seed         INTEGER,
  started_at   TEXT    NOT NULL,
  ended_at     TEXT,
  decisions    INTEGER NOT NULL DEFAULT 0
);

CREATE TRIGGER reviewers_never_deleted BEFORE DELETE ON reviewers
BEGIN SELECT RAISE(ABORT, 'reviewers are never deleted: their decisions refer to them'); END;
CREATE TRIGGER reviewers_name_fixed BEFORE UPDATE OF name, added_at ON reviewers
BEGIN SELECT RAISE(ABORT, 'a reviewer''s name is fixed: their decisions refer to it'); END;
CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
BEGIN SELECT RAISE(ABORT, 'decisions are append-only: record a new decision instead'); END;
CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
BEGIN SELECT RAISE(ABORT, 'decisions are append-only: a human decision is never deleted'); END;
CREATE TRIGGER resolutions_no_update BEFORE UPDATE ON resolutions
BEGIN SELECT RAISE(ABORT, 'resolutions are append-only: record a new resolution instead'); END;
CREATE TRIGGER resolutions_no_delete BEFORE DELETE ON resolutions
BEGIN SELECT RAISE(ABORT, 'resolutions are append-only: a resolution is never deleted'); END;
CREATE TRIGGER auto_overrides_no_update BEFORE UPDATE ON auto_overrides
BEGIN SELECT RAISE(ABORT, 'overrides are append-only'); END;
CREATE TRIGGER auto_overrides_no_delete BEFORE DELETE ON auto_overrides
BEGIN SELECT RAISE(ABORT, 'overrides are append-only'); END;
CREATE TRIGGER fulltext_no_update BEFORE UPDATE ON fulltext
BEGIN SELECT RAISE(ABORT, 'full-text retrieval is append-only: record the new state instead'); END;
CREATE TRIGGER fulltext_no_delete BEFORE DELETE ON fulltext
BEGIN SELECT RAISE(ABORT, 'full-text retrieval is append-only'); END;
CREATE TRIGGER blinding_events_no_update BEFORE UPDATE ON blinding_events
BEGIN SELECT RAISE(ABORT, 'blinding events are append-only'); END;
CREATE TRIGGER blinding_events_no_delete BEFORE DELETE ON blinding_events
BEGIN SELECT RAISE(ABORT, 'blinding events are append-only'); END;
CREATE TRIGGER merge_conflicts_no_delete BEFORE DELETE ON merge_conflicts
BEGIN SELECT RAISE(ABORT, 'merge conflicts are kept: they are resolved by a new decision or a resolution'); END;
