import { z } from 'zod';
import { answerReviewVerdicts, answerSources, AnswerValue } from './assessments.ts';
import { autonomyLevels, clinicalDomains, dataCategories, deploymentTypes, harmLevels, integrationPoints, modelTypes } from './systems.ts';
import { assessmentStages, questionIdPattern, threatIdPattern } from './templates.ts';

/*
 * Calibration (docs/scoring.md, "Calibration"; templates/README.md): reference profiles of
 * systems, each with answer sets (a weak and a strong vendor, say) and the residual band the
 * shipped content is expected to give their key threats. `vigil templates lint` scores every
 * answer set and reports each band that differs, so the table cannot drift from the content.
 */

const text = (what: string, max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${what} is required` : `${what} must be text`) })
    .trim()
    .min(1, { error: `${what} must not be empty` })
    .max(max, { error: `${what} must be at most ${max} characters` });

const oneOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, {
    error: (issue) => (issue.input === undefined ? `${what} is required` : `${what} must be one of: ${values.join(', ')}`),
  });

const listOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z
    .array(oneOf(values, what), { error: `${what} must be a list` })
    .refine((list) => new Set(list).size === list.length, { error: `${what} lists a value more than once` });

/** The inventory fields scoring reads, all recorded: a reference profile describes a whole system. */
export const CalibrationSystem = z.strictObject({
  autonomyLevel: oneOf(autonomyLevels, 'autonomyLevel'),
  modelType: oneOf(modelTypes, 'modelType'),
  dataCategories: listOf(dataCategories, 'dataCategories'),
  deploymentType: oneOf(deploymentTypes, 'deploymentType'),
  integrationPoints: listOf(integrationPoints, 'integrationPoints'),
  worstCredibleHarm: oneOf(harmLevels, 'worstCredibleHarm'),
  timeCritical: z.boolean({ error: 'timeCritical must be true or false' }),
  clinicalDomain: oneOf(clinicalDomains, 'clinicalDomain').optional(),
});
export type CalibrationSystem = z.output<typeof CalibrationSystem>;

const answerValue = AnswerValue.refine((v) => (Array.isArray(v) ? true : v !== ''), { error: 'an answer must not be empty' });

/**
 * One answer in full: a value, "I don't know" (`unknown: true`) or "Not applicable"; who gave
 * it (the assessor by default; `transcribed` is the vendor's claim typed in, so source vendor);
 * whether an assessor checked its evidence; the review of a free-text answer.
 */
export const CalibrationAnswerDetail = z
  .strictObject({
    value: answerValue.optional(),
    unknown: z.literal(true, { error: 'unknown can only be true' }).optional(),
    notApplicable: z.literal(true, { error: 'notApplicable can only be true' }).optional(),
    source: z.enum(answerSources, { error: `source must be one of: ${answerSources.join(', ')}` }).optional(),
    transcribed: z.boolean({ error: 'transcribed must be true or false' }).optional(),
    evidenceVerified: z.boolean({ error: 'evidenceVerified must be true or false' }).optional(),
    review: z.enum(answerReviewVerdicts, { error: `review must be one of: ${answerReviewVerdicts.join(', ')}` }).optional(),
  })
  .superRefine((a, ctx) => {
    const given = [a.value !== undefined, a.unknown === true, a.notApplicable === true].filter(Boolean).length;
    if (given !== 1) {
      ctx.addIssue({ code: 'custom', message: 'an answer is exactly one of: a value, "unknown": true or "notApplicable": true' });
    }
    if (a.transcribed && a.source === 'assessor') {
      ctx.addIssue({ code: 'custom', path: ['transcribed'], message: "a transcribed answer is the vendor's claim: leave source out or make it vendor" });
    }
  });
export type CalibrationAnswerDetail = z.output<typeof CalibrationAnswerDetail>;

const isDetail = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The shorthand `"yes"`, `["a", "b"]` or `12` is the assessor's answer with that value; an
 * object is an answer in full. Checked by shape so the problem names the field that is wrong.
 */
export const CalibrationAnswer = z.unknown().transform((input, ctx): z.output<typeof answerValue> | CalibrationAnswerDetail => {
  const parsed = isDetail(input) ? CalibrationAnswerDetail.safeParse(input) : answerValue.safeParse(input);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown field(s): ${issue.keys.join(', ')}`
        : issue.code === 'invalid_union' && !isDetail(input)
          ? 'an answer is a value ("yes", ["a", "b"], 12) or { value | unknown | notApplicable, source?, transcribed?, evidenceVerified?, review? }'
          : issue.message;
    ctx.addIssue({ code: 'custom', message, path: issue.path, input });
  }
  return z.NEVER;
});
export type CalibrationAnswer = z.output<typeof CalibrationAnswer>;

const bandId = z.string({ error: 'a band must be text' }).regex(/^[a-z][a-zA-Z]*$/, { error: 'a band is a band id of the risk matrix, e.g. "high"' });

