-- 002: assessments, their answers and evidence, and the stored threat profile.

-- The content an assessment was started with, stored once per distinct content (by hash).
CREATE TABLE template_snapshots (
  hash     TEXT PRIMARY KEY,
  content  TEXT NOT NULL CHECK (json_valid(content))
) STRICT;

CREATE TABLE assessments (
  id             TEXT PRIMARY KEY,
  system_id      TEXT NOT NULL REFERENCES systems (id),
  stage          TEXT NOT NULL CHECK (stage IN ('procurement', 'validation', 'deployment', 'use')),
  title          TEXT NOT NULL,
  status         TEXT NOT NULL DEFAULT 'inProgress',
  snapshot_hash  TEXT NOT NULL REFERENCES template_snapshots (hash),
  created_at     TEXT NOT NULL,
  created_by     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
) STRICT;

CREATE INDEX assessments_system ON assessments (system_id, created_at);

CREATE TABLE answers (
  assessment_id  TEXT NOT NULL REFERENCES assessments (id),
  question_id    TEXT NOT NULL,
  value          TEXT CHECK (value IS NULL OR json_valid(value)),
  unknown        INTEGER NOT NULL DEFAULT 0 CHECK (unknown IN (0, 1)),
  flagged        INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
  source         TEXT NOT NULL CHECK (source IN ('assessor', 'vendor')),
  answered_by    TEXT NOT NULL,
  answered_at    TEXT NOT NULL,
  PRIMARY KEY (assessment_id, question_id)
) STRICT;

CREATE TABLE evidence (
  id             TEXT PRIMARY KEY,
  assessment_id  TEXT NOT NULL REFERENCES assessments (id),
  question_id    TEXT NOT NULL,
  file_name      TEXT NOT NULL,
  media_type     TEXT NOT NULL,
  size           INTEGER NOT NULL CHECK (size > 0),
  sha256         TEXT NOT NULL CHECK (length(sha256) = 64),
  bytes          BLOB NOT NULL,
  added_by       TEXT NOT NULL,
  added_at       TEXT NOT NULL
) STRICT;

CREATE INDEX evidence_answer ON evidence (assessment_id, question_id);

CREATE TABLE threat_profiles (
  assessment_id  TEXT PRIMARY KEY REFERENCES assessments (id),
  profile        TEXT NOT NULL CHECK (json_valid(profile)),
  scored_at      TEXT NOT NULL
) STRICT;
