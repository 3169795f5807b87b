import type { Database } from 'better-sqlite3';
import { currentScoringModel, type Answer, type AnswerReviewVerdict, type AnswerSource, type AnswerValue, type EvidenceMeta, type ThreatProfile } from '../../contract/index.ts';
import type { StoredResolution } from '../scoring/contradictions.ts';
import { approvedStatuses } from '../rules/statuses.ts';

export interface AssessmentRow {
  id: string;
  system_id: string;
  stage: 'procurement' | 'validation' | 'deployment' | 'use';
  title: string;
  status: string;
  snapshot_hash: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  review_snapshot: string | null;
  submitted_at: string | null;
  decided_at: string | null;
  carried_from: string | null;
  scoring_model: 1 | 2;
}

interface AnswerRow {
  question_id: string;
  value: string | null;
  unknown: number;
  not_applicable: number;
  flagged: number;
  source: AnswerSource;
  transcribed: number;
  review: AnswerReviewVerdict | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  answered_by: string;
  answered_at: string;
  to_reconfirm: number;
}

interface EvidenceRow {
  id: string;
  assessment_id: string;
  question_id: string;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  added_by: string;
  added_at: string;
  verified_by: string | null;
  verified_at: string | null;
}

interface ResolutionRow {
  control_id: string;
  decision: 'credit' | 'deny';
  fingerprint: string;
  note: string;
  resolved_by: string;
  resolved_at: string;
}

const toAnswer = (r: AnswerRow): Answer => ({
  questionId: r.question_id,
  value: r.value === null ? null : (JSON.parse(r.value) as AnswerValue),
  unknown: r.unknown === 1,
  notApplicable: r.not_applicable === 1,
  flagged: r.flagged === 1,
  source: r.source,
  transcribed: r.transcribed === 1,
  review: r.review && r.reviewed_by && r.reviewed_at ? { verdict: r.review, by: r.reviewed_by, at: r.reviewed_at } : null,
  answeredBy: r.answered_by,
  answeredAt: r.answered_at,
  toReconfirm: r.to_reconfirm === 1,
});

const toEvidence = (r: EvidenceRow): EvidenceMeta => ({
  id: r.id,
  assessmentId: r.assessment_id,
  questionId: r.question_id,
  fileName: r.file_name,
  mediaType: r.media_type,
  size: r.size,
  sha256: r.sha256,
  addedBy: r.added_by,
  addedAt: r.added_at,
  verifiedBy: r.verified_by,
  verifiedAt: r.verified_at,
});

const evidenceColumns = 'id, assessment_id, question_id, file_name, media_type, size, sha256, added_by, added_at, verified_by, verified_at';
const answerColumns =
  'question_id, value, unknown, not_applicable, flagged, source, transcribed, review, reviewed_by, reviewed_at, answered_by, answered_at, to_reconfirm';

