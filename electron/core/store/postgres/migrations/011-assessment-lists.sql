-- 011 (PostgreSQL): what the assessment and review lists sort and filter by, stored on the
-- assessment (docs/lists.md): the overall band and highest residual score as last scored, and the
-- required questions answered of those required. The assessments service writes them in the same
-- transaction that rescores the assessment after every change (and on submission).
ALTER TABLE assessments ADD COLUMN overall_band text;
ALTER TABLE assessments ADD COLUMN highest_residual integer CHECK (highest_residual IS NULL OR highest_residual >= 0);
ALTER TABLE assessments ADD COLUMN required_answered integer CHECK (required_answered IS NULL OR required_answered >= 0);
ALTER TABLE assessments ADD COLUMN required_count integer CHECK (required_count IS NULL OR required_count >= 0);

-- The band and highest residual come from the profile stored when the assessment was last
-- scored. Progress needs the questionnaire's visibility rules, which SQL cannot run: it stays
-- NULL until the assessment next changes, and the list works it out for those rows as it shows
-- them (assessments.page).
UPDATE assessments a SET
  overall_band = p.profile::jsonb #>> '{overall,band}',
  highest_residual = round((p.profile::jsonb #>> '{overall,highestResidual}')::numeric)::integer
FROM threat_profiles p
WHERE p.assessment_id = a.id;

-- The text columns the lists sort by compare byte-wise, as SQLite's do, whatever locale the
-- database was created with: both engines then give the same order (docs/lists.md). Changing a
-- column's collation rewrites no row (the ledger's append-only triggers are not involved); only
-- indexes on it are rebuilt.
ALTER TABLE assessments ALTER COLUMN title TYPE text COLLATE "C";
ALTER TABLE audit_events ALTER COLUMN actor TYPE text COLLATE "C";
ALTER TABLE audit_events ALTER COLUMN action TYPE text COLLATE "C";
ALTER TABLE audit_events ALTER COLUMN entity TYPE text COLLATE "C";

-- The lists' default orders, their filters, and the review log (submitted assessments).
CREATE INDEX assessments_updated ON assessments (updated_at, id);
CREATE INDEX assessments_created ON assessments (created_at, id);
CREATE INDEX assessments_submitted ON assessments (submitted_at, id) WHERE submitted_at IS NOT NULL;
CREATE INDEX assessments_decided ON assessments (decided_at, id) WHERE decided_at IS NOT NULL;
CREATE INDEX assessments_status ON assessments (status, updated_at);
CREATE INDEX assessments_band ON assessments (overall_band, updated_at);
CREATE INDEX assessments_title ON assessments (lower(title), id);

-- The audit log's filters (exact action, actor or entity, newest first) and date range.
CREATE INDEX audit_events_action ON audit_events (action, seq);
CREATE INDEX audit_events_actor ON audit_events (actor, seq);
CREATE INDEX audit_events_entity ON audit_events (entity, seq);
CREATE INDEX audit_events_at ON audit_events (at);
