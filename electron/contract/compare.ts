import { z } from 'zod';
import { ActingAs } from './acting-as.ts';
import { AssessmentId, assessmentStatuses, LevelPair } from './assessments.ts';
import { assessmentStages } from './templates.ts';

/*
 * Comparing candidates (issue 17): two to four assessments, typically procurement assessments of
 * competing products for one need, side by side. Threats are matched by threat id and questions
 * by question id, whatever template versions the assessments pinned; where the pinned templates
 * differ the comparison says so.
 */

export const minCompared = 2;
export const maxCompared = 4;

/** Two to four distinct assessment ids, refused in words otherwise. */
export const ComparedIds = z
  .array(AssessmentId, { error: 'assessmentIds must be a list of assessment ids' })
  .min(minCompared, { error: `choose at least ${minCompared} assessments to compare` })
  .max(maxCompared, { error: `compare at most ${maxCompared} assessments at once` })
  .superRefine((ids, ctx) => {
    const seen = new Set<string>();
    const twice = [...new Set(ids.filter((id) => seen.size === seen.add(id).size))];
    if (twice.length > 0) ctx.addIssue({ code: 'custom', message: `an assessment is listed more than once: ${twice.join(', ')}` });
  });

export const CompareInput = z.strictObject({ assessmentIds: ComparedIds });

/** One candidate: the assessment and the product it assesses. */
export const CompareCandidate = z.object({
  assessmentId: z.string(),
  /** How the comparison names it: "Ambient clinical scribe (Quillwright)", with the assessment id when two would read the same. */
  label: z.string(),
  systemId: z.string(),
  systemName: z.string(),
  vendor: z.string(),
  productVersion: z.string(),
  stage: z.enum(assessmentStages),
  title: z.string(),
  status: z.enum(assessmentStatuses),
  scoringModel: z.union([z.literal(1), z.literal(2)]),
  questionnaires: z.array(z.object({ id: z.string(), version: z.string() })),
  overall: z.object({ band: z.string(), highestResidual: z.number() }),
  /** The band above which a residual risk needs a treatment or an acceptance, from its pinned matrix. */
  appetite: z.string(),
  /** Questions answered of those shown for this system. */
  answered: z.number(),
  visible: z.number(),
});
export type CompareCandidate = z.output<typeof CompareCandidate>;

/** One candidate's scores for one threat; null levels when its pinned catalog has no such threat. */
export const CompareThreatCell = z.object({
  assessmentId: z.string(),
  inherent: LevelPair.nullable(),
  residual: LevelPair.nullable(),
  aboveAppetite: z.boolean(),
});
export type CompareThreatCell = z.output<typeof CompareThreatCell>;

/**
 * A threat's level in words, the same on the page, in the CLI and in the Word document:
 * "4×3 = 12 High" (likelihood × impact = score and band), "Not in its catalog" when missing.
 */
export function levelInWords(level: CompareThreatCell['residual'], bandLabel: (id: string) => string): string {
  return level === null ? 'Not in its catalog' : `${level.likelihood}×${level.impact} = ${level.score} ${bandLabel(level.band)}`;
}

export const CompareThreat = z.object({
  threatId: z.string(),
  name: z.string(),
  /** In the candidates' order. */
  cells: z.array(CompareThreatCell),
  /** Inherent or residual scores are not all the same (or the threat is missing from a candidate's catalog). */
  differs: z.boolean(),
  /** The candidates with the lowest residual score when the residual scores differ; empty when they are equal. */
  lowestResidual: z.array(z.string()),
  /** In words, e.g. "Lower with Scribewell (6 against 12)" or "Not in the threat catalog ASM-… pinned". */
  note: z.string(),
});
export type CompareThreat = z.output<typeof CompareThreat>;

/** One question answered differently (or present in one candidate's questionnaire and not another's). */
export const CompareAnswer = z.object({
  questionId: z.string(),
  text: z.string(),
  /** In the candidates' order: the answer in words (option labels), and whose it is. */
  answers: z.array(z.object({ assessmentId: z.string(), answer: z.string(), source: z.string().nullable() })),
});
export type CompareAnswer = z.output<typeof CompareAnswer>;

/** A candidate's evidence gaps and contradictions, as its own profile has them. */
export const CompareFindings = z.object({
  assessmentId: z.string(),
  /** Questions whose missing or unsupported answer left a threat scored higher, with the threats. */
  gaps: z.array(z.object({ questionId: z.string(), text: z.string(), threats: z.array(z.string()) })),
  contradictions: z.array(
    z.object({
      controlId: z.string(),
      controlName: z.string(),
      /** "Open: …" or "Settled: credited/not credited, because …". */
      statement: z.string(),
      open: z.boolean(),
    }),
  ),
});
export type CompareFindings = z.output<typeof CompareFindings>;

export const templateDifferenceKinds = ['questionnaireVersion', 'questionnaireMissing', 'threatMissing', 'questionMissing', 'scoringModel', 'matrix'] as const;

/** Where the pinned templates differ, in words. */
export const TemplateDifference = z.object({
  kind: z.enum(templateDifferenceKinds),
  statement: z.string(),
  /** The threat, question or questionnaire ids concerned. */
  ids: z.array(z.string()),
});
export type TemplateDifference = z.output<typeof TemplateDifference>;

export const CompareStanding = z.object({
  assessmentId: z.string(),
  /** Residual risks above the candidate's appetite, over the threats every candidate has. */
  aboveAppetite: z.array(z.object({ threatId: z.string(), name: z.string(), band: z.string() })),
  highestResidual: z.object({ score: z.number(), band: z.string(), threats: z.array(z.string()) }),
  totalResidual: z.number(),
  /** Threats where this candidate's residual is the lowest of all (strictly). */
  lowerOn: z.number(),
});
export type CompareStanding = z.output<typeof CompareStanding>;

export const CompareSummary = z.object({
  /** The candidates that leave the least residual risk (several when they tie on every measure). */
  lowest: z.array(z.string()),
  /** One sentence: which candidate and on what measure. */
  statement: z.string(),
  /** The reasons, each naming the threats. */
  reasons: z.array(z.string()),
  /** How many threats the measures count (those every candidate's catalog has). */
  threatsCompared: z.number(),
  standings: z.array(CompareStanding),
});
export type CompareSummary = z.output<typeof CompareSummary>;

export const Comparison = z.object({
  candidates: z.array(CompareCandidate),
  threats: z.array(CompareThreat),
  answers: z.array(CompareAnswer),
  /** Questions compared (present in at least one candidate's questionnaire) and how many differ. */
  questionsCompared: z.number(),
  findings: z.array(CompareFindings),
  templateDifferences: z.array(TemplateDifference),
  summary: CompareSummary,
  /** The bands the candidates' pinned matrices name, lowest first, with their labels and colours. */
  bands: z.array(z.object({ id: z.string(), label: z.string(), color: z.string() })),
  comparedAt: z.string(),
});
export type Comparison = z.output<typeof Comparison>;

/** A destination file: only from the command line (as the other exports). */
export const ExportComparisonInput = z.strictObject({
  assessmentIds: ComparedIds,
  by: ActingAs.optional(),
  out: z.string().min(1).max(4096).optional(),
});
