import { z } from 'zod';
import { ActingAs } from './acting-as.ts';
import { AssessmentId } from './assessments.ts';
import { plainFileName } from './plain-text.ts';
import { SystemId } from './systems.ts';

/**
 * Continuous monitoring after go-live (issue 20, docs/monitoring.md): the acceptance criteria a
 * local validation assessment records, the monitoring values a hospital imports against them, and
 * what a breach does. The metric table below is the one place a metric's meaning, scale and the
 * threat a breach raises are declared; the import's checks, the charts and the scoring read it.
 */

/**
 * The metrics a hospital watches. Every value is on the scale given here, never a percentage:
 * a file giving sensitivity as 82 is refused ("looks like a percentage") rather than read as 82.
 */
export const monitoringMetrics = ['auroc', 'sensitivity', 'specificity', 'ppv', 'npv', 'calibrationSlope', 'calibrationError', 'alertRate', 'overrideRate'] as const;
export type MonitoringMetric = (typeof monitoringMetrics)[number];

/** What a breach of a metric raises in the live profile: performance → drift (bias when it is a subgroup), rates → the human side. */
export interface MetricDefinition {
  label: string;
  /** Shown beside values and in the chart's axis. */
  unit: string;
  /** The scale a value must lie on (inclusive). */
  min: number;
  max: number;
  /** Whether a higher value is better: sets the default side of a threshold and the wording of a breach. */
  higherIsBetter: boolean | null;
  /** The threat a breach overall raises, and the one a breach in one subgroup (or a subgroup gap) raises. */
  threat: { overall: string; subgroup: string };
  /** A sentence for people: what the metric measures. */
  meaning: string;
}

export const metricDefinitions: Readonly<Record<MonitoringMetric, MetricDefinition>> = {
  auroc: {
    label: 'AUROC',
    unit: 'area under the ROC curve (0–1)',
    min: 0,
    max: 1,
    higherIsBetter: true,
    threat: { overall: 'T-DRIFT', subgroup: 'T-BIAS' },
    meaning: 'How well the score ranks patients with the outcome above those without it.',
  },
  sensitivity: {
    label: 'Sensitivity',
    unit: 'fraction of patients with the outcome flagged (0–1)',
    min: 0,
    max: 1,
    higherIsBetter: true,
    threat: { overall: 'T-DRIFT', subgroup: 'T-BIAS' },
    meaning: 'Of the patients who had the outcome, the share the model flagged at the operating threshold.',
  },
  specificity: {
    label: 'Specificity',
    unit: 'fraction of patients without the outcome not flagged (0–1)',
    min: 0,
    max: 1,
    higherIsBetter: true,
    threat: { overall: 'T-DRIFT', subgroup: 'T-BIAS' },
    meaning: 'Of the patients who did not have the outcome, the share the model left unflagged.',
  },
  ppv: {
    label: 'PPV',
    unit: 'fraction of flags that were right (0–1)',
    min: 0,
    max: 1,
    higherIsBetter: true,
    threat: { overall: 'T-DRIFT', subgroup: 'T-BIAS' },
    meaning: 'Positive predictive value: of the patients flagged, the share who had the outcome.',
  },
  npv: {
    label: 'NPV',
    unit: 'fraction of non-flags that were right (0–1)',
    min: 0,
    max: 1,
    higherIsBetter: true,
    threat: { overall: 'T-DRIFT', subgroup: 'T-BIAS' },
    meaning: 'Negative predictive value: of the patients not flagged, the share who did not have the outcome.',
  },
  calibrationSlope: {
    label: 'Calibration slope',
    unit: 'slope (1 is perfect; 0–5)',
    min: 0,
    max: 5,
    higherIsBetter: null,
    threat: { overall: 'T-DRIFT', subgroup: 'T-BIAS' },
    meaning: 'Whether predicted risks match observed risks: below 1 the model is over-confident, above 1 under-confident.',
  },
  calibrationError: {
    label: 'Calibration error',
    unit: 'expected calibration error (0–1)',
    min: 0,
    max: 1,
    higherIsBetter: false,
    threat: { overall: 'T-DRIFT', subgroup: 'T-BIAS' },
    meaning: 'The average distance between predicted and observed risk.',
  },
  alertRate: {
    label: 'Alert rate',
    unit: 'fraction of encounters alerted (0–1)',
    min: 0,
    max: 1,
    higherIsBetter: null,
    threat: { overall: 'T-ALERT-BURDEN', subgroup: 'T-ALERT-BURDEN' },
    meaning: 'The share of encounters on which the model raised an alert.',
  },
  overrideRate: {
    label: 'Override rate',
    unit: 'fraction of alerts overridden (0–1)',
    min: 0,
    max: 1,
    higherIsBetter: null,
    threat: { overall: 'T-OVER-RELIANCE', subgroup: 'T-OVER-RELIANCE' },
    meaning: 'The share of alerts clinicians dismissed. Very low suggests over-reliance; very high, that alerts are ignored.',
  },
};

