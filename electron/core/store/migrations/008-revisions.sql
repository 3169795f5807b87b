-- 008: optimistic concurrency (docs/team-mode.md). Answers and the workflow state of systems
-- (lifecycle), assessments (review) and risks (treatment) carry a revision bumped by every write
-- to it, with who made that write and when, so a stale write can be refused naming them.
ALTER TABLE answers ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1);
ALTER TABLE answers ADD COLUMN revised_by TEXT NOT NULL DEFAULT '';
ALTER TABLE answers ADD COLUMN revised_at TEXT NOT NULL DEFAULT '';
-- The last writer of an existing answer is whoever answered or reviewed it last.
UPDATE answers SET
  revised_by = CASE WHEN reviewed_at IS NOT NULL AND reviewed_by IS NOT NULL AND reviewed_at > answered_at THEN reviewed_by ELSE answered_by END,
  revised_at = CASE WHEN reviewed_at IS NOT NULL AND reviewed_by IS NOT NULL AND reviewed_at > answered_at THEN reviewed_at ELSE answered_at END;

-- Workflow state: who last moved it is not recorded on the row before this version (the ledger
-- has it); an existing row starts at revision 1 with its changer unknown ('').
ALTER TABLE systems ADD COLUMN workflow_revision INTEGER NOT NULL DEFAULT 1 CHECK (workflow_revision >= 1);
ALTER TABLE systems ADD COLUMN workflow_revised_by TEXT NOT NULL DEFAULT '';
ALTER TABLE systems ADD COLUMN workflow_revised_at TEXT NOT NULL DEFAULT '';
ALTER TABLE assessments ADD COLUMN workflow_revision INTEGER NOT NULL DEFAULT 1 CHECK (workflow_revision >= 1);
ALTER TABLE assessments ADD COLUMN workflow_revised_by TEXT NOT NULL DEFAULT '';
ALTER TABLE assessments ADD COLUMN workflow_revised_at TEXT NOT NULL DEFAULT '';
ALTER TABLE risks ADD COLUMN workflow_revision INTEGER NOT NULL DEFAULT 1 CHECK (workflow_revision >= 1);
ALTER TABLE risks ADD COLUMN workflow_revised_by TEXT NOT NULL DEFAULT '';
ALTER TABLE risks ADD COLUMN workflow_revised_at TEXT NOT NULL DEFAULT '';
