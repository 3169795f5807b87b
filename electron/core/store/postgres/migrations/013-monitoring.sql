-- 013 (PostgreSQL): continuous monitoring (issue 20, docs/monitoring.md). The acceptance criteria
-- a local validation assessment records, the monitoring files imported (their exact text and
-- SHA-256 as the evidence), the values they carried (one per system, metric, subgroup and month),
-- and the breaches already recorded as drift events (so a breach is never recorded twice).

CREATE TABLE monitoring_criteria_sets (
  assessment_id  text PRIMARY KEY REFERENCES assessments (id),
  system_id      text NOT NULL REFERENCES systems (id),
  review_period  text NOT NULL CHECK (review_period IN ('monthly', 'quarterly')),
  revision       integer NOT NULL CHECK (revision >= 1),
  recorded_by    text NOT NULL,
  recorded_at    text NOT NULL
);

-- A criterion keeps its id while its set is re-written with the same metric and subgroup, so
-- the breaches recorded against it stay recorded.
CREATE TABLE monitoring_criteria (
  id             text PRIMARY KEY,
  assessment_id  text NOT NULL REFERENCES monitoring_criteria_sets (assessment_id),
  position       integer NOT NULL,
  metric         text NOT NULL,
  subgroup       text NOT NULL,
  min            double precision,
  max            double precision,
  max_gap        double precision,
  rationale      text NOT NULL DEFAULT '',
  UNIQUE (assessment_id, metric, subgroup)
);

CREATE TABLE monitoring_imports (
  id           text PRIMARY KEY,
  system_id    text NOT NULL REFERENCES systems (id),
  file_name    text NOT NULL,
  -- The file exactly as received, and the SHA-256 of its UTF-8 bytes.
  text         text NOT NULL,
  sha256       text NOT NULL,
  rows         integer NOT NULL,
  imported_by  text NOT NULL,
  imported_at  text NOT NULL
);
CREATE INDEX monitoring_imports_of ON monitoring_imports (system_id, imported_at);

CREATE TABLE monitoring_values (
  system_id  text NOT NULL REFERENCES systems (id),
  metric     text NOT NULL,
  subgroup   text NOT NULL,
  period     text NOT NULL,
  value      double precision NOT NULL,
  n          integer NOT NULL CHECK (n >= 1),
  source     text NOT NULL,
  import_id  text NOT NULL REFERENCES monitoring_imports (id),
  PRIMARY KEY (system_id, metric, subgroup, period)
);

-- A criterion breached in a month, and the drift event that recorded it. The criterion may later
-- be removed from its set; the record stays, as the event does.
CREATE TABLE monitoring_breaches (
  criterion_id  text NOT NULL,
  period        text NOT NULL,
  system_id     text NOT NULL REFERENCES systems (id),
  event_id      text NOT NULL,
  recorded_at   text NOT NULL,
  PRIMARY KEY (criterion_id, period)
);
CREATE INDEX monitoring_breaches_of ON monitoring_breaches (system_id);
