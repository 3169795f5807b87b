-- 009 (PostgreSQL): team mode — accounts, sessions and sign-ins (docs/team-mode.md, "Accounts").
-- The same tables, columns and constraints as SQLite's 009.

CREATE TABLE accounts (
  id               text PRIMARY KEY,
  login            text NOT NULL UNIQUE,
  person_id        text NOT NULL UNIQUE REFERENCES people (id),
  -- scrypt$N$r$p$salt$hash, or NULL for an account that signs in only through single sign-on.
  password_hash    text,
  administrator    smallint NOT NULL DEFAULT 0 CHECK (administrator IN (0, 1)),
  -- issuer#sub once the account has signed in through OpenID Connect.
  oidc_subject     text UNIQUE,
  -- Failed password sign-ins in a row, and when the last was: the lockout rule's state.
  failed_sign_ins  integer NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0),
  last_failed_at   text,
  locked_until     text,
  last_sign_in_at  text,
  created_at       text NOT NULL,
  updated_at       text NOT NULL
);

-- Only the SHA-256 of the cookie value is stored: a copy of this table signs nobody in.
CREATE TABLE sessions (
  id            text PRIMARY KEY,
  token_hash    text NOT NULL UNIQUE,
  csrf_token    text NOT NULL,
  account_id    text NOT NULL REFERENCES accounts (id),
  method        text NOT NULL CHECK (method IN ('password', 'oidc')),
  created_at    text NOT NULL,
  last_seen_at  text NOT NULL,
  ended_at      text,
  end_reason    text
);

CREATE INDEX sessions_account ON sessions (account_id);

-- Every attempt and every end of a session. Failed attempts are recorded only here, never in the
-- ledger, so that nobody can grow the ledger by guessing passwords.
CREATE TABLE sign_ins (
  seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          text NOT NULL,
  login       text NOT NULL,
  account_id  text REFERENCES accounts (id),
  method      text NOT NULL CHECK (method IN ('password', 'oidc')),
  outcome     text NOT NULL CHECK (outcome IN ('signedIn', 'refused', 'locked', 'signedOut', 'expired')),
  reason      text NOT NULL,
  address     text NOT NULL
);

CREATE INDEX sign_ins_account ON sign_ins (account_id, seq);
