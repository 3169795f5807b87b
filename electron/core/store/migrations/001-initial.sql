-- 001: the AI-system inventory and the hash-chained audit ledger.

CREATE TABLE systems (
  id                    TEXT PRIMARY KEY,
  name                  TEXT NOT NULL,
  vendor                TEXT NOT NULL,
  product_version       TEXT NOT NULL DEFAULT '',
  model_version         TEXT NOT NULL DEFAULT '',
  intended_use          TEXT NOT NULL DEFAULT '',
  clinical_domain       TEXT,
  intended_users        TEXT NOT NULL DEFAULT '',
  patient_population    TEXT NOT NULL DEFAULT '',
  autonomy_level        TEXT CHECK (autonomy_level IN ('informs', 'augments', 'automates')),
  model_type            TEXT CHECK (model_type IN ('predictive', 'generative', 'other')),
  data_categories       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(data_categories)),
  deployment_type       TEXT CHECK (deployment_type IN ('vendorCloud', 'onPremises', 'embeddedDevice')),
  regulatory_status     TEXT NOT NULL DEFAULT 'unknown',
  regulatory_reference  TEXT NOT NULL DEFAULT '',
  integration_points    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(integration_points)),
  lifecycle_stage       TEXT NOT NULL DEFAULT 'procurement',
  archived_at           TEXT,
  created_at            TEXT NOT NULL,
  created_by            TEXT NOT NULL,
  updated_at            TEXT NOT NULL
) STRICT;

CREATE INDEX systems_name ON systems (name COLLATE NOCASE);

CREATE TABLE audit_events (
  seq        INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  actor      TEXT NOT NULL,
  action     TEXT NOT NULL,
  entity     TEXT NOT NULL,
  payload    TEXT NOT NULL,
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL UNIQUE
) STRICT;

-- The ledger is append-only: history is never rewritten, only added to.
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only');
END;

CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only');
END;
