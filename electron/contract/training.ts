import { z } from 'zod';
import { ActingAs } from './acting-as.ts';
import { isoDate } from './input-fields.ts';
import { plainFileName } from './plain-text.ts';
import { SystemId } from './systems.ts';

/**
 * Clinician readiness as evidence (issue 20, docs/readiness.md): per system, training records by
 * role group (people trained out of people using the system, when, on which material, when the
 * refresher is due). The latest record of each role group is its readiness; coverage below the
 * hospital's target (`readinessTarget`) or a refresher past due raises T-CLINICIAN-READINESS.
 */

export const maxRoleLength = 100;
export const maxMaterialLength = 100;
export const maxTrainingNoteLength = 1000;
/** A training file is a small table: a row per role group and date. */
export const maxTrainingFileBytes = 2 * 1024 * 1024;
export const maxTrainingRows = 5000;

/** The columns of a training file, in the order a template lists them (any order, any case, is read). */
export const trainingColumns = ['role', 'trained', 'using', 'date', 'materialVersion', 'refresherDue'] as const;
export type TrainingColumn = (typeof trainingColumns)[number];
/** Optional in a file: a note per row. */
export const optionalTrainingColumns = ['note'] as const;

const wholeCount = (what: string, min: number) =>
  z.number({ error: `${what} must be a whole number` }).int({ error: `${what} must be a whole number` }).min(min, { error: `${what} must be ${min} or more` }).max(10_000_000, { error: `${what} must be at most 10,000,000` });

/** One training record as a person enters it; the checks that need today's date are the core's. */
export const TrainingFields = z.strictObject({
  role: z.string({ error: 'role must be text' }).trim().min(1, { error: 'role is required (e.g. ICU nurses)' }).max(maxRoleLength, { error: `role must be at most ${maxRoleLength} characters` }),
  trained: wholeCount('trained', 0),
  using: wholeCount('using', 1),
  date: isoDate,
  materialVersion: z
    .string({ error: 'materialVersion must be text' })
    .trim()
    .min(1, { error: 'materialVersion is required (the version of the training material)' })
    .max(maxMaterialLength, { error: `materialVersion must be at most ${maxMaterialLength} characters` }),
  refresherDue: isoDate,
  note: z.string({ error: 'note must be text' }).trim().max(maxTrainingNoteLength, { error: `note must be at most ${maxTrainingNoteLength} characters` }).default(''),
});
export type TrainingFields = z.output<typeof TrainingFields>;

const realDate = (value: string): boolean => {
  const d = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
};

/**
 * The checks a training record must pass beyond its shape, each with the field it concerns and
 * words for people: trained ≤ using, real dates, training not in the future, refresher after it.
 * One rule for `training.record` and every row of `training.import`.
 */
export function trainingRecordProblems(record: Pick<TrainingFields, 'trained' | 'using' | 'date' | 'refresherDue'>, today: string): { field: TrainingColumn; message: string }[] {
  const problems: { field: TrainingColumn; message: string }[] = [];
  if (record.trained > record.using) problems.push({ field: 'trained', message: `${record.trained} trained is more than the ${record.using} people using the system` });
  if (!realDate(record.date)) problems.push({ field: 'date', message: `${record.date} is not a date on the calendar` });
  else if (record.date > today) problems.push({ field: 'date', message: `${record.date} is in the future (today is ${today})` });
  if (!realDate(record.refresherDue)) problems.push({ field: 'refresherDue', message: `${record.refresherDue} is not a date on the calendar` });
  else if (record.refresherDue <= record.date) problems.push({ field: 'refresherDue', message: `the refresher (${record.refresherDue}) must be due after the training date (${record.date})` });
  return problems;
}

export const TrainingRecordInput = TrainingFields.extend({ systemId: SystemId, by: ActingAs.optional() });

export const TrainingImportInput = z.strictObject({
  systemId: SystemId,
  fileName: plainFileName(),
  /** The file's text (UTF-8, checked by fileTextFromBytes before it is sent); every cell is checked by the reader. */
  text: z.string().max(maxTrainingFileBytes + 1024, { error: 'the training file is larger than 2 MB' }),
  by: ActingAs.optional(),
});

export const TrainingListInput = z.strictObject({ systemId: SystemId });

export const TrainingRecord = z.object({
  id: z.string(),
  systemId: z.string(),
  role: z.string(),
  trained: z.number(),
  using: z.number(),
  date: z.string(),
  materialVersion: z.string(),
  refresherDue: z.string(),
  note: z.string(),
  /** The import it came from, or null when entered by hand. */
  importId: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type TrainingRecord = z.output<typeof TrainingRecord>;

/** The readiness of one role group: its latest record against the target. */
export const RoleReadiness = z.object({
  role: z.string(),
  latest: TrainingRecord,
  /** trained / using of the latest record (0–1). */
  coverage: z.number(),
  belowTarget: z.boolean(),
  refresherOverdue: z.boolean(),
  /** Below target or overdue: raises T-CLINICIAN-READINESS. */
  shortfall: z.boolean(),
  /** In words, as the trace, the dashboard and the register print it. */
  words: z.string(),
});
export type RoleReadiness = z.output<typeof RoleReadiness>;

export const ReadinessSummary = z.object({
  systemId: z.string(),
  /** The hospital's target coverage, in percent (Settings → readinessTarget). */
  target: z.number(),
  groups: z.array(RoleReadiness),
  /** Over the latest record of every group. */
  trained: z.number(),
  using: z.number(),
  groupsInShortfall: z.number(),
  status: z.enum(['noRecords', 'ready', 'shortfall']),
  /** One sentence for the system as a whole. */
  words: z.string(),
});
export type ReadinessSummary = z.output<typeof ReadinessSummary>;

export const TrainingList = z.object({
  systemId: z.string(),
  /** Newest training date first. */
  records: z.array(TrainingRecord),
  readiness: ReadinessSummary,
});
export type TrainingList = z.output<typeof TrainingList>;

export const TrainingImportResult = z.object({
  importId: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  /** Records written. */
  rows: z.number(),
  /** Rows identical to records already held (the same file sent again): kept once. */
  alreadyRecorded: z.number(),
  readiness: ReadinessSummary,
});
export type TrainingImportResult = z.output<typeof TrainingImportResult>;
