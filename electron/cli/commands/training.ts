import { basename } from 'node:path';
import { fileTextFromBytes, maxTrainingFileBytes, type ReadinessSummary, type TrainingImportResult, type TrainingList, type TrainingRecord } from '../../contract/index.ts';
import { coveragePercent } from '../../core/training/readiness.ts';
import { UsageError, type CliCommand, type OptionValues } from '../command.ts';
import { callAndPrint, formatTable } from '../output.ts';
import { notUtf8Text, readCappedBytes } from '../read-capped-file.ts';

/*
 * `vigil training record|import|list` (docs/readiness.md): training records per system and role
 * group, and the readiness they add up to against the hospital's target.
 */

/** A whole number as a number; anything else is passed on as written, for the core to refuse in words. */
const count = (value: OptionValues[string]): unknown => (typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value);

const status = (g: ReadinessSummary['groups'][number]) => [g.belowTarget ? 'below target' : 'meets target', ...(g.refresherOverdue ? ['refresher overdue'] : [])].join('; ');

export const describeReadiness = (r: ReadinessSummary): string =>
  `${r.words}\n` +
  (r.groups.length === 0
    ? ''
    : `Target: ${r.target}% of each role group trained.\n\n` +
      formatTable(
        ['Role group', 'Trained', 'Coverage', 'Material', 'Refresher due', 'Status'],
        r.groups.map((g) => [g.role, `${g.latest.trained} of ${g.latest.using}`, `${coveragePercent(g.latest.trained, g.latest.using)}%`, g.latest.materialVersion, g.latest.refresherDue, status(g)]),
      ));

const describeRecords = (records: readonly TrainingRecord[]) =>
  records.length === 0
    ? 'No training records.\n'
    : formatTable(
        ['Id', 'Date', 'Role group', 'Trained', 'Material', 'Refresher due', 'From'],
        records.map((r) => [r.id, r.date, r.role, `${r.trained} of ${r.using}`, r.materialVersion, r.refresherDue, r.importId ?? 'entered']),
      );

export const trainingCommands: CliCommand[] = [
  {
    path: ['training', 'record'],
    method: 'training.record',
    usage: 'vigil training record SYSTEM_ID --group TEXT --trained N --using N --date YYYY-MM-DD --material VERSION --refresher-due YYYY-MM-DD [--note TEXT] [--actor NAME --role ROLE]',
    summary: 'Record the training of one role group (--group, e.g. "ICU nurses"; --role is the acting person\'s role) on a system: people trained of those using it, the date, the material version, when the refresher is due',
    options: {
      group: { type: 'string' },
      trained: { type: 'string' },
      using: { type: 'string' },
      date: { type: 'string' },
      material: { type: 'string' },
      'refresher-due': { type: 'string' },
      note: { type: 'string' },
    },
    positionals: { min: 1, max: 1 },
    run: (ctx) => {
      const v = ctx.values;
      for (const name of ['group', 'trained', 'using', 'date', 'material', 'refresher-due']) if (v[name] === undefined) throw new UsageError(`--${name} is required`);
      const input = {
        systemId: ctx.positionals[0],
        role: v.group,
        trained: count(v.trained),
        using: count(v.using),
        date: v.date,
        materialVersion: v.material,
        refresherDue: v['refresher-due'],
        ...(v.note === undefined ? {} : { note: v.note }),
      };
      return callAndPrint(ctx, 'training.record', input, (r: TrainingRecord) => `Recorded ${r.id}: ${r.trained} of ${r.using} ${r.role} trained on ${r.date} (version ${r.materialVersion}); refresher due ${r.refresherDue}.\n`);
    },
  },
  {
    path: ['training', 'import'],
    method: 'training.import',
    usage: 'vigil training import SYSTEM_ID FILE [--actor NAME --role ROLE]',
    summary: 'Import training records from CSV (header role,trained,using,date,materialVersion,refresherDue) or JSON: every row checked, all or nothing',
    options: {},
    positionals: { min: 2, max: 2 },
    run: (ctx) => {
      const [systemId, file] = ctx.positionals as [string, string];
      const text = fileTextFromBytes(readCappedBytes(file, maxTrainingFileBytes, 'training files'));
      if (text === null) throw notUtf8Text(file);
      return callAndPrint(
        ctx,
        'training.import',
        { systemId, fileName: basename(file), text },
        (r: TrainingImportResult) =>
          `Imported ${r.rows} training record(s) from ${r.fileName} as ${r.importId} (SHA-256 ${r.sha256})${r.alreadyRecorded > 0 ? `; ${r.alreadyRecorded} row(s) were already recorded` : ''}.\n\n${describeReadiness(r.readiness)}`,
      );
    },
  },
  {
    path: ['training', 'list'],
    method: 'training.list',
    usage: 'vigil training list SYSTEM_ID [--json]',
    summary: "A system's readiness per role group against the hospital's target, and its training records, newest first",
    options: {},
    positionals: { min: 1, max: 1 },
    run: (ctx) => callAndPrint(ctx, 'training.list', { systemId: ctx.positionals[0] }, (l: TrainingList) => `${describeReadiness(l.readiness)}\nRecords\n${describeRecords(l.records)}`),
  },
];