/** All SQL for assessments, answers, evidence and stored profiles. */
export function createAssessmentsRepository(db: Database) {
  const s = {
    snapshotExists: db.prepare('SELECT 1 FROM template_snapshots WHERE hash = ?'),
    insertSnapshot: db.prepare('INSERT INTO template_snapshots (hash, content) VALUES (?, ?)'),
    readSnapshot: db.prepare('SELECT content FROM template_snapshots WHERE hash = ?'),
    insert: db.prepare(
      `INSERT INTO assessments (id, system_id, stage, title, status, snapshot_hash, created_at, created_by, updated_at, review_snapshot, carried_from, scoring_model)
       VALUES (@id, @systemId, @stage, @title, 'draft', @hash, @at, @actor, @at, @review, @carriedFrom, @scoringModel)`,
    ),
    setScoring: db.prepare('UPDATE assessments SET scoring_model = @model, snapshot_hash = @hash, updated_at = @at WHERE id = @id'),
    approvedOfSystem: db.prepare(
      `SELECT * FROM assessments WHERE system_id = ? AND status IN (${[...approvedStatuses].map((s) => `'${s}'`).join(', ')}) ORDER BY decided_at, created_at, rowid`,
    ),
    find: db.prepare('SELECT * FROM assessments WHERE id = ?'),
    list: db.prepare('SELECT * FROM assessments WHERE (@systemId IS NULL OR system_id = @systemId) ORDER BY created_at DESC, id'),
    touch: db.prepare('UPDATE assessments SET updated_at = ?, status = ? WHERE id = ?'),
    setReview: db.prepare(
      `UPDATE assessments SET status = @status, review_snapshot = @snapshot, updated_at = @at,
         submitted_at = COALESCE(@submittedAt, submitted_at), decided_at = COALESCE(@decidedAt, decided_at) WHERE id = @id`,
    ),
    latestOfSystem: db.prepare('SELECT * FROM assessments WHERE system_id = @systemId AND (@stage IS NULL OR stage = @stage) ORDER BY created_at DESC, rowid DESC LIMIT 1'),
    answers: db.prepare(`SELECT ${answerColumns} FROM answers WHERE assessment_id = ?`),
    upsertAnswer: db.prepare(
      `INSERT INTO answers (assessment_id, question_id, value, unknown, not_applicable, flagged, source, transcribed, review, reviewed_by, reviewed_at, answered_by, answered_at, to_reconfirm)
       VALUES (@assessmentId, @questionId, @value, @unknown, @notApplicable, @flagged, @source, @transcribed, @review, @reviewedBy, @reviewedAt, @actor, @at, @toReconfirm)
       ON CONFLICT (assessment_id, question_id) DO UPDATE SET
         value = excluded.value, unknown = excluded.unknown, not_applicable = excluded.not_applicable, flagged = excluded.flagged,
         source = excluded.source, transcribed = excluded.transcribed, review = excluded.review, reviewed_by = excluded.reviewed_by,
         reviewed_at = excluded.reviewed_at, answered_by = excluded.answered_by, answered_at = excluded.answered_at,
         to_reconfirm = excluded.to_reconfirm`,
    ),
    deleteAnswers: db.prepare('DELETE FROM answers WHERE assessment_id = ?'),
    verifyEvidence: db.prepare('UPDATE evidence SET verified_by = @by, verified_at = @at WHERE id = @id'),
    resolutions: db.prepare('SELECT control_id, decision, fingerprint, note, resolved_by, resolved_at FROM contradiction_resolutions WHERE assessment_id = ?'),
    upsertResolution: db.prepare(
      `INSERT INTO contradiction_resolutions (assessment_id, control_id, decision, fingerprint, note, resolved_by, resolved_at)
       VALUES (@assessmentId, @controlId, @decision, @fingerprint, @note, @by, @at)
       ON CONFLICT (assessment_id, control_id) DO UPDATE SET decision = excluded.decision, fingerprint = excluded.fingerprint,
         note = excluded.note, resolved_by = excluded.resolved_by, resolved_at = excluded.resolved_at`,
    ),
    evidenceFor: db.prepare(`SELECT ${evidenceColumns} FROM evidence WHERE assessment_id = ? ORDER BY added_at, id`),
    evidenceById: db.prepare(`SELECT ${evidenceColumns} FROM evidence WHERE id = ?`),
    evidenceBytes: db.prepare('SELECT bytes FROM evidence WHERE id = ?'),
    insertEvidence: db.prepare(
      `INSERT INTO evidence (id, assessment_id, question_id, file_name, media_type, size, sha256, bytes, added_by, added_at)
       VALUES (@id, @assessmentId, @questionId, @fileName, @mediaType, @size, @sha256, @bytes, @addedBy, @addedAt)`,
    ),
    deleteEvidence: db.prepare('DELETE FROM evidence WHERE id = ?'),
    saveProfile: db.prepare(
      `INSERT INTO threat_profiles (assessment_id, profile, scored_at) VALUES (?, ?, ?)
       ON CONFLICT (assessment_id) DO UPDATE SET profile = excluded.profile, scored_at = excluded.scored_at`,
    ),
    readProfile: db.prepare('SELECT profile FROM threat_profiles WHERE assessment_id = ?'),
  };

  return {
    /** For appending audit events in the same transaction as the repository's writes. */
    db,
    ensureSnapshot(hash: string, json: string) {
      if (!s.snapshotExists.get(hash)) s.insertSnapshot.run(hash, json);
    },
    readSnapshot(hash: string): string {
      const row = s.readSnapshot.get(hash) as { content: string } | undefined;
      if (!row) throw new Error(`template snapshot ${hash} is missing`);
      return row.content;
    },
    insert(a: { id: string; systemId: string; stage: string; title: string; hash: string; at: string; actor: string; review: string; carriedFrom: string | null }) {
      s.insert.run({ ...a, scoringModel: currentScoringModel });
    },
    /** Re-pin an assessment to a scoring model and template snapshot (its answers are rewritten by the caller). */
    setScoring(a: { id: string; model: 1 | 2; hash: string; at: string }) {
      s.setScoring.run(a);
    },
    /** The system's approved assessments, in the order they were decided. */
    approvedOfSystem: (systemId: string) => s.approvedOfSystem.all(systemId) as AssessmentRow[],
    setReview(a: { id: string; status: string; snapshot: string; at: string; submittedAt?: string | null; decidedAt?: string | null }) {
      s.setReview.run({ submittedAt: null, decidedAt: null, ...a });
    },
    latestOfSystem: (systemId: string, stage: string | null) => s.latestOfSystem.get({ systemId, stage }) as AssessmentRow | undefined,
    find: (id: string) => s.find.get(id) as AssessmentRow | undefined,
    list: (systemId: string | null) => s.list.all({ systemId }) as AssessmentRow[],
    touch(id: string, at: string, status: string) {
      s.touch.run(at, status, id);
    },
    answers: (id: string) => (s.answers.all(id) as AnswerRow[]).map(toAnswer),
    upsertAnswer(a: { assessmentId: string; answer: Answer }) {
      s.upsertAnswer.run({
        assessmentId: a.assessmentId,
        questionId: a.answer.questionId,
        value: a.answer.value === null ? null : JSON.stringify(a.answer.value),
        unknown: a.answer.unknown ? 1 : 0,
        notApplicable: a.answer.notApplicable ? 1 : 0,
        flagged: a.answer.flagged ? 1 : 0,
        source: a.answer.source,
        transcribed: a.answer.transcribed ? 1 : 0,
        review: a.answer.review?.verdict ?? null,
        reviewedBy: a.answer.review?.by ?? null,
        reviewedAt: a.answer.review?.at ?? null,
        actor: a.answer.answeredBy,
        at: a.answer.answeredAt,
        toReconfirm: a.answer.toReconfirm ? 1 : 0,
      });
    },
    deleteAnswers(assessmentId: string) {
      s.deleteAnswers.run(assessmentId);
    },
    verifyEvidence(id: string, by: string | null, at: string | null) {
      s.verifyEvidence.run({ id, by, at });
    },
    resolutions: (assessmentId: string): Map<string, StoredResolution> =>
      new Map(
        (s.resolutions.all(assessmentId) as ResolutionRow[]).map((r) => [
          r.control_id,
          { decision: r.decision, fingerprint: r.fingerprint, note: r.note, by: r.resolved_by, at: r.resolved_at },
        ]),
      ),
    saveResolution(r: { assessmentId: string; controlId: string } & StoredResolution) {
      s.upsertResolution.run(r);
    },
    evidenceFor: (assessmentId: string) => (s.evidenceFor.all(assessmentId) as EvidenceRow[]).map(toEvidence),
    findEvidence(id: string): EvidenceMeta | undefined {
      const row = s.evidenceById.get(id) as EvidenceRow | undefined;
      return row && toEvidence(row);
    },
    evidenceBytes: (id: string) => (s.evidenceBytes.get(id) as { bytes: Buffer } | undefined)?.bytes,
    insertEvidence(e: Omit<EvidenceMeta, 'verifiedBy' | 'verifiedAt'> & { bytes: Buffer }) {
      s.insertEvidence.run(e);
    },
    deleteEvidence(id: string) {
      s.deleteEvidence.run(id);
    },
    saveProfile(profile: ThreatProfile) {
      s.saveProfile.run(profile.assessmentId, JSON.stringify(profile), profile.scoredAt);
    },
    readProfile(id: string): ThreatProfile | undefined {
      const row = s.readProfile.get(id) as { profile: string } | undefined;
      return row && (JSON.parse(row.profile) as ThreatProfile);
    },
  };
}

export type AssessmentsRepository = ReturnType<typeof createAssessmentsRepository>;
