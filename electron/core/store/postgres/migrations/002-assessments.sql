-- 002 (PostgreSQL): assessments, their answers and evidence, and the stored threat profile.

-- The content an assessment was started with, stored once per distinct content (by hash).
CREATE TABLE template_snapshots (
  hash     text PRIMARY KEY,
  content  text NOT NULL CHECK (vigil_json_valid(content))
);

CREATE TABLE assessments (
  id             text PRIMARY KEY,
  system_id      text NOT NULL REFERENCES systems (id),
  stage          text NOT NULL CHECK (stage IN ('procurement', 'validation', 'deployment', 'use')),
  title          text NOT NULL,
  status         text NOT NULL DEFAULT 'inProgress',
  snapshot_hash  text NOT NULL REFERENCES template_snapshots (hash),
  created_at     text NOT NULL,
  created_by     text NOT NULL,
  updated_at     text NOT NULL
);

CREATE INDEX assessments_system ON assessments (system_id, created_at);

CREATE TABLE answers (
  assessment_id  text NOT NULL REFERENCES assessments (id),
  question_id    text NOT NULL,
  value          text CHECK (value IS NULL OR vigil_json_valid(value)),
  unknown        smallint NOT NULL DEFAULT 0 CHECK (unknown IN (0, 1)),
  flagged        smallint NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
  source         text NOT NULL CHECK (source IN ('assessor', 'vendor')),
  answered_by    text NOT NULL,
  answered_at    text NOT NULL,
  PRIMARY KEY (assessment_id, question_id)
);

CREATE TABLE evidence (
  id             text PRIMARY KEY,
  assessment_id  text NOT NULL REFERENCES assessments (id),
  question_id    text NOT NULL,
  file_name      text NOT NULL,
  media_type     text NOT NULL,
  size           integer NOT NULL CHECK (size > 0),
  sha256         text NOT NULL CHECK (length(sha256) = 64),
  bytes          bytea NOT NULL,
  added_by       text NOT NULL,
  added_at       text NOT NULL
);

CREATE INDEX evidence_answer ON evidence (assessment_id, question_id);

CREATE TABLE threat_profiles (
  assessment_id  text PRIMARY KEY REFERENCES assessments (id),
  profile        text NOT NULL CHECK (vigil_json_valid(profile)),
  scored_at      text NOT NULL
);
