import { z } from 'zod';
import { AssessmentId, LevelPair, ThreatScore, assessmentStatuses } from './assessments.ts';
import { assessmentStages } from './templates.ts';
import { SystemId } from './systems.ts';

/**
 * What a governance committee decides from: per system, a recommendation derived from the
 * workflow state and the risks, with its reasons; across the portfolio, the decisions asked of
 * the committee. The same data is the register's decision summary (Word, CSV) and the app's
 * committee-meeting view (`register.summary`).
 */
export const recommendations = ['approve', 'approveWithConditions', 'doNotApprove', 'notReady'] as const;
export type Recommendation = (typeof recommendations)[number];

/** The decisions the committee is asked to take, by kind. */
export const decisionKinds = [
  'signOffDue',
  'aboveAppetiteUndecided',
  'conditionDue',
  'acceptanceExpiring',
  'reassessmentDue',
  'selfGrantedAcceptance',
] as const;
export type DecisionKind = (typeof decisionKinds)[number];

export const DecisionItem = z.object({
  kind: z.enum(decisionKinds),
  /** One sentence naming the system and what is asked, e.g. "Sign off the validation assessment of Sepsis early warning (1 of 2 sign-offs given)". */
  text: z.string(),
  systemId: z.string(),
  /** The record it concerns: an assessment, risk or system id. */
  ref: z.string(),
  /** The date it is due or expires, when it has one (YYYY-MM-DD). */
  due: z.string().nullable(),
});
export type DecisionItem = z.output<typeof DecisionItem>;

/** The assessment each stage's risks come from: only the latest of each stage counts. */
export const CurrentAssessment = z.object({
  assessmentId: z.string(),
  stage: z.enum(assessmentStages),
  title: z.string(),
  status: z.enum(assessmentStatuses),
  decidedAt: z.string().nullable(),
});

export const SystemDecision = z.object({
  systemId: z.string(),
  name: z.string(),
  vendor: z.string(),
  lifecycleStage: z.string(),
  intendedUse: z.string(),
  patientPopulation: z.string(),
  /** What the output drives, in words (from the autonomy level and intended users). */
  outputDrives: z.string(),
  modelVersion: z.string(),
  currentAssessments: z.array(CurrentAssessment),
  /** Highest inherent and residual band over the current risks; null without a scored assessment. */
  overall: z.object({ inherent: z.string().nullable(), residual: z.string().nullable() }),
  recommendation: z.enum(recommendations),
  /** Why, in plain sentences, most decisive first. */
  reasons: z.array(z.string()),
  /** Is the residual risk acceptable against the organisation's appetite, and why. */
  acceptability: z.object({ acceptable: z.boolean(), statement: z.string() }),
  topRisks: z.array(
    z.object({
      riskId: z.string(),
      threatName: z.string(),
      residual: LevelPair,
      aboveAppetite: z.boolean(),
      status: z.string(),
      owner: z.string(),
      assessmentId: z.string(),
    }),
  ),
  conditions: z.array(z.object({ text: z.string(), owner: z.string(), due: z.string(), overdue: z.boolean(), assessmentId: z.string() })),
  /** Since the system's last approval (or the last register that covered it), from the ledger. */
  changesSince: z.object({
    since: z.string().nullable(),
    /** What the date is: "the approval of the validation assessment", "the register of 2026-03-01". */
    sinceWhat: z.string(),
    changes: z.array(z.object({ at: z.string(), by: z.string(), what: z.string() })),
  }),
  reassessment: z.object({ due: z.string().nullable(), why: z.string().nullable() }),
});
export type SystemDecision = z.output<typeof SystemDecision>;

export const CommitteeSummary = z.object({
  generatedAt: z.string(),
  organisation: z.string(),
  /** The band above which a risk needs a treatment or an accepted decision. */
  appetite: z.object({ band: z.string(), label: z.string() }),
  /** The installed matrix's bands, lowest first, so every reader words a band id the same way. */
  bands: z.array(z.object({ id: z.string(), label: z.string() })),
  systems: z.array(SystemDecision),
  decisions: z.array(DecisionItem),
});
export type CommitteeSummary = z.output<typeof CommitteeSummary>;

export const RegisterSummaryInput = z.strictObject({
  /** The systems in scope; none means every system that is not archived. */
  systemIds: z
    .array(SystemId)
    .max(1000)
    .refine((ids) => new Set(ids).size === ids.length, { error: 'a system is listed more than once' })
    .default([]),
});

/** A safeguard not (fully) credited today that would lower the threat's residual risk. */
export const SafeguardSuggestion = z.object({
  controlId: z.string(),
  name: z.string(),
  /** The residual levels if it were in place and credited in full. */
  residualAfter: LevelPair,
  /** How much the residual score (likelihood × impact) would fall. */
  lowersScoreBy: z.number(),
  /** The questions whose answers would credit it. */
  creditedBy: z.array(z.object({ questionId: z.string(), text: z.string() })),
});
export type SafeguardSuggestion = z.output<typeof SafeguardSuggestion>;

/** Everything an owner plans from: what the threat drawer shows, for one threat of one assessment. */
export const ThreatDetail = z.object({
  assessmentId: z.string(),
  systemId: z.string(),
  systemName: z.string(),
  threat: ThreatScore,
  /** The threat described for this system (its clinical domain and model type). */
  description: z.string(),
  clinicalConsequence: z.string(),
  /** The score's trace in plain words, in order. */
  why: z.array(z.string()),
  gaps: z.array(z.object({ questionId: z.string(), text: z.string() })),
  references: z.array(z.object({ framework: z.string(), ids: z.array(z.string()) })),
  /** Strongest reduction first; empty when no uncredited safeguard would lower it. */
  suggestions: z.array(SafeguardSuggestion),
});
export type ThreatDetail = z.output<typeof ThreatDetail>;

export const ThreatDetailInput = z.strictObject({ id: AssessmentId, threatId: z.string().regex(/^T-[A-Z0-9-]{2,60}$/, { error: 'threat id must look like T-NAME' }) });

/** Document control of an exported register. */
export const documentStatuses = ['draft', 'final'] as const;
