-- 009: team mode — accounts, sessions and sign-ins (docs/team-mode.md, "Accounts").
-- An account is a person: name, email, roles and active live on the people row it links to.

CREATE TABLE accounts (
  id               TEXT PRIMARY KEY,
  login            TEXT NOT NULL UNIQUE,
  person_id        TEXT NOT NULL UNIQUE REFERENCES people (id),
  -- scrypt$N$r$p$salt$hash, or NULL for an account that signs in only through single sign-on.
  password_hash    TEXT,
  administrator    INTEGER NOT NULL DEFAULT 0 CHECK (administrator IN (0, 1)),
  -- issuer#sub once the account has signed in through OpenID Connect.
  oidc_subject     TEXT UNIQUE,
  -- Failed password sign-ins in a row, and when the last was: the lockout rule's state.
  failed_sign_ins  INTEGER NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0),
  last_failed_at   TEXT,
  locked_until     TEXT,
  last_sign_in_at  TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
) STRICT;

-- Only the SHA-256 of the cookie value is stored: a copy of this table signs nobody in.
CREATE TABLE sessions (
  id            TEXT PRIMARY KEY,
  token_hash    TEXT NOT NULL UNIQUE,
  csrf_token    TEXT NOT NULL,
  account_id    TEXT NOT NULL REFERENCES accounts (id),
  method        TEXT NOT NULL CHECK (method IN ('password', 'oidc')),
  created_at    TEXT NOT NULL,
  last_seen_at  TEXT NOT NULL,
  ended_at      TEXT,
  end_reason    TEXT
) STRICT;

CREATE INDEX sessions_account ON sessions (account_id);

-- Every attempt and every end of a session. Failed attempts are recorded only here, never in the
-- ledger, so that nobody can grow the ledger by guessing passwords.
CREATE TABLE sign_ins (
  seq         INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  login       TEXT NOT NULL,
  account_id  TEXT REFERENCES accounts (id),
  method      TEXT NOT NULL CHECK (method IN ('password', 'oidc')),
  outcome     TEXT NOT NULL CHECK (outcome IN ('signedIn', 'refused', 'locked', 'signedOut', 'expired')),
  reason      TEXT NOT NULL,
  address     TEXT NOT NULL
) STRICT;

CREATE INDEX sign_ins_account ON sign_ins (account_id, seq);
