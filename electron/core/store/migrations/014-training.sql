-- 014: clinician readiness as evidence (issue 20, docs/readiness.md). Training records per system
-- and role group (people trained out of people using the system, the date, the material's
-- version, when the refresher is due), entered by hand or imported from a file; an import keeps
-- the file's exact text and its SHA-256 as the evidence of what was read.

CREATE TABLE training_imports (
  id           TEXT PRIMARY KEY,
  system_id    TEXT NOT NULL REFERENCES systems (id),
  file_name    TEXT NOT NULL,
  sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
  text         TEXT NOT NULL,
  row_count    INTEGER NOT NULL CHECK (row_count >= 0),
  imported_at  TEXT NOT NULL,
  imported_by  TEXT NOT NULL
) STRICT;

CREATE INDEX training_imports_system ON training_imports (system_id, imported_at);

CREATE TABLE training_records (
  id                TEXT PRIMARY KEY,
  system_id         TEXT NOT NULL REFERENCES systems (id),
  -- As written; role_key is its trimmed, lower-case, single-spaced form: one group whatever its case.
  role              TEXT NOT NULL CHECK (length(trim(role)) > 0),
  role_key          TEXT NOT NULL,
  trained           INTEGER NOT NULL CHECK (trained >= 0),
  users             INTEGER NOT NULL CHECK (users >= 1 AND trained <= users),
  trained_on        TEXT NOT NULL,
  material_version  TEXT NOT NULL,
  refresher_due     TEXT NOT NULL CHECK (refresher_due > trained_on),
  note              TEXT NOT NULL DEFAULT '',
  import_id         TEXT REFERENCES training_imports (id),
  recorded_at       TEXT NOT NULL,
  recorded_by       TEXT NOT NULL
) STRICT;

-- One record per role group and training date; the latest date is the group's readiness.
CREATE UNIQUE INDEX training_records_group_date ON training_records (system_id, role_key, trained_on);
