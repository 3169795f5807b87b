-- 013: continuous monitoring (issue 20, docs/monitoring.md). The acceptance criteria a local
-- validation assessment records, the monitoring files imported (their exact text and SHA-256 as
-- the evidence), the values they carried (one per system, metric, subgroup and month), and the
-- breaches already recorded as drift events (so a breach is never recorded twice).

-- One set per validation assessment: its review period and the revision writers check.
CREATE TABLE monitoring_criteria_sets (
  assessment_id  TEXT PRIMARY KEY REFERENCES assessments (id),
  system_id      TEXT NOT NULL REFERENCES systems (id),
  review_period  TEXT NOT NULL CHECK (review_period IN ('monthly', 'quarterly')),
  revision       INTEGER NOT NULL CHECK (revision >= 1),
  recorded_by    TEXT NOT NULL,
  recorded_at    TEXT NOT NULL
) STRICT;

-- A criterion keeps its id while its set is re-written with the same metric and subgroup, so
-- the breaches recorded against it stay recorded.
CREATE TABLE monitoring_criteria (
  id             TEXT PRIMARY KEY,
  assessment_id  TEXT NOT NULL REFERENCES monitoring_criteria_sets (assessment_id),
  position       INTEGER NOT NULL,
  metric         TEXT NOT NULL,
  subgroup       TEXT NOT NULL,
  min            REAL,
  max            REAL,
  max_gap        REAL,
  rationale      TEXT NOT NULL DEFAULT '',
  UNIQUE (assessment_id, metric, subgroup)
) STRICT;

CREATE TABLE monitoring_imports (
  id           TEXT PRIMARY KEY,
  system_id    TEXT NOT NULL REFERENCES systems (id),
  file_name    TEXT NOT NULL,
  -- The file exactly as received, and the SHA-256 of its UTF-8 bytes.
  text         TEXT NOT NULL,
  sha256       TEXT NOT NULL,
  rows         INTEGER NOT NULL,
  imported_by  TEXT NOT NULL,
  imported_at  TEXT NOT NULL
) STRICT;
CREATE INDEX monitoring_imports_of ON monitoring_imports (system_id, imported_at);

-- Keyed as it is looked up (a system's values); no rowid, so the key is the table.
CREATE TABLE monitoring_values (
  system_id  TEXT NOT NULL REFERENCES systems (id),
  metric     TEXT NOT NULL,
  subgroup   TEXT NOT NULL,
  period     TEXT NOT NULL,
  value      REAL NOT NULL,
  n          INTEGER NOT NULL CHECK (n >= 1),
  source     TEXT NOT NULL,
  import_id  TEXT NOT NULL REFERENCES monitoring_imports (id),
  PRIMARY KEY (system_id, metric, subgroup, period)
) STRICT, WITHOUT ROWID;

-- A criterion breached in a month, and the drift event that recorded it. The criterion may later
-- be removed from its set; the record stays, as the event does.
CREATE TABLE monitoring_breaches (
  criterion_id  TEXT NOT NULL,
  period        TEXT NOT NULL,
  system_id     TEXT NOT NULL REFERENCES systems (id),
  event_id      TEXT NOT NULL,
  recorded_at   TEXT NOT NULL,
  PRIMARY KEY (criterion_id, period)
) STRICT;
CREATE INDEX monitoring_breaches_of ON monitoring_breaches (system_id);
