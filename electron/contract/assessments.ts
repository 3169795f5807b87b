import { z } from 'zod';
import { plainFileName } from './plain-text.ts';
import { ActingAs } from './acting-as.ts';
import { SystemId } from './systems.ts';
import { expectedRevision } from './input-fields.ts';
import { pagedInput, pageOf } from './paging.ts';
import { assessmentStages, Catalog, Questionnaire } from './templates.ts';

export const AssessmentId = z
  .string({ error: 'id must be text' })
  .regex(/^ASM-[A-Z0-9]{4,16}$/, { error: 'assessment id must look like ASM-XXXXXXXX' });
export const EvidenceId = z
  .string({ error: 'id must be text' })
  .regex(/^EVD-[A-Z0-9]{4,16}$/, { error: 'evidence id must look like EVD-XXXXXXXX' });

export const answerSources = ['assessor', 'vendor'] as const;
export const answerReviewVerdicts = ['adequate', 'inadequate'] as const;
export type AnswerReviewVerdict = (typeof answerReviewVerdicts)[number];

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
 * records "I don't know", `notApplicable: true` records "Not applicable" (only where the question
 * offers it), `flagged` marks it for later. `transcribed: true` records the value as the
 * vendor's claim, typed in by the assessor from the vendor's own questionnaire: it scores as a
 * vendor claim, not as the assessor's finding.
 */
export const AnswerChange = z
  .strictObject({
    questionId: z.string({ error: 'questionId must be text' }).min(1).max(40),
    value: AnswerValue.nullable().optional(),
    unknown: z.literal(true, { error: 'unknown can only be true' }).optional(),
    notApplicable: z.literal(true, { error: 'notApplicable can only be true' }).optional(),
    flagged: z.boolean({ error: 'flagged must be true or false' }).optional(),
    transcribed: z.boolean({ error: 'transcribed must be true or false' }).optional(),
    /**
     * The answer's revision the writer last read (0: it read no answer). If the answer has moved
     * on, the whole call is refused with CONFLICT naming who changed it. Without it, the last
     * writer wins (the CLI, scripts).
     */
    expectedRevision: expectedRevision.optional(),
  })
  .refine((c) => c.value !== undefined || c.unknown !== undefined || c.notApplicable !== undefined || c.flagged !== undefined, {
    error: 'give a value, unknown: true, notApplicable: true or flagged',
  })
  .refine((c) => [c.value !== undefined && c.value !== null, c.unknown === true, c.notApplicable === true].filter(Boolean).length <= 1, {
    error: 'an answer is one of a value, unknown or not applicable',
  })
  .refine((c) => c.transcribed === undefined || (c.value !== undefined && c.value !== null), {
    error: 'transcribed goes with a value: it records whose claim the value is',
  });
export type AnswerChange = z.output<typeof AnswerChange>;

export const AnswerInput = z.strictObject({
  id: AssessmentId,
  answers: z.array(AnswerChange).min(1, { error: 'answers must hold at least one answer' }).max(500),
  by: ActingAs.optional(),
});

export const StartAssessmentInput = z.strictObject({
  systemId: SystemId,
  stage: z.enum(assessmentStages, { error: `stage must be one of: ${assessmentStages.join(', ')}` }),
  title: z.string().trim().max(200).optional(),
  by: ActingAs.optional(),
});

export const AssessmentRef = z.strictObject({ id: AssessmentId });
export const AssessmentListInput = z.strictObject({ systemId: SystemId.optional() });

export const maxEvidenceBytes = 25 * 1024 * 1024;

export const EvidenceAddInput = z.strictObject({
  assessmentId: AssessmentId,
  questionId: z.string().min(1).max(40),
  fileName: plainFileName(),
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
  by: ActingAs.optional(),
});

export const EvidenceRef = z.strictObject({ id: EvidenceId });
/** evidence.remove. */
export const EvidenceRemoveInput = EvidenceRef.extend({ by: ActingAs.optional() });

export const EvidenceVerifyInput = z.strictObject({
  id: EvidenceId,
  verified: z.boolean({ error: 'verified must be true or false' }),
  by: ActingAs.optional(),
});

