import { basename } from 'node:path';
import {
  describeFileBytes,
  fileTextFromBytes,
  maxMonitoringFileBytes,
  metricDefinitions,
  parseUntrustedJson,
  reviewPeriods,
  type CriteriaSet,
  type MonitoringImportResult,
  type MonitoringSummary,
} from '../../contract/index.ts';
import { CliRefusal, UsageError, type CliCommand } from '../command.ts';
import { callAndPrint, formatFields, formatTable, printError } from '../output.ts';
import { notUtf8Text, readCappedBytes, readCappedFile } from '../read-capped-file.ts';

// `vigil monitoring criteria|import|show` (issue 20, docs/monitoring.md): the same words as the
// methods monitoring.setCriteria, monitoring.import and monitoring.summary.

const limitText = (c: CriteriaSet['criteria'][number]) =>
  [c.min === null ? '' : `min ${c.min}`, c.max === null ? '' : `max ${c.max}`, c.maxGap === null ? '' : `gap ≤ ${c.maxGap}`].filter(Boolean).join(', ');

export function describeCriteria(set: CriteriaSet): string {
  return (
    formatFields([
      ['Assessment', set.assessmentId],
      ['Review period', set.reviewPeriod],
      ['Revision', `${set.revision} (${set.recordedBy}, ${set.recordedAt})`],
    ]) +
    (set.criteria.length === 0
      ? 'Criteria: none\n'
      : formatTable(
          ['Metric', 'Subgroup', 'Limits', 'Rationale'],
          set.criteria.map((c) => [metricDefinitions[c.metric].label, c.subgroup, limitText(c), c.rationale]),
        ))
  );
}

export function describeSummary(s: MonitoringSummary): string {
  const parts = [
    formatFields([
      ['System', s.systemId],
      ['Criteria', s.criteria ? `from ${s.criteria.assessmentId}, reviewed ${s.criteria.reviewPeriod}` : 'none recorded (set them on the local validation assessment)'],
      ['Latest month', s.latestPeriod ?? 'no data yet'],
      ['Overdue', s.overdue ? 'yes: no data for more than one review period' : 'no'],
    ]),
  ];
  if (s.criteria && s.criteria.criteria.length > 0) parts.push(`\nCriteria\n${describeCriteria(s.criteria).split('\n').slice(3).join('\n')}`);
  parts.push(
    s.series.length === 0
      ? '\nValues: none imported\n'
      : `\nValues\n${formatTable(
          ['Metric', 'Subgroup', 'Months', 'Latest', 'Value', 'n', 'Breached months'],
          s.series.map((line) => {
            const last = line.points.at(-1)!;
            return [metricDefinitions[line.metric].label, line.subgroup, String(line.points.length), last.period, String(last.value), String(last.n), String(line.points.filter((p) => p.breached).length)];
          }),
        )}`,
  );
  parts.push(s.breaches.length === 0 ? '\nBreaches: none\n' : `\nBreaches (newest first)\n${s.breaches.map((b) => `  ${b.period}  ${b.words}${b.eventId ? ` [${b.eventId}]` : ''}\n`).join('')}`);
  parts.push(
    s.imports.length === 0
      ? '\nImports: none\n'
      : `\nImports\n${formatTable(['ID', 'File', 'Rows', 'By', 'At', 'SHA-256'], s.imports.map((i) => [i.id, i.fileName, String(i.rows), i.importedBy, i.importedAt, `${i.sha256.slice(0, 16)}…`]))}`,
  );
  return parts.join('');
}

export function describeImport(r: MonitoringImportResult, fileName: string): string {
  const lines = [`Imported ${fileName} as ${r.importId}: ${r.rows.toLocaleString('en-GB')} row(s), ${r.alreadyRecorded.toLocaleString('en-GB')} already recorded (kept once). SHA-256 ${r.sha256}.`];
  if (r.newBreaches.length === 0) lines.push('No new breach of the acceptance criteria.');
  else {
    lines.push(`${r.newBreaches.length} new breach(es), each recorded as a drift event:`);
    for (const b of r.newBreaches) lines.push(`  ${b.words}${b.eventId ? ` [${b.eventId}]` : ''}`);
    if (r.assessmentId) lines.push(`The system is due for re-assessment: ${r.assessmentId}.`);
  }
  return `${lines.join('\n')}\n`;
}

