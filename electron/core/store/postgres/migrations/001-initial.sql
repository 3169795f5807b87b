-- 001 (PostgreSQL): the AI-system inventory and the hash-chained audit ledger.
-- The same tables, columns and constraints as SQLite's 001, in PostgreSQL's own SQL: text for
-- ids, dates (ISO 8601) and JSON documents (checked to parse), smallint 0/1 for flags.

-- SQLite's json_valid(): true when the text parses as JSON. A cast that fails raises an error,
-- so the function catches it and answers false, which the CHECK turns into a refused row.
CREATE FUNCTION vigil_json_valid(doc text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
  PERFORM doc::json;
  RETURN true;
EXCEPTION WHEN others THEN
  RETURN false;
END
$$;

CREATE TABLE systems (
  id                    text PRIMARY KEY,
  name                  text NOT NULL,
  vendor                text NOT NULL,
  product_version       text NOT NULL DEFAULT '',
  model_version         text NOT NULL DEFAULT '',
  intended_use          text NOT NULL DEFAULT '',
  clinical_domain       text,
  intended_users        text NOT NULL DEFAULT '',
  patient_population    text NOT NULL DEFAULT '',
  autonomy_level        text CHECK (autonomy_level IN ('informs', 'augments', 'automates')),
  model_type            text CHECK (model_type IN ('predictive', 'generative', 'other')),
  data_categories       text NOT NULL DEFAULT '[]' CHECK (vigil_json_valid(data_categories)),
  deployment_type       text CHECK (deployment_type IN ('vendorCloud', 'onPremises', 'embeddedDevice')),
  regulatory_status     text NOT NULL DEFAULT 'unknown',
  regulatory_reference  text NOT NULL DEFAULT '',
  integration_points    text NOT NULL DEFAULT '[]' CHECK (vigil_json_valid(integration_points)),
  lifecycle_stage       text NOT NULL DEFAULT 'procurement',
  archived_at           text,
  created_at            text NOT NULL,
  created_by            text NOT NULL,
  updated_at            text NOT NULL
);

-- SQLite's is on name COLLATE NOCASE; 007 replaces it on both engines.
CREATE INDEX systems_name ON systems (lower(name));

CREATE TABLE audit_events (
  seq        bigint PRIMARY KEY,
  at         text NOT NULL,
  actor      text NOT NULL,
  action     text NOT NULL,
  entity     text NOT NULL,
  payload    text NOT NULL,
  prev_hash  text NOT NULL,
  hash       text NOT NULL UNIQUE
);

-- The ledger is append-only: history is never rewritten, only added to. TRUNCATE skips DELETE
-- triggers in PostgreSQL, so it is refused too.
CREATE FUNCTION audit_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END
$$;

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
