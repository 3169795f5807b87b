-- 014 (PostgreSQL): clinician readiness as evidence (issue 20, docs/readiness.md). Training records per system
-- and role group (people trained out of people using the system, the date, the material's
-- version, when the refresher is due), entered by hand or imported from a file; an import keeps
-- the file's exact text and its SHA-256 as the evidence of what was read.

CREATE TABLE training_imports (
  id           text PRIMARY KEY,
  system_id    text NOT NULL REFERENCES systems (id),
  file_name    text NOT NULL,
  sha256       text NOT NULL CHECK (length(sha256) = 64),
  text         text NOT NULL,
  row_count    integer NOT NULL CHECK (row_count >= 0),
  imported_at  text NOT NULL,
  imported_by  text NOT NULL
);

CREATE INDEX training_imports_system ON training_imports (system_id, imported_at);

CREATE TABLE training_records (
  id                text PRIMARY KEY,
  system_id         text NOT NULL REFERENCES systems (id),
  -- As written; role_key is its trimmed, lower-case, single-spaced form: one group whatever its case.
  role              text NOT NULL CHECK (length(trim(role)) > 0),
  role_key          text NOT NULL,
  trained           integer NOT NULL CHECK (trained >= 0),
  users             integer NOT NULL CHECK (users >= 1 AND trained <= users),
  trained_on        text NOT NULL,
  material_version  text NOT NULL,
  refresher_due     text NOT NULL CHECK (refresher_due > trained_on),
  note              text NOT NULL DEFAULT '',
  import_id         text REFERENCES training_imports (id),
  recorded_at       text NOT NULL,
  recorded_by       text NOT NULL
);

-- One record per role group and training date; the latest date is the group's readiness.
CREATE UNIQUE INDEX training_records_group_date ON training_records (system_id, role_key, trained_on);
