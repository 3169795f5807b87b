import { z } from 'zod';
import { SystemId } from './systems.ts';
import { assessmentStages, Catalog, Questionnaire } from './templates.ts';

export const AssessmentId = z
  .string({ error: 'id must be text' })
  .regex(/^ASM-[A-Z0-9]{4,16}$/, { error: 'assessment id must look like ASM-XXXXXXXX' });
export const EvidenceId = z
  .string({ error: 'id must be text' })
  .regex(/^EVD-[A-Z0-9]{4,16}$/, { error: 'evidence id must look like EVD-XXXXXXXX' });

export const answerSources = ['assessor', 'vendor'] as const;
export type AnswerSource = (typeof answerSources)[number];

/** An answer's value: an option value (yesNo, choice), several (multi), text, a number or a date. */
export const AnswerValue = z.union([
  z.string().max(10_000, { error: 'an answer is at most 10,000 characters' }),
  z.array(z.string().max(200)).max(50),
  z.number().finite(),
]);
export type AnswerValue = z.output<typeof AnswerValue>;

/**
 * One change to one question. `value` answers it (null clears the answer), `unknown: true`
 * records "I don't know", `flagged` marks it for later; any combination but value with unknown.
 */
export const AnswerChange = z
  .strictObject({
    questionId: z.string({ error: 'questionId must be text' }).min(1).max(40),
    value: AnswerValue.nullable().optional(),
    unknown: z.literal(true, { error: 'unknown can only be true' }).optional(),
    flagged: z.boolean({ error: 'flagged must be true or false' }).optional(),
  })
  .refine((c) => c.value !== undefined || c.unknown !== undefined || c.flagged !== undefined, {
    error: 'give a value, unknown: true or flagged',
  })
  .refine((c) => !(c.unknown && c.value !== undefined && c.value !== null), {
    error: 'an answer is either a value or unknown, not both',
  });
export type AnswerChange = z.output<typeof AnswerChange>;

export const AnswerInput = z.strictObject({
  id: AssessmentId,
  answers: z.array(AnswerChange).min(1, { error: 'answers must hold at least one answer' }).max(500),
});

export const StartAssessmentInput = z.strictObject({
  systemId: SystemId,
  stage: z.enum(assessmentStages, { error: `stage must be one of: ${assessmentStages.join(', ')}` }),
  title: z.string().trim().max(200).optional(),
});

export const AssessmentRef = z.strictObject({ id: AssessmentId });
export const AssessmentListInput = z.strictObject({ systemId: SystemId.optional() });

export const maxEvidenceBytes = 25 * 1024 * 1024;

export const EvidenceAddInput = z.strictObject({
  assessmentId: AssessmentId,
  questionId: z.string().min(1).max(40),
  fileName: z
    .string({ error: 'fileName must be text' })
    .trim()
    .min(1, { error: 'fileName is required' })
    .max(255, { error: 'fileName must be at most 255 characters' })
    .refine((n) => !/[\\/]/.test(n) && ![...n].some((c) => c.charCodeAt(0) < 32), {
      error: 'fileName must be a plain file name, without folders or control characters',
    }),
  mediaType: z
    .string()
    .regex(/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i, { error: 'mediaType must look like type/subtype' })
    .max(120)
    .default('application/octet-stream'),
  /** The file's bytes, base64-encoded. */
  dataBase64: z
    .string({ error: 'dataBase64 must be text' })
    .max(Math.ceil(maxEvidenceBytes / 3) * 4 + 8, { error: 'the file is larger than the 25 MB limit' })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'dataBase64 is not base64' }),
});

export const EvidenceRef = z.strictObject({ id: EvidenceId });

export const EvidenceMeta = z.object({
  id: z.string(),
  assessmentId: z.string(),
  questionId: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number(),
  sha256: z.string(),
  addedBy: z.string(),
  addedAt: z.string(),
});
export type EvidenceMeta = z.output<typeof EvidenceMeta>;

export const EvidenceFile = z.object({ meta: EvidenceMeta, dataBase64: z.string() });
export type EvidenceFile = z.output<typeof EvidenceFile>;

export const Answer = z.object({
  questionId: z.string(),
  value: AnswerValue.nullable(),
  unknown: z.boolean(),
  flagged: z.boolean(),
  source: z.enum(answerSources),
  answeredBy: z.string(),
  answeredAt: z.string(),
  /** Carried over from the previous assessment after a change or incident: to re-confirm. */
  toReconfirm: z.boolean(),
});
export type Answer = z.output<typeof Answer>;