export const CalibrationAnswerSet = z.strictObject({
  id: z.string({ error: 'id is required' }).regex(/^[a-z][a-z0-9-]*$/, { error: 'answer set id is lower-case words joined by hyphens, e.g. "weak"' }),
  title: text('title', 300),
  answers: z.record(
    z.string().regex(questionIdPattern),
    CalibrationAnswer,
    { error: (issue) => (issue.code === 'invalid_key' ? 'not a question id (they look like PR-GOV-01)' : 'answers must map question ids to answers') },
  ),
  /**
   * Optional: every `above` threat must outrank every `below` threat on the residual (higher
   * score, ties broken by the residual exposure, raw likelihood × impact), e.g. the threats that
   * harm this system's patients above lab-style attacks.
   */
  ranking: z
    .strictObject({
      above: z.array(z.string().regex(threatIdPattern, { error: 'not a threat id (they look like T-DRIFT)' })).min(1, { error: 'ranking.above must name at least one threat' }),
      below: z.array(z.string().regex(threatIdPattern, { error: 'not a threat id (they look like T-DRIFT)' })).min(1, { error: 'ranking.below must name at least one threat' }),
    })
    .optional(),
  expected: z
    .record(z.string().regex(threatIdPattern), bandId, {
      error: (issue) => (issue.code === 'invalid_key' ? 'not a threat id (they look like T-DRIFT)' : 'expected must map threat ids to band ids'),
    })
    .refine((e) => Object.keys(e).length > 0, { error: 'expected must name the band of at least one threat' }),
});
export type CalibrationAnswerSet = z.output<typeof CalibrationAnswerSet>;

export const CalibrationProfile = z
  .strictObject({
    id: z.string({ error: 'id is required' }).regex(/^[a-z][a-z0-9-]*$/, { error: 'profile id is lower-case words joined by hyphens' }),
    version: z.string({ error: 'version is required' }).regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, { error: 'version must be semver, e.g. 1.0.0' }),
    title: text('title', 200),
    cases: z.array(text('a case', 1000), { error: 'cases must be a list of the published cases the answers are written from' }).min(1, {
      error: 'cases must name at least one published case the answers are written from',
    }),
    system: CalibrationSystem,
    stage: oneOf(assessmentStages, 'stage'),
    answerSets: z.array(CalibrationAnswerSet, { error: 'answerSets must be a list' }).min(1, { error: 'a profile needs at least one answer set' }),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.answerSets.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['answerSets', i, 'id'], message: `answer set id "${s.id}" is used more than once` });
      seen.add(s.id);
    });
  });
export type CalibrationProfile = z.output<typeof CalibrationProfile>;

/** One key threat of one answer set: the band expected and the band scored. */
export const CalibrationThreatResult = z.object({
  threatId: z.string(),
  /** Null when the threat is not in the catalog. */
  name: z.string().nullable(),
  expected: z.string(),
  expectedLabel: z.string(),
  /** Null when the threat is not in the catalog. */
  scored: z
    .object({ band: z.string(), label: z.string(), likelihood: z.number(), impact: z.number(), score: z.number() })
    .nullable(),
  ok: z.boolean(),
});
export type CalibrationThreatResult = z.output<typeof CalibrationThreatResult>;

export const CalibrationRankEntry = z.object({
  threatId: z.string(),
  name: z.string(),
  band: z.string(),
  likelihood: z.number(),
  impact: z.number(),
  score: z.number(),
});
export type CalibrationRankEntry = z.output<typeof CalibrationRankEntry>;

/**
 * One material question answered with a safeguard, switched alone to its least safe option
 * (the option "I don't know" counts as; for a multi choice, the options that add risk).
 */
export const CalibrationMaterialFlip = z.object({
  questionId: z.string(),
  /** The answer as given, in words. */
  from: z.string(),
  /** The least safe option it was switched to, in words. */
  to: z.string(),
  /** The threats whose residual level (likelihood or impact) changed; empty when none did. */
  moved: z.array(z.object({ threatId: z.string(), from: z.string(), to: z.string() })),
});
export type CalibrationMaterialFlip = z.output<typeof CalibrationMaterialFlip>;

/** A pair of the answer set's `ranking` that does not hold, or names a threat not in the catalog. */
export const CalibrationRankingProblem = z.object({ above: z.string(), below: z.string(), message: z.string() });
export type CalibrationRankingProblem = z.output<typeof CalibrationRankingProblem>;

export const CalibrationAnswerSetResult = z.object({
  id: z.string(),
  title: z.string(),
  /** Answers that could not be scored as written (unknown question, invalid value…), in words. */
  answerProblems: z.array(z.object({ questionId: z.string(), message: z.string() })),
  threats: z.array(CalibrationThreatResult),
  /** Every threat of the catalog by residual score, highest first. */
  ranking: z.array(CalibrationRankEntry),
  /** Every material safeguard answer of the set, switched alone to its least safe option. */
  materialFlips: z.array(CalibrationMaterialFlip),
  /** The pairs of the answer set's `ranking` that do not hold. */
  rankingProblems: z.array(CalibrationRankingProblem),
  /** Whether the answer set states a `ranking` to check. */
  hasRanking: z.boolean(),
  ok: z.boolean(),
});
export type CalibrationAnswerSetResult = z.output<typeof CalibrationAnswerSetResult>;

export const CalibrationProfileResult = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
  file: z.string(),
  cases: z.array(z.string()),
  stage: z.enum(assessmentStages),
  system: CalibrationSystem,
  answerSets: z.array(CalibrationAnswerSetResult),
  ok: z.boolean(),
});
export type CalibrationProfileResult = z.output<typeof CalibrationProfileResult>;

export const CalibrationReport = z.object({
  ok: z.boolean(),
  profiles: z.array(CalibrationProfileResult),
});
export type CalibrationReport = z.output<typeof CalibrationReport>;
