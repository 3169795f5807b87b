-- 006 (PostgreSQL): scoring model 2 (issue 12). Everything is added beside what exists:
-- assessments started before this version keep scoring model 1 and their answers keep their meaning.

-- The clinical severity inputs of the inventory record.
ALTER TABLE systems ADD COLUMN worst_credible_harm text
  CHECK (worst_credible_harm IN ('negligible', 'minor', 'serious', 'critical', 'catastrophic'));
ALTER TABLE systems ADD COLUMN time_critical smallint CHECK (time_critical IN (0, 1));

-- Which scoring model an assessment is pinned to; existing ones stay on 1 until upgraded.
ALTER TABLE assessments ADD COLUMN scoring_model smallint NOT NULL DEFAULT 1 CHECK (scoring_model IN (1, 2));

-- "Not applicable", an answer transcribed from the vendor's own questionnaire, and an assessor's
-- review of a free-text answer.
ALTER TABLE answers ADD COLUMN not_applicable smallint NOT NULL DEFAULT 0 CHECK (not_applicable IN (0, 1));
ALTER TABLE answers ADD COLUMN transcribed smallint NOT NULL DEFAULT 0 CHECK (transcribed IN (0, 1));
ALTER TABLE answers ADD COLUMN review text CHECK (review IN ('adequate', 'inadequate'));
ALTER TABLE answers ADD COLUMN reviewed_by text;
ALTER TABLE answers ADD COLUMN reviewed_at text;

-- An assessor's check that an evidence file shows what the answer claims.
ALTER TABLE evidence ADD COLUMN verified_by text;
ALTER TABLE evidence ADD COLUMN verified_at text;

-- How an assessor settled a contradiction between answers about one safeguard. It holds only
-- while the answers are those it was made on (`fingerprint`); a changed answer reopens it.
CREATE TABLE contradiction_resolutions (
  assessment_id  text NOT NULL REFERENCES assessments (id),
  control_id     text NOT NULL,
  decision       text NOT NULL CHECK (decision IN ('credit', 'deny')),
  fingerprint    text NOT NULL,
  note           text NOT NULL,
  resolved_by    text NOT NULL,
  resolved_at    text NOT NULL,
  PRIMARY KEY (assessment_id, control_id)
);