/** The whole population, or one subgroup as `dimension:value` (e.g. `age:65+`, `sex:female`, `site:north`), as the hospital defines it. */
export const overallSubgroup = 'all';
export const subgroupPattern = /^(all|[a-z][a-z0-9-]{0,39}:[^\s:][^:]{0,79})$/;
export const Subgroup = z
  .string({ error: 'subgroup must be text' })
  .trim()
  .regex(subgroupPattern, { error: 'subgroup is "all" or dimension:value, e.g. age:65+ or sex:female' });

/** A monitoring period: one calendar month. */
export const periodPattern = /^\d{4}-(0[1-9]|1[0-2])$/;
export const Period = z.string().regex(periodPattern, { error: 'period is a month, YYYY-MM' });

const Metric = z.enum(monitoringMetrics, { error: `metric must be one of: ${monitoringMetrics.join(', ')}` });
const fraction = (what: string) => z.number({ error: `${what} must be a number` }).finite({ error: `${what} must be a number` });

/**
 * One acceptance criterion recorded at local validation: a metric in a subgroup, with a lower
 * and/or upper threshold, and for a subgroup optionally the largest gap from the overall value it
 * may show. At least one limit is required.
 */
export const AcceptanceCriterion = z
  .strictObject({
    metric: Metric,
    subgroup: Subgroup,
    min: fraction('min').nullable().default(null),
    max: fraction('max').nullable().default(null),
    /** For a subgroup: how far below (or, when lower is better, above) the overall value it may be. */
    maxGap: fraction('maxGap').min(0, { error: 'maxGap is 0 or more' }).nullable().default(null),
    /** Why this threshold: the validation result it comes from, a guideline, a committee decision. */
    rationale: z.string().trim().max(500, { error: 'rationale must be at most 500 characters' }).default(''),
  })
  .superRefine((c, ctx) => {
    const def = metricDefinitions[c.metric];
    if (c.min === null && c.max === null && c.maxGap === null) ctx.addIssue({ code: 'custom', path: ['min'], message: 'give at least one limit: min, max or maxGap' });
    for (const key of ['min', 'max'] as const) {
      const v = c[key];
      if (v !== null && (v < def.min || v > def.max)) ctx.addIssue({ code: 'custom', path: [key], message: `${def.label} is between ${def.min} and ${def.max} (${def.unit})` });
    }
    if (c.min !== null && c.max !== null && c.min > c.max) ctx.addIssue({ code: 'custom', path: ['max'], message: 'max must not be below min' });
    if (c.maxGap !== null && c.subgroup === overallSubgroup) ctx.addIssue({ code: 'custom', path: ['maxGap'], message: 'maxGap applies to a subgroup, not "all"' });
  });
export type AcceptanceCriterion = z.output<typeof AcceptanceCriterion>;

/** The review period: how often the monitoring is looked at, and how long a month may go without data before it is overdue. */
export const reviewPeriods = ['monthly', 'quarterly'] as const;

export const SetCriteriaInput = z.strictObject({
  assessmentId: AssessmentId,
  criteria: z.array(AcceptanceCriterion).max(200, { error: 'at most 200 criteria' }),
  reviewPeriod: z.enum(reviewPeriods, { error: 'reviewPeriod is monthly or quarterly' }),
  /** The revision of the criteria the writer last read (0: none yet), so a second writer does not overwrite the first unseen. */
  expectedRevision: z.number().int().min(0).default(0),
  by: ActingAs.optional(),
});

