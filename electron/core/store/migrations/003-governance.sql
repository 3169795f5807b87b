-- 003: governance — people and roles, settings, workflow snapshots, risks, system events.

CREATE TABLE people (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  email       TEXT NOT NULL DEFAULT '',
  roles       TEXT NOT NULL CHECK (json_valid(roles)),
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX people_name ON people (name COLLATE NOCASE);

CREATE TABLE settings (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL CHECK (json_valid(value))
) STRICT;

INSERT INTO settings (key, value) VALUES
  ('signOffsRequired', '2'),
  ('acceptanceAuthority', '{"low":["riskOwner","committeeChair"],"medium":["riskOwner","committeeChair"],"high":["committeeChair"],"critical":[]}'),
  ('organisation', '"Your organisation"');

-- Persisted xstate snapshots. lifecycle_stage and status stay as plain columns for queries.
ALTER TABLE systems ADD COLUMN lifecycle_snapshot TEXT CHECK (lifecycle_snapshot IS NULL OR json_valid(lifecycle_snapshot));
ALTER TABLE systems ADD COLUMN reassessment_due TEXT;
ALTER TABLE assessments ADD COLUMN review_snapshot TEXT CHECK (review_snapshot IS NULL OR json_valid(review_snapshot));
ALTER TABLE assessments ADD COLUMN submitted_at TEXT;
ALTER TABLE assessments ADD COLUMN decided_at TEXT;
ALTER TABLE assessments ADD COLUMN carried_from TEXT REFERENCES assessments (id);
ALTER TABLE answers ADD COLUMN to_reconfirm INTEGER NOT NULL DEFAULT 0 CHECK (to_reconfirm IN (0, 1));

CREATE TABLE risks (
  id             TEXT PRIMARY KEY,
  assessment_id  TEXT NOT NULL REFERENCES assessments (id),
  system_id      TEXT NOT NULL REFERENCES systems (id),
  threat_id      TEXT NOT NULL,
  threat_name    TEXT NOT NULL,
  inherent       TEXT NOT NULL CHECK (json_valid(inherent)),
  residual       TEXT NOT NULL CHECK (json_valid(residual)),
  band           TEXT NOT NULL,
  owner          TEXT NOT NULL DEFAULT '',
  status         TEXT NOT NULL,
  snapshot       TEXT NOT NULL CHECK (json_valid(snapshot)),
  opened_at      TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  UNIQUE (assessment_id, threat_id)
) STRICT;

CREATE INDEX risks_system ON risks (system_id, status);

-- Changes and incidents that trigger re-assessment; model versions form the system's history.
CREATE TABLE system_events (
  id              TEXT PRIMARY KEY,
  system_id       TEXT NOT NULL REFERENCES systems (id),
  kind            TEXT NOT NULL CHECK (kind IN ('modelVersion', 'dataSource', 'integration', 'securityIncident', 'suspectedManipulation', 'driftAlert')),
  description     TEXT NOT NULL,
  model_version   TEXT NOT NULL DEFAULT '',
  provenance      TEXT NOT NULL DEFAULT '',
  change_notice   TEXT NOT NULL DEFAULT '',
  occurred_at     TEXT NOT NULL,
  recorded_by     TEXT NOT NULL,
  recorded_at     TEXT NOT NULL,
  assessment_id   TEXT REFERENCES assessments (id)
) STRICT;

CREATE INDEX system_events_system ON system_events (system_id, occurred_at);
