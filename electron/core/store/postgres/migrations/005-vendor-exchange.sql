-- 005 (PostgreSQL): vendor transparency exchange — requests issued, vendor keys pinned, and the
-- vendor workspace's inbox (requests opened, draft answers, evidence). Private keys are never
-- stored here: backups must not carry them.

-- The hospital's side: one row per signed request; the nonce binds the response to it.
CREATE TABLE vendor_requests (
  id                  text PRIMARY KEY,
  assessment_id       text NOT NULL REFERENCES assessments (id),
  nonce               text NOT NULL UNIQUE CHECK (length(nonce) = 64),
  issued_at           text NOT NULL,
  expires_at          text NOT NULL,
  issued_by           text NOT NULL,
  question_ids        text NOT NULL CHECK (vigil_json_valid(question_ids)),
  package_sha256      text NOT NULL CHECK (length(package_sha256) = 64),
  imported_at         text,
  imported_by         text,
  vendor_name         text,
  vendor_fingerprint  text,
  response_sha256     text,
  -- The answers as the vendor sent them: the next response is compared with these.
  response_answers    text CHECK (response_answers IS NULL OR vigil_json_valid(response_answers))
);

CREATE INDEX vendor_requests_assessment ON vendor_requests (assessment_id, issued_at);

-- The key each vendor (the inventory's vendor name, case-insensitive) signed its first response
-- with. SQLite makes the key COLLATE NOCASE; here a unique index on lower(vendor) keeps one pin
-- per vendor whatever the case, and the repository looks pins up through lower().
CREATE TABLE vendor_keys (
  vendor       text PRIMARY KEY,
  public_key   text NOT NULL,
  fingerprint  text NOT NULL,
  pinned_at    text NOT NULL,
  pinned_by    text NOT NULL
);

CREATE UNIQUE INDEX vendor_keys_vendor_lower ON vendor_keys (lower(vendor));

-- The vendor's side: requests opened in this (vendor) workspace, exactly as received.
CREATE TABLE vendor_inbox (
  id                    text PRIMARY KEY,
  request_id            text NOT NULL,
  nonce                 text NOT NULL UNIQUE,
  package               text NOT NULL CHECK (vigil_json_valid(package)),
  hospital_fingerprint  text NOT NULL,
  opened_at             text NOT NULL,
  opened_by             text NOT NULL,
  responded_at          text
);

CREATE TABLE vendor_inbox_answers (
  inbox_id     text NOT NULL REFERENCES vendor_inbox (id),
  question_id  text NOT NULL,
  value        text CHECK (value IS NULL OR vigil_json_valid(value)),
  unknown      smallint NOT NULL DEFAULT 0 CHECK (unknown IN (0, 1)),
  answered_by  text NOT NULL,
  answered_at  text NOT NULL,
  PRIMARY KEY (inbox_id, question_id)
);

CREATE TABLE vendor_inbox_evidence (
  id           text PRIMARY KEY,
  inbox_id     text NOT NULL REFERENCES vendor_inbox (id),
  question_id  text NOT NULL,
  file_name    text NOT NULL,
  media_type   text NOT NULL,
  size         integer NOT NULL CHECK (size > 0),
  sha256       text NOT NULL CHECK (length(sha256) = 64),
  bytes        bytea NOT NULL,
  added_by     text NOT NULL,
  added_at     text NOT NULL
);