export const MonitoringCriteriaInput = z.strictObject({ assessmentId: AssessmentId });
export const MonitoringSummaryInput = z.strictObject({ systemId: SystemId });

export const CriteriaSet = z.object({
  assessmentId: z.string(),
  systemId: z.string(),
  reviewPeriod: z.enum(reviewPeriods),
  criteria: z.array(
    z.object({
      id: z.string(),
      metric: Metric,
      subgroup: z.string(),
      min: z.number().nullable(),
      max: z.number().nullable(),
      maxGap: z.number().nullable(),
      rationale: z.string(),
    }),
  ),
  revision: z.number(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type CriteriaSet = z.output<typeof CriteriaSet>;

/** A monitoring file: CSV (header row: metric,subgroup,period,value,n,source) or JSON (an array of those objects, or { rows: [...] }). */
export const maxMonitoringFileBytes = 20 * 1024 * 1024;
export const maxMonitoringRows = 200_000;

export const MonitoringImportInput = z.strictObject({
  systemId: SystemId,
  fileName: plainFileName(),
  /** The file's text (UTF-8, checked by fileTextFromBytes before it is sent). */
  text: z.string().max(maxMonitoringFileBytes + 1024 * 1024, { error: 'the monitoring file is larger than 20 MB' }),
  by: ActingAs.optional(),
});

export const MonitoringValue = z.object({
  metric: Metric,
  subgroup: z.string(),
  period: z.string(),
  value: z.number(),
  n: z.number(),
  source: z.string(),
  importId: z.string(),
});
export type MonitoringValue = z.output<typeof MonitoringValue>;

/** A value outside its criterion: what it was, the limit, and what governance did about it. */
export const MonitoringBreach = z.object({
  criterionId: z.string(),
  metric: Metric,
  subgroup: z.string(),
  period: z.string(),
  value: z.number(),
  n: z.number(),
  kind: z.enum(['belowMin', 'aboveMax', 'gap']),
  /** The limit crossed: the threshold, or for a gap the overall value less the allowed gap. */
  limit: z.number(),
  /** For a gap: the overall value of the same metric and month. */
  overall: z.number().nullable(),
  threatId: z.string(),
  /** The drift event it recorded (null for breaches found before this import, already recorded). */
  eventId: z.string().nullable(),
  /** The re-assessment that drift event opened or joined (null: none, e.g. not recorded yet). */
  assessmentId: z.string().nullable(),
  /** In words, as the trace, the event and the register print it. */
  words: z.string(),
});
export type MonitoringBreach = z.output<typeof MonitoringBreach>;

export const MonitoringImportResult = z.object({
  importId: z.string(),
  sha256: z.string(),
  rows: z.number(),
  /** Rows identical to values already recorded (a cumulative export sent again): kept once. */
  alreadyRecorded: z.number(),
  newBreaches: z.array(MonitoringBreach),
  /** The re-assessment the breaches opened or joined, when any. */
  assessmentId: z.string().nullable(),
});
export type MonitoringImportResult = z.output<typeof MonitoringImportResult>;

export const MonitoringImportRecord = z.object({
  id: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  rows: z.number(),
  importedBy: z.string(),
  importedAt: z.string(),
});

/** One line of a chart: a metric in a subgroup, month by month, with its criterion when it has one. */
export const MonitoringSeries = z.object({
  metric: Metric,
  subgroup: z.string(),
  criterionId: z.string().nullable(),
  points: z.array(z.object({ period: z.string(), value: z.number(), n: z.number(), breached: z.boolean() })),
});
export type MonitoringSeries = z.output<typeof MonitoringSeries>;

export const MonitoringSummary = z.object({
  systemId: z.string(),
  /** The criteria in force: from the system's current local validation assessment (null when none records any). */
  criteria: CriteriaSet.nullable(),
  series: z.array(MonitoringSeries),
  /** Every breach in the data, newest month first. */
  breaches: z.array(MonitoringBreach),
  imports: z.array(MonitoringImportRecord),
  /** The latest month with data, and whether data is overdue for the review period (null: no data yet). */
  latestPeriod: z.string().nullable(),
  overdue: z.boolean(),
});
export type MonitoringSummary = z.output<typeof MonitoringSummary>;
