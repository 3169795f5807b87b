-- 003 (PostgreSQL): governance — people and roles, settings, workflow snapshots, risks, system events.

CREATE TABLE people (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  email       text NOT NULL DEFAULT '',
  roles       text NOT NULL CHECK (vigil_json_valid(roles)),
  active      smallint NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at  text NOT NULL,
  updated_at  text NOT NULL
);

-- Two people never share a name, whatever its case (SQLite: UNIQUE on name COLLATE NOCASE).
CREATE UNIQUE INDEX people_name ON people (lower(name));

CREATE TABLE settings (
  key    text PRIMARY KEY,
  value  text NOT NULL CHECK (vigil_json_valid(value))
);

INSERT INTO settings (key, value) VALUES
  ('signOffsRequired', '2'),
  ('acceptanceAuthority', '{"low":["riskOwner","committeeChair"],"medium":["riskOwner","committeeChair"],"high":["committeeChair"],"critical":[]}'),
  ('organisation', '"Your organisation"');

-- Persisted xstate snapshots. lifecycle_stage and status stay as plain columns for queries.
ALTER TABLE systems ADD COLUMN lifecycle_snapshot text CHECK (lifecycle_snapshot IS NULL OR vigil_json_valid(lifecycle_snapshot));
ALTER TABLE systems ADD COLUMN reassessment_due text;
ALTER TABLE assessments ADD COLUMN review_snapshot text CHECK (review_snapshot IS NULL OR vigil_json_valid(review_snapshot));
ALTER TABLE assessments ADD COLUMN submitted_at text;
ALTER TABLE assessments ADD COLUMN decided_at text;
ALTER TABLE assessments ADD COLUMN carried_from text REFERENCES assessments (id);
ALTER TABLE answers ADD COLUMN to_reconfirm smallint NOT NULL DEFAULT 0 CHECK (to_reconfirm IN (0, 1));

CREATE TABLE risks (
  id             text PRIMARY KEY,
  assessment_id  text NOT NULL REFERENCES assessments (id),
  system_id      text NOT NULL REFERENCES systems (id),
  threat_id      text NOT NULL,
  threat_name    text NOT NULL,
  inherent       text NOT NULL CHECK (vigil_json_valid(inherent)),
  residual       text NOT NULL CHECK (vigil_json_valid(residual)),
  band           text NOT NULL,
  owner          text NOT NULL DEFAULT '',
  status         text NOT NULL,
  snapshot       text NOT NULL CHECK (vigil_json_valid(snapshot)),
  opened_at      text NOT NULL,
  updated_at     text NOT NULL,
  UNIQUE (assessment_id, threat_id)
);

CREATE INDEX risks_system ON risks (system_id, status);

-- Changes and incidents that trigger re-assessment; model versions form the system's history.
CREATE TABLE system_events (
  id              text PRIMARY KEY,
  system_id       text NOT NULL REFERENCES systems (id),
  kind            text NOT NULL CHECK (kind IN ('modelVersion', 'dataSource', 'integration', 'securityIncident', 'suspectedManipulation', 'driftAlert')),
  description     text NOT NULL,
  model_version   text NOT NULL DEFAULT '',
  provenance      text NOT NULL DEFAULT '',
  change_notice   text NOT NULL DEFAULT '',
  occurred_at     text NOT NULL,
  recorded_by     text NOT NULL,
  recorded_at     text NOT NULL,
  assessment_id   text REFERENCES assessments (id)
);

CREATE INDEX system_events_system ON system_events (system_id, occurred_at);