/** criteria.json: a list of criteria, or { reviewPeriod, criteria: [...] }. */
function criteriaFromFile(path: string): { criteria: unknown; reviewPeriod?: unknown } {
  const text = readCappedFile(path, 1024 * 1024, 'criteria files');
  let data: unknown;
  try {
    data = parseUntrustedJson(text);
  } catch (error) {
    throw new UsageError(`${path} is not a criteria file: it is not valid JSON (${(error as Error).message})`);
  }
  if (Array.isArray(data)) return { criteria: data };
  if (typeof data === 'object' && data !== null && 'criteria' in data) {
    const { criteria, reviewPeriod, ...rest } = data as Record<string, unknown>;
    const extra = Object.keys(rest);
    if (extra.length > 0) throw new UsageError(`${path}: unknown key${extra.length === 1 ? '' : 's'} ${extra.map((k) => `"${k}"`).join(', ')}; a criteria file holds "criteria" and, optionally, "reviewPeriod"`);
    return reviewPeriod === undefined ? { criteria } : { criteria, reviewPeriod };
  }
  throw new UsageError(`${path} must hold a list of criteria, or an object with "criteria" (and optionally "reviewPeriod")`);
}

/** A monitoring file, size-checked before it is read and decoded strictly (never repaired). */
function readMonitoringFile(path: string): string {
  const bytes = readCappedBytes(path, maxMonitoringFileBytes, 'monitoring files');
  const text = fileTextFromBytes(bytes);
  if (text !== null) return text;
  const looks = describeFileBytes(bytes);
  if (looks) {
    throw new CliRefusal({ code: 'DATA_FILE_INVALID', message: `${path} is not a monitoring file (CSV or JSON of metric, subgroup, period, value, n, source): ${looks}. Nothing was read or written.` });
  }
  throw notUtf8Text(path);
}

export const monitoringCommands: CliCommand[] = [
  {
    path: ['monitoring', 'criteria'],
    method: 'monitoring.setCriteria',
    alsoCalls: ['monitoring.criteria'],
    usage: 'vigil monitoring criteria ASSESSMENT_ID --file criteria.json [--review-period monthly|quarterly] [--actor NAME --role ROLE]',
    summary: "Record the acceptance criteria of a system's local validation assessment (a JSON list of { metric, subgroup, min, max, maxGap, rationale }); without --file, show them",
    options: { file: { type: 'string' }, 'review-period': { type: 'string' } },
    positionals: { min: 1, max: 1 },
    run: async (ctx) => {
      const [assessmentId] = ctx.positionals as [string];
      const current = await ctx.call('monitoring.criteria', { assessmentId });
      if (!current.ok) {
        printError(ctx.io, current.error, ctx.json);
        return 1;
      }
      const before = current.value as CriteriaSet | null;
      if (typeof ctx.values.file !== 'string') {
        if (ctx.values['review-period'] !== undefined) throw new UsageError('--review-period goes with --file criteria.json');
        return callAndPrint(ctx, 'monitoring.criteria', { assessmentId }, (set: CriteriaSet | null) => (set ? describeCriteria(set) : `${assessmentId} records no acceptance criteria.\n`));
      }
      const fromFile = criteriaFromFile(ctx.values.file);
      const period = ctx.values['review-period'];
      if (period !== undefined && !(reviewPeriods as readonly unknown[]).includes(period)) throw new UsageError(`--review-period is ${reviewPeriods.join(' or ')}, not "${String(period)}"`);
      const reviewPeriod = period ?? fromFile.reviewPeriod ?? before?.reviewPeriod ?? 'monthly';
      // The revision read just now: a change made meanwhile by someone else is refused, not overwritten.
      return callAndPrint(
        ctx,
        'monitoring.setCriteria',
        { assessmentId, criteria: fromFile.criteria, reviewPeriod, expectedRevision: before?.revision ?? 0 },
        (set: CriteriaSet) => `Recorded ${set.criteria.length} acceptance criterion/criteria for ${set.assessmentId} (revision ${set.revision}).\n${describeCriteria(set)}`,
      );
    },
  },
  {
    path: ['monitoring', 'import'],
    method: 'monitoring.import',
    usage: 'vigil monitoring import SYSTEM_ID FILE [--actor NAME --role ROLE]',
    summary: 'Import monitoring values (CSV or JSON: metric, subgroup, period, value, n, source); every row is checked and a bad file writes nothing',
    options: {},
    positionals: { min: 2, max: 2 },
    run: (ctx) => {
      const [systemId, file] = ctx.positionals as [string, string];
      const fileName = basename(file);
      return callAndPrint(ctx, 'monitoring.import', { systemId, fileName, text: readMonitoringFile(file) }, (r: MonitoringImportResult) => describeImport(r, fileName));
    },
  },
  {
    path: ['monitoring', 'show'],
    method: 'monitoring.summary',
    usage: 'vigil monitoring show SYSTEM_ID',
    summary: "A system's monitoring: criteria in force, each metric's latest value, breaches, imports, whether data is overdue",
    options: {},
    positionals: { min: 1, max: 1 },
    run: (ctx) => callAndPrint(ctx, 'monitoring.summary', { systemId: ctx.positionals[0] }, describeSummary),
  },
];
