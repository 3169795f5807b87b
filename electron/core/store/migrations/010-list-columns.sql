-- 010: the columns the paged lists sort and filter on (docs/lists.md, "Stored columns"), with an
-- index for each sort and each filter a dashboard link uses. The keys and the due date are
-- filled by the TypeScript rules (naturalSortKey, riskDueDateOfSnapshot), registered as SQL
-- functions for the migration (store/migration-functions.ts); from now on the repositories
-- write every column whenever what it derives from is written.

-- The person accountable for the system (a field of the system record).
ALTER TABLE systems ADD COLUMN owner TEXT NOT NULL DEFAULT '';
ALTER TABLE systems ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
UPDATE systems SET name_key = vigil_natural_sort_key(name);

CREATE INDEX systems_name_key ON systems (name_key, id);
CREATE INDEX systems_vendor_lower ON systems (lower(vendor), id);
CREATE INDEX systems_owner_lower ON systems (lower(owner), id);
CREATE INDEX systems_reassessment_due ON systems (reassessment_due, id);
CREATE INDEX systems_updated ON systems (updated_at, id);

-- The residual and inherent levels as columns (the JSON documents stay: they carry the raw
-- exposure of scoring model 2); the residual band is the existing `band`.
ALTER TABLE risks ADD COLUMN residual_likelihood INTEGER NOT NULL DEFAULT 0;
ALTER TABLE risks ADD COLUMN residual_impact INTEGER NOT NULL DEFAULT 0;
ALTER TABLE risks ADD COLUMN residual_score INTEGER NOT NULL DEFAULT 0;
ALTER TABLE risks ADD COLUMN inherent_score INTEGER NOT NULL DEFAULT 0;
ALTER TABLE risks ADD COLUMN inherent_band TEXT NOT NULL DEFAULT '';
ALTER TABLE risks ADD COLUMN threat_key TEXT NOT NULL DEFAULT '';
-- The earliest due date of the treatment's actions, or the acceptance expiry while accepted.
ALTER TABLE risks ADD COLUMN due_date TEXT;

UPDATE risks SET
  residual_likelihood = CAST(json_extract(residual, '$.likelihood') AS INTEGER),
  residual_impact = CAST(json_extract(residual, '$.impact') AS INTEGER),
  residual_score = CAST(json_extract(residual, '$.score') AS INTEGER),
  inherent_score = CAST(json_extract(inherent, '$.score') AS INTEGER),
  inherent_band = json_extract(inherent, '$.band'),
  threat_key = vigil_natural_sort_key(threat_name),
  due_date = vigil_risk_due_date(status, snapshot);

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