const LevelPair = z.object({ likelihood: z.number(), impact: z.number(), score: z.number(), band: z.string() });

export const traceSteps = ['base', 'profile', 'exposure', 'clamp', 'control', 'rounding'] as const;

/**
 * One step of a threat's score. `effect` is the change it made; replaying the trace is adding
 * them up: the inherent phase from zero gives the inherent levels, the residual phase then
 * gives the residual levels.
 */
export const TraceEntry = z.object({
  step: z.enum(traceSteps),
  phase: z.enum(['inherent', 'residual']),
  questionId: z.string().optional(),
  answer: AnswerValue.optional(),
  ruleId: z.string().optional(),
  controlId: z.string().optional(),
  effect: z.object({ likelihood: z.number(), impact: z.number() }),
  detail: z.string(),
});
export type TraceEntry = z.output<typeof TraceEntry>;

export const ThreatScore = z.object({
  id: z.string(),
  name: z.string(),
  inherent: LevelPair,
  residual: LevelPair,
  trace: z.array(TraceEntry),
  gaps: z.array(z.string()),
  controls: z.array(z.object({ id: z.string(), strength: z.enum(['full', 'reduced']) })),
});
export type ThreatScore = z.output<typeof ThreatScore>;

export const ThreatProfile = z.object({
  assessmentId: z.string(),
  overall: z.object({ band: z.string(), highestResidual: z.number() }),
  threats: z.array(ThreatScore),
  heatmap: z.object({ inherent: z.array(z.array(z.number())), residual: z.array(z.array(z.number())) }),
  scoredAt: z.string(),
});
export type ThreatProfile = z.output<typeof ThreatProfile>;

export const Progress = z.object({
  visible: z.number(),
  answered: z.number(),
  unknown: z.number(),
  required: z.number(),
  requiredAnswered: z.number(),
  flagged: z.number(),
  missingRequired: z.array(z.string()),
  /** Answers carried from the last assessment that nobody has re-confirmed yet. */
  toReconfirm: z.array(z.string()),
});
export type Progress = z.output<typeof Progress>;

export const assessmentStatuses = ['draft', 'inProgress', 'awaitingVendor', 'submitted', 'inReview', 'approved', 'approvedWithConditions', 'returned', 'rejected'] as const;

export const AssessmentSummary = z.object({
  id: z.string(),
  systemId: z.string(),
  systemName: z.string(),
  stage: z.enum(assessmentStages),
  title: z.string(),
  status: z.enum(assessmentStatuses),
  questionnaires: z.array(z.object({ id: z.string(), version: z.string() })),
  progress: Progress,
  overall: z.object({ band: z.string(), highestResidual: z.number() }),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
});
export type AssessmentSummary = z.output<typeof AssessmentSummary>;

export const SignOffSchema = z.object({
  name: z.string(),
  role: z.string(),
  decision: z.enum(['approve', 'approveWithConditions', 'return', 'reject']),
  comment: z.string(),
  conditions: z.array(z.object({ text: z.string(), owner: z.string(), due: z.string() })),
  at: z.string(),
});

export const ReviewRecord = z.object({
  requiredSignOffs: z.number(),
  signOffs: z.array(SignOffSchema),
  previousRounds: z.array(z.array(SignOffSchema)),
  allowedEvents: z.array(z.string()),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  carriedFrom: z.string().nullable(),
});
export type ReviewRecord = z.output<typeof ReviewRecord>;

/** Everything the assessment page needs in one call. */
export const AssessmentDetail = AssessmentSummary.extend({
  /** Answers and evidence can change (draft, in progress, awaiting the vendor). */
  editable: z.boolean(),
  review: ReviewRecord,
  questionnaireSnapshots: z.array(Questionnaire),
  catalog: Catalog.pick({ matrix: true }),
  answers: z.array(Answer),
  evidence: z.array(EvidenceMeta),
  visibleQuestions: z.array(z.string()),
  profile: ThreatProfile,
});
export type AssessmentDetail = z.output<typeof AssessmentDetail>;

export const AnswerResult = z.object({ status: z.enum(assessmentStatuses), answers: z.array(Answer), progress: Progress, profile: ThreatProfile, visibleQuestions: z.array(z.string()) });
export type AnswerResult = z.output<typeof AnswerResult>;
