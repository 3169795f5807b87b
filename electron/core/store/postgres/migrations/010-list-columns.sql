-- 010 (PostgreSQL): the columns the paged lists sort and filter on, as SQLite's 010. The name
-- keys are compared byte-wise (COLLATE "C"), as SQLite compares them, so both engines sort
-- names identically and through an index. They are filled by vigil_natural_sort_key, the SQL
-- twin of the TypeScript rule naturalSortKey (test/core/store/migration-010.test.ts checks that
-- the two agree on generated names); the risks' due dates are filled after this SQL by the
-- TypeScript rule itself (riskDueDateOfSnapshot, the migration's backfill in index.ts).

-- naturalSortKey: A-Z folded to lower case, each run of digits padded with zeros to 10 digits
-- (a longer run kept whole: lpad would cut it).
CREATE FUNCTION vigil_natural_sort_key(name text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(
    CASE
      WHEN m.part[1] ~ '^[0-9]' THEN CASE WHEN length(m.part[1]) >= 10 THEN m.part[1] ELSE lpad(m.part[1], 10, '0') END
      ELSE translate(m.part[1], 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')
    END, '' ORDER BY m.n), '')
  FROM regexp_matches(name, '[0-9]+|[^0-9]+', 'g') WITH ORDINALITY AS m(part, n)
$$;

-- The person accountable for the system (a field of the system record).
ALTER TABLE systems ADD COLUMN owner text NOT NULL DEFAULT '';
ALTER TABLE systems ADD COLUMN name_key text COLLATE "C" NOT NULL DEFAULT '';
UPDATE systems SET name_key = vigil_natural_sort_key(name);

CREATE INDEX systems_name_key ON systems (name_key, id);
CREATE INDEX systems_vendor_lower ON systems (lower(vendor), id);
CREATE INDEX systems_owner_lower ON systems (lower(owner), id);
CREATE INDEX systems_reassessment_due ON systems (reassessment_due, id);
CREATE INDEX systems_updated ON systems (updated_at, id);

-- The residual and inherent levels as columns (the JSON documents stay: they carry the raw
-- exposure of scoring model 2); the residual band is the existing `band`.
ALTER TABLE risks ADD COLUMN residual_likelihood integer NOT NULL DEFAULT 0;
ALTER TABLE risks ADD COLUMN residual_impact integer NOT NULL DEFAULT 0;
ALTER TABLE risks ADD COLUMN residual_score integer NOT NULL DEFAULT 0;
ALTER TABLE risks ADD COLUMN inherent_score integer NOT NULL DEFAULT 0;
ALTER TABLE risks ADD COLUMN inherent_band text NOT NULL DEFAULT '';
ALTER TABLE risks ADD COLUMN threat_key text COLLATE "C" NOT NULL DEFAULT '';
-- The earliest due date of the treatment's actions, or the acceptance expiry while accepted.
ALTER TABLE risks ADD COLUMN due_date text;

UPDATE risks SET
  residual_likelihood = (residual::jsonb ->> 'likelihood')::numeric::integer,
  residual_impact = (residual::jsonb ->> 'impact')::numeric::integer,
  residual_score = (residual::jsonb ->> 'score')::numeric::integer,
  inherent_score = (inherent::jsonb ->> 'score')::numeric::integer,
  inherent_band = inherent::jsonb ->> 'band',
  threat_key = vigil_natural_sort_key(threat_name);

CREATE INDEX risks_residual ON risks (residual_score, id);
CREATE INDEX risks_inherent ON risks (inherent_score, id);
CREATE INDEX risks_threat_key ON risks (threat_key, id);
CREATE INDEX risks_due_date ON risks (due_date, id);
CREATE INDEX risks_owner_lower ON risks (lower(owner), id);
CREATE INDEX risks_status ON risks (status, id);
CREATE INDEX risks_band ON risks (band, status);
CREATE INDEX risks_cell ON risks (residual_likelihood, residual_impact);
CREATE INDEX risks_opened ON risks (opened_at, id);
CREATE INDEX risks_updated ON risks (updated_at, id);
