import type { Kysely } from 'kysely';
import type { Answer, AnswerReviewVerdict, AnswerValue, EvidenceMeta } from '../../contract/index.ts';
import type { Row, Schema } from '../store/schema.ts';
import { prepareQuery } from '../store/prepared-query.ts';
import type { Revised, RevisionStamp } from '../rules/revisions.ts';

/**
 * An answer's stored value: text, a number, or a list of option values. Values were checked
 * against the contract's `AnswerValue` on the way in; reading them back checks their shape by
 * hand, because the schema's parse would cost more than the rest of reading an assessment's
 * answers, which every answer saved does.
 */
function decodeAnswerValue(text: string, where: string): AnswerValue {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`Stored JSON in ${where} is not valid JSON.`);
  }
  if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) return value;
  if (Array.isArray(value)) {
    const options: string[] = [];
    for (const option of value) {
      if (typeof option !== 'string') break;
      options.push(option);
    }
    if (options.length === value.length) return options;
  }
  throw new Error(`Stored JSON in ${where} is not an answer value (text, a number or a list of options).`);
}

/** The columns an answer is read from (its assessment is known to the caller). */
const answerColumns = [
  'question_id',
  'value',
  'unknown',
  'not_applicable',
  'flagged',
  'source',
  'transcribed',
  'review',
  'reviewed_by',
  'reviewed_at',
  'answered_by',
  'answered_at',
  'to_reconfirm',
  'revision',
] as const;

const toAnswer = (assessmentId: string, r: Pick<Row<'answers'>, (typeof answerColumns)[number]>): Answer => ({
  questionId: r.question_id,
  value: r.value === null ? null : decodeAnswerValue(r.value, `answers.value of ${assessmentId} ${r.question_id}`),
  unknown: r.unknown === 1,
  notApplicable: r.not_applicable === 1,
  flagged: r.flagged === 1,
  source: r.source,
  transcribed: r.transcribed === 1,
  review: r.review && r.reviewed_by && r.reviewed_at ? { verdict: r.review, by: r.reviewed_by, at: r.reviewed_at } : null,
  answeredBy: r.answered_by,
  answeredAt: r.answered_at,
  toReconfirm: r.to_reconfirm === 1,
  revision: r.revision,
});

/** Every evidence column but the file's bytes, which only `evidenceBytes` reads. */
const evidenceColumns = [
  'id',
  'assessment_id',
  'question_id',
  'file_name',
  'media_type',
  'size',
  'sha256',
  'added_by',
  'added_at',
  'verified_by',
  'verified_at',
] as const;

