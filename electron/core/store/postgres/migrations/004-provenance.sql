-- 004 (PostgreSQL): the data-set digest of a model version (training-data provenance, DESIGN §1).

ALTER TABLE system_events ADD COLUMN dataset_digest text NOT NULL DEFAULT '';