export const AnswerReviewInput = z.strictObject({
  assessmentId: AssessmentId,
  questionId: z.string({ error: 'questionId must be text' }).min(1).max(40),
  /** null takes a verdict back. */
  verdict: z.enum(answerReviewVerdicts, { error: 'verdict must be adequate or inadequate' }).nullable(),
  by: ActingAs.optional(),
});

export const ResolveContradictionInput = z.strictObject({
  assessmentId: AssessmentId,
  controlId: z.string({ error: 'controlId must be text' }).regex(/^C-[A-Z0-9]+(-[A-Z0-9]+)*$/, { error: 'controlId must look like C-NAME' }),
  decision: z.enum(['credit', 'deny'], { error: 'decision must be credit (the safeguard is in place) or deny (it is not)' }),
  note: z.string({ error: 'note must be text' }).trim().min(1, { error: 'say why: a note is required' }).max(2000),
  by: ActingAs.optional(),
});

export const UpgradeScoringInput = z.strictObject({ id: AssessmentId, by: ActingAs.optional() });

export const UpgradeScoringResult = z.object({
  id: z.string(),
  from: z.union([z.literal(1), z.literal(2)]),
  to: z.union([z.literal(1), z.literal(2)]),
  carried: z.number(),
  /** Answers whose question is not in the current templates (kept out of the upgraded assessment). */
  notCarried: z.array(z.string()),
  before: z.object({ band: z.string(), highestResidual: z.number() }),
  after: z.object({ band: z.string(), highestResidual: z.number() }),
});
export type UpgradeScoringResult = z.output<typeof UpgradeScoringResult>;

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
  /** Who checked that the file shows what the answer claims, and when; null until someone has. */
  verifiedBy: z.string().nullable(),
  verifiedAt: z.string().nullable(),
});
export type EvidenceMeta = z.output<typeof EvidenceMeta>;

export const EvidenceFile = z.object({ meta: EvidenceMeta, dataBase64: z.string() });
export type EvidenceFile = z.output<typeof EvidenceFile>;

export const Answer = z.object({
  questionId: z.string(),
  value: AnswerValue.nullable(),
  unknown: z.boolean(),
  notApplicable: z.boolean(),
  flagged: z.boolean(),
  source: z.enum(answerSources),
  /** A vendor's claim typed in by an assessor (source is then 'vendor'). */
  transcribed: z.boolean(),
  /** An assessor's verdict on a free-text answer; only "adequate" lets it credit a safeguard. */
  review: z.object({ verdict: z.enum(answerReviewVerdicts), by: z.string(), at: z.string() }).nullable(),
  answeredBy: z.string(),
  answeredAt: z.string(),
  /** Carried over from the previous assessment after a change or incident: to re-confirm. */
  toReconfirm: z.boolean(),
  /** Bumped by every write to this answer; send it back as `expectedRevision` (optimistic concurrency). */
  revision: z.number().int(),
});
export type Answer = z.output<typeof Answer>;

/** A likelihood/impact pair on the 1-5 scale with its score and band (a threat's, and the risk opened for it). */
export const LevelPair = z.object({
  likelihood: z.number(),
  impact: z.number(),
  score: z.number(),
  band: z.string(),
  /** Model 2: the exposure before it is put on the 1-5 scale (the sum of the trace's effects). */
  raw: z.object({ likelihood: z.number(), impact: z.number() }).optional(),
});

/**
 * Model 1 steps: base, profile, exposure, clamp, control, rounding. Model 2 adds severity (the
 * system's clinical harm sets the impact), unknown ("I don't know" counted as the least safe
 * answer), inherited (an approved earlier stage's finding), observed (a monitoring breach or a
 * clinician-readiness shortfall seen after go-live, issue 20), contradiction (a safeguard not
 * credited while answers disagree) and floor (what no safeguard removes).
 */
export const traceSteps = ['base', 'severity', 'profile', 'exposure', 'unknown', 'inherited', 'observed', 'clamp', 'control', 'contradiction', 'floor', 'rounding'] as const;