const toEvidence = (r: Omit<Row<'evidence'>, 'bytes'>): EvidenceMeta => ({
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

const flag = (value: boolean): 0 | 1 => (value ? 1 : 0);

/**
 * The order answers are listed in: by question id. It is the order SQLite gave before it was
 * written down (it reads them through the primary key's index), now the same on every engine.
 */
export const compareAnswers = (a: Answer, b: Answer): number => (a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0);

export interface AnswersRepository {
  /** An assessment's answers, by question id. */
  forAssessment(assessmentId: string): Promise<Answer[]>;
  /**
   * Writes one answer whole, adding it or replacing the one stored for its question; `stamp`
   * records who wrote it and when. A replaced answer's revision is bumped by one; an added one
   * takes `answer.revision` (1 for a new answer; the next one for an answer written back whole).
   */
  upsert(assessmentId: string, answer: Answer, stamp: RevisionStamp): Promise<void>;
  /** An assessor's review of an answer's words (null clears it); bumps the answer's revision. */
  setReview(assessmentId: string, questionId: string, review: { verdict: AnswerReviewVerdict; by: string; at: string } | null, stamp: RevisionStamp): Promise<void>;
  /** An answer's revision and who last wrote it (for a refused stale write). */
  revisionOf(assessmentId: string, questionId: string): Promise<Revised | undefined>;
  deleteForAssessment(assessmentId: string): Promise<void>;

  /** An assessment's evidence files (without their bytes), in the order they were added. */
  evidenceFor(assessmentId: string): Promise<EvidenceMeta[]>;
  findEvidence(id: string): Promise<EvidenceMeta | undefined>;
  evidenceBytes(id: string): Promise<Buffer | undefined>;
  insertEvidence(evidence: Omit<EvidenceMeta, 'verifiedBy' | 'verifiedAt'> & { bytes: Buffer }): Promise<void>;
  deleteEvidence(id: string): Promise<void>;
  /** Marks a file checked by `by` at `at`, or (both null) unchecked. */
  verifyEvidence(id: string, by: string | null, at: string | null): Promise<void>;
}

// Run on every answer saved (see prepared-query.ts).
const answersOf = prepareQuery((db, p: { assessmentId: string }) =>
  db.selectFrom('answers').select(answerColumns).where('assessment_id', '=', p.assessmentId).orderBy('question_id'),
);
const upsertAnswer = prepareQuery((db, p: Row<'answers'>) =>
  db
    .insertInto('answers')
    .values({
      assessment_id: p.assessment_id,
      question_id: p.question_id,
      value: p.value,
      unknown: p.unknown,
      not_applicable: p.not_applicable,
      flagged: p.flagged,
      source: p.source,
      transcribed: p.transcribed,
      review: p.review,
      reviewed_by: p.reviewed_by,
      reviewed_at: p.reviewed_at,
      answered_by: p.answered_by,
      answered_at: p.answered_at,
      to_reconfirm: p.to_reconfirm,
      revision: p.revision,
      revised_by: p.revised_by,
      revised_at: p.revised_at,
    })
    .onConflict((oc) =>
      oc.columns(['assessment_id', 'question_id']).doUpdateSet((eb) => ({
        value: eb.ref('excluded.value'),
        unknown: eb.ref('excluded.unknown'),
        not_applicable: eb.ref('excluded.not_applicable'),
        flagged: eb.ref('excluded.flagged'),
        source: eb.ref('excluded.source'),
        transcribed: eb.ref('excluded.transcribed'),
        review: eb.ref('excluded.review'),
        reviewed_by: eb.ref('excluded.reviewed_by'),
        reviewed_at: eb.ref('excluded.reviewed_at'),
        answered_by: eb.ref('excluded.answered_by'),
        answered_at: eb.ref('excluded.answered_at'),
        to_reconfirm: eb.ref('excluded.to_reconfirm'),
        revision: eb(eb.ref('answers.revision'), '+', 1),
        revised_by: eb.ref('excluded.revised_by'),
        revised_at: eb.ref('excluded.revised_at'),
      })),
    ),
);
const evidenceOf = prepareQuery((db, p: { assessmentId: string }) =>
  db.selectFrom('evidence').select(evidenceColumns).where('assessment_id', '=', p.assessmentId).orderBy('added_at').orderBy('id'),
);

export function createAnswersRepository(db: Kysely<Schema>): AnswersRepository {
  return {
    forAssessment: async (assessmentId) => (await answersOf.execute(db, { assessmentId })).map((r) => toAnswer(assessmentId, r)),
    upsert: async (assessmentId, answer, stamp) => {
      await upsertAnswer.execute(db, {
        assessment_id: assessmentId,
        question_id: answer.questionId,
        value: answer.value === null ? null : JSON.stringify(answer.value),
        unknown: flag(answer.unknown),
        not_applicable: flag(answer.notApplicable),
        flagged: flag(answer.flagged),
        source: answer.source,
        transcribed: flag(answer.transcribed),
        review: answer.review?.verdict ?? null,
        reviewed_by: answer.review?.by ?? null,
        reviewed_at: answer.review?.at ?? null,
        answered_by: answer.answeredBy,
        answered_at: answer.answeredAt,
        to_reconfirm: flag(answer.toReconfirm),
        revision: answer.revision,
        revised_by: stamp.actor,
        revised_at: stamp.at,
      });
    },
    setReview: async (assessmentId, questionId, review, stamp) => {
      await db
        .updateTable('answers')
        .set((eb) => ({
          review: review?.verdict ?? null,
          reviewed_by: review?.by ?? null,
          reviewed_at: review?.at ?? null,
          revision: eb(eb.ref('revision'), '+', 1),
          revised_by: stamp.actor,
          revised_at: stamp.at,
        }))
        .where('assessment_id', '=', assessmentId)
        .where('question_id', '=', questionId)
        .execute();
    },
    revisionOf: async (assessmentId, questionId) => {
      const row = await db
        .selectFrom('answers')
        .select(['revision', 'revised_by', 'revised_at'])
        .where('assessment_id', '=', assessmentId)
        .where('question_id', '=', questionId)
        .executeTakeFirst();
      return row && { revision: row.revision, revisedBy: row.revised_by, revisedAt: row.revised_at };
    },
    deleteForAssessment: async (assessmentId) => {
      await db.deleteFrom('answers').where('assessment_id', '=', assessmentId).execute();
    },

    evidenceFor: async (assessmentId) => (await evidenceOf.execute(db, { assessmentId })).map(toEvidence),
    findEvidence: async (id) => {
      const row = await db.selectFrom('evidence').select(evidenceColumns).where('id', '=', id).executeTakeFirst();
      return row && toEvidence(row);
    },
    evidenceBytes: async (id) => (await db.selectFrom('evidence').select('bytes').where('id', '=', id).executeTakeFirst())?.bytes,
    insertEvidence: async (e) => {
      await db
        .insertInto('evidence')
        .values({
          id: e.id,
          assessment_id: e.assessmentId,
          question_id: e.questionId,
          file_name: e.fileName,
          media_type: e.mediaType,
          size: e.size,
          sha256: e.sha256,
          bytes: e.bytes,
          added_by: e.addedBy,
          added_at: e.addedAt,
          verified_by: null,
          verified_at: null,
        })
        .execute();
    },
    deleteEvidence: async (id) => {
      await db.deleteFrom('evidence').where('id', '=', id).execute();
    },
    verifyEvidence: async (id, by, at) => {
      await db.updateTable('evidence').set({ verified_by: by, verified_at: at }).where('id', '=', id).execute();
    },
  };
}
