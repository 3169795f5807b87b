-- 005: vendor transparency exchange — requests issued, vendor keys pinned, and the vendor
-- workspace's inbox (requests opened, draft answers, evidence). Private keys are never stored
-- here: backups must not carry them.

-- The hospital's side: one row per signed request; the nonce binds the response to it.
CREATE TABLE vendor_requests (
  id                  TEXT PRIMARY KEY,
  assessment_id       TEXT NOT NULL REFERENCES assessments (id),
  nonce               TEXT NOT NULL UNIQUE CHECK (length(nonce) = 64),
  issued_at           TEXT NOT NULL,
  expires_at          TEXT NOT NULL,
  issued_by           TEXT NOT NULL,
  question_ids        TEXT NOT NULL CHECK (json_valid(question_ids)),
  package_sha256      TEXT NOT NULL CHECK (length(package_sha256) = 64),
  imported_at         TEXT,
  imported_by         TEXT,
  vendor_name         TEXT,
  vendor_fingerprint  TEXT,
  response_sha256     TEXT,
  -- The answers as the vendor sent them: the next response is compared with these.
  response_answers    TEXT CHECK (response_answers IS NULL OR json_valid(response_answers))
) STRICT;

CREATE INDEX vendor_requests_assessment ON vendor_requests (assessment_id, issued_at);

-- The key each vendor (the inventory's vendor name, case-insensitive) signed its first response with.
CREATE TABLE vendor_keys (
  vendor       TEXT PRIMARY KEY COLLATE NOCASE,
  public_key   TEXT NOT NULL,
  fingerprint  TEXT NOT NULL,
  pinned_at    TEXT NOT NULL,
  pinned_by    TEXT NOT NULL
) STRICT;

-- The vendor's side: requests opened in this (vendor) workspace, exactly as received.
CREATE TABLE vendor_inbox (
  id                    TEXT PRIMARY KEY,
  request_id            TEXT NOT NULL,
  nonce                 TEXT NOT NULL UNIQUE,
  package               TEXT NOT NULL CHECK (json_valid(package)),
  hospital_fingerprint  TEXT NOT NULL,
  opened_at             TEXT NOT NULL,
  opened_by             TEXT NOT NULL,
  responded_at          TEXT
) STRICT;

CREATE TABLE vendor_inbox_answers (
  inbox_id     TEXT NOT NULL REFERENCES vendor_inbox (id),
  question_id  TEXT NOT NULL,
  value        TEXT CHECK (value IS NULL OR json_valid(value)),
  unknown      INTEGER NOT NULL DEFAULT 0 CHECK (unknown IN (0, 1)),
  answered_by  TEXT NOT NULL,
  answered_at  TEXT NOT NULL,
  PRIMARY KEY (inbox_id, question_id)
) STRICT;

CREATE TABLE vendor_inbox_evidence (
  id           TEXT PRIMARY KEY,
  inbox_id     TEXT NOT NULL REFERENCES vendor_inbox (id),
  question_id  TEXT NOT NULL,
  file_name    TEXT NOT NULL,
  media_type   TEXT NOT NULL,
  size         INTEGER NOT NULL CHECK (size > 0),
  sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
  bytes        BLOB NOT NULL,
  added_by     TEXT NOT NULL,
  added_at     TEXT NOT NULL
) STRICT;