/**
 * One step of a threat's score. `effect` is the change it made; replaying the trace is adding
 * them up: the inherent phase from zero gives the inherent exposure (`raw`), the residual phase
 * then gives the residual exposure; each level is its exposure put on the 1-5 scale (rounded to
 * the nearest level, halves up, kept within 1-5). In model 1 the trace itself holds the clamp
 * and rounding, so its sums are the levels.
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
  /** Model 2: what the threat harms (clinical harms take the system's worst credible harm). */
  harm: z.enum(['clinical', 'data', 'service']).optional(),
});
export type ThreatScore = z.output<typeof ThreatScore>;

export const scoringModels = [1, 2] as const;
export type ScoringModel = (typeof scoringModels)[number];
export const currentScoringModel: ScoringModel = 2;

/** One side of a contradiction: an answer that credits the safeguard, or one that says it is not in place. */
export const ContradictionSide = z.object({
  questionId: z.string(),
  answer: AnswerValue,
  /** In words, e.g. "Yes" or "No, data is not encrypted". */
  answerText: z.string(),
  source: z.enum(answerSources),
  /** Set when the answer comes from an approved earlier stage's assessment. */
  fromAssessment: z.string().optional(),
});

/**
 * Two answers disagree about one safeguard (e.g. the vendor says "not encrypted", the assessor
 * "encrypted"). Until an assessor resolves it the safeguard is scored as not in place.
 */
export const Contradiction = z.object({
  controlId: z.string(),
  controlName: z.string(),
  credits: z.array(ContradictionSide),
  denies: z.array(ContradictionSide),
  resolution: z.object({ decision: z.enum(['credit', 'deny']), note: z.string(), by: z.string(), at: z.string() }).nullable(),
});
export type Contradiction = z.output<typeof Contradiction>;

export const ThreatProfile = z.object({
  assessmentId: z.string(),
  /** Which scoring model produced the profile; profiles stored before model 2 have none (model 1). */
  model: z.union([z.literal(1), z.literal(2)]).optional(),
  overall: z.object({ band: z.string(), highestResidual: z.number() }),
  threats: z.array(ThreatScore),
  heatmap: z.object({ inherent: z.array(z.array(z.number())), residual: z.array(z.array(z.number())) }),
  /** Model 2: contradictions between answers about one safeguard, open or resolved. */
  contradictions: z.array(Contradiction).optional(),
  /** Model 2: the approved earlier-stage assessments whose findings this profile starts from. */
  inheritedFrom: z.array(z.object({ assessmentId: z.string(), stage: z.enum(assessmentStages), title: z.string() })).optional(),
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
  scoringModel: z.union([z.literal(1), z.literal(2)]),
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
  /** Approvals (with or without conditions) in this round, counted by the core's sign-off rule. */
  approvals: z.number(),
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

/**
 * assessments.page (docs/lists.md). The overall band, highest residual and progress are the
 * ones stored when the assessment last changed (every answer rescores it in its own
 * transaction), so the list sorts by them in SQL without scoring thousands of assessments.
 */
export const assessmentSorts = ['systemName', 'title', 'stage', 'status', 'overallBand', 'progress', 'createdAt', 'updatedAt', 'submittedAt'] as const;
export type AssessmentSort = (typeof assessmentSorts)[number];

export const AssessmentPageInput = pagedInput(
  assessmentSorts,
  'updatedAt',
  {
    systemId: SystemId.optional(),
    stage: z.enum(assessmentStages, { error: `stage must be one of: ${assessmentStages.join(', ')}` }).optional(),
    status: z.enum(assessmentStatuses, { error: `status must be one of: ${assessmentStatuses.join(', ')}` }).optional(),
    overallBand: z.string({ error: 'overallBand must be text' }).max(40).optional(),
  },
  'desc',
);

export const AssessmentRow = z.object({
  id: z.string(),
  systemId: z.string(),
  systemName: z.string(),
  title: z.string(),
  stage: z.enum(assessmentStages),
  status: z.enum(assessmentStatuses),
  /** As last scored (null when never scored). */
  overallBand: z.string().nullable(),
  highestResidual: z.number().nullable(),
  /** Required questions answered, of those required, as last scored. */
  requiredAnswered: z.number().int(),
  required: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type AssessmentRow = z.output<typeof AssessmentRow>;
export const AssessmentPage = pageOf(AssessmentRow);
export type AssessmentPage = z.output<typeof AssessmentPage>;
