-- 011: what the assessment and review lists sort and filter by, stored on the assessment
-- (docs/lists.md): the overall band and highest residual score as last scored, and the required
-- questions answered of those required. The assessments service writes them in the same
-- transaction that rescores the assessment after every change (and on submission).
ALTER TABLE assessments ADD COLUMN overall_band TEXT;
ALTER TABLE assessments ADD COLUMN highest_residual INTEGER CHECK (highest_residual IS NULL OR highest_residual >= 0);
ALTER TABLE assessments ADD COLUMN required_answered INTEGER CHECK (required_answered IS NULL OR required_answered >= 0);
ALTER TABLE assessments ADD COLUMN required_count INTEGER CHECK (required_count IS NULL OR required_count >= 0);

-- The band and highest residual come from the profile stored when the assessment was last
-- scored. Progress needs the questionnaire's visibility rules, which SQL cannot run: it stays
-- NULL until the assessment next changes, and the list works it out for those rows as it shows
-- them (assessments.page).
UPDATE assessments SET
  overall_band = (SELECT json_extract(p.profile, '$.overall.band') FROM threat_profiles p WHERE p.assessment_id = assessments.id),
  highest_residual = (SELECT CAST(json_extract(p.profile, '$.overall.highestResidual') AS INTEGER) FROM threat_profiles p WHERE p.assessment_id = assessments.id);

-- The lists' default orders, their filters, and the review log (submitted assessments).
CREATE INDEX assessments_updated ON assessments (updated_at, id);
CREATE INDEX assessments_created ON assessments (created_at, id);
CREATE INDEX assessments_submitted ON assessments (submitted_at, id) WHERE submitted_at IS NOT NULL;
CREATE INDEX assessments_decided ON assessments (decided_at, id) WHERE decided_at IS NOT NULL;
CREATE INDEX assessments_status ON assessments (status, updated_at);
CREATE INDEX assessments_band ON assessments (overall_band, updated_at);
CREATE INDEX assessments_title ON assessments (lower(title), id);

-- The audit log's filters (exact action, actor or entity, newest first) and date range. Creating
-- an index writes no row: the ledger's append-only triggers are not involved.
CREATE INDEX audit_events_action ON audit_events (action, seq);
CREATE INDEX audit_events_actor ON audit_events (actor, seq);
CREATE INDEX audit_events_entity ON audit_events (entity, seq);
CREATE INDEX audit_events_at ON audit_events (at);
