import type { ParseArgsOptionsConfig } from 'node:util';
import {
  autonomyLabels,
  clinicalDomainLabels,
  dataCategoryLabels,
  deploymentLabels,
  harmLevelLabels,
  harmLevels,
  integrationLabels,
  lifecycleLabels,
  modelTypeLabels,
  regulatoryLabels,
  type AiSystem,
  type SystemHistory,
  type SystemPage,
  type TriggerResult,
} from '../../contract/index.ts';
import { UsageError, type CliCommand, type OptionValues } from '../command.ts';
import { callAndPrint, formatFields, formatTable } from '../output.ts';
import { describeState } from './workflow.ts';
import { pageInput, pageOptions, pageUsage, rowsLine, wholeNumber } from '../page-options.ts';

/** Command-line flag → contract field. Lists accept repeats or commas: --data phi,imaging. */
const fieldFlags = {
  name: { field: 'name', list: false },
  vendor: { field: 'vendor', list: false },
  'vendor-id': { field: 'vendorId', list: false },
  owner: { field: 'owner', list: false },
  version: { field: 'productVersion', list: false },
  'model-version': { field: 'modelVersion', list: false },
  'intended-use': { field: 'intendedUse', list: false },
  domain: { field: 'clinicalDomain', list: false },
  users: { field: 'intendedUsers', list: false },
  population: { field: 'patientPopulation', list: false },
  autonomy: { field: 'autonomyLevel', list: false },
  'worst-harm': { field: 'worstCredibleHarm', list: false },
  'time-critical': { field: 'timeCritical', list: false },
  'model-type': { field: 'modelType', list: false },
  data: { field: 'dataCategories', list: true },
  deployment: { field: 'deploymentType', list: false },
  regulatory: { field: 'regulatoryStatus', list: false },
  'regulatory-ref': { field: 'regulatoryReference', list: false },
  integration: { field: 'integrationPoints', list: true },
} as const;

const fieldOptions: ParseArgsOptionsConfig = Object.fromEntries(
  Object.entries(fieldFlags).map(([flag, spec]) => [flag, { type: 'string', multiple: spec.list }]),
);

/** "not-recorded" clears a field that can be left unknown (--worst-harm, --time-critical). */
const notRecordedWord = 'not-recorded';

/** --time-critical yes|no|not-recorded → true, false or null; anything else is a usage error. */
function timeCriticalFrom(value: string): boolean | null {
  if (value === 'yes') return true;
  if (value === 'no') return false;
  if (value === notRecordedWord) return null;
  throw new UsageError(`--time-critical takes yes, no or ${notRecordedWord}, not "${value}"`);
}

function worstHarmFrom(value: string): string | null {
  if (value === notRecordedWord) return null;
  if (!(harmLevels as readonly string[]).includes(value)) {
    throw new UsageError(`--worst-harm takes one of ${harmLevels.join(', ')} or ${notRecordedWord}, not "${value}"`);
  }
  return value;
}

function fieldsFrom(values: OptionValues): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [flag, spec] of Object.entries(fieldFlags)) {
    const value = values[flag];
    if (value === undefined) continue;
    if (flag === 'time-critical') {
      fields[spec.field] = timeCriticalFrom(value as string);
      continue;
    }
    if (flag === 'worst-harm') {
      fields[spec.field] = worstHarmFrom(value as string);
      continue;
    }
    fields[spec.field] = spec.list
      ? (value as string[])
          .flatMap((v) => v.split(','))
          .map((v) => v.trim())
          .filter((v) => v !== '')
      : value;
  }
  return fields;
}

const orDash = (value: string | null | undefined) => (value ? value : '—');
const labelOf = <K extends string>(labels: Readonly<Record<K, string>>, value: K | null) =>
  value === null ? 'Not recorded' : labels[value];

export function describeSystem(s: AiSystem): string {
  return formatFields([
    ['ID', s.id],
    ['Name', s.name],
    ['Vendor', `${s.vendor} (${s.vendorId})`],
    ['Owner', s.owner || '—'],
    ['Product version', orDash(s.productVersion)],
    ['Model version', orDash(s.modelVersion)],
    ['Lifecycle stage', lifecycleLabels[s.lifecycleStage]],
    ['Intended use', orDash(s.intendedUse)],
    ['Clinical domain', labelOf(clinicalDomainLabels, s.clinicalDomain)],
    ['Intended users', orDash(s.intendedUsers)],
    ['Patient population', orDash(s.patientPopulation)],
    ['Autonomy', labelOf(autonomyLabels, s.autonomyLevel)],
    ['Worst credible harm', labelOf(harmLevelLabels, s.worstCredibleHarm)],
    ['Time-critical condition', s.timeCritical === null ? 'Not recorded' : s.timeCritical ? 'Yes' : 'No'],
    ['Model type', labelOf(modelTypeLabels, s.modelType)],
    ['Data categories', s.dataCategories.map((d) => dataCategoryLabels[d]).join(', ') || '—'],
    ['Deployment', labelOf(deploymentLabels, s.deploymentType)],
    ['Regulatory status', `${regulatoryLabels[s.regulatoryStatus]}${s.regulatoryReference ? ` (${s.regulatoryReference})` : ''}`],
    ['Integration points', s.integrationPoints.map((i) => integrationLabels[i]).join(', ') || '—'],
    ['Archived', s.archivedAt ? `yes, ${s.archivedAt}` : 'no'],
    ['Created', `${s.createdAt} by ${s.createdBy}`],
    ['Updated', s.updatedAt],
  ]);
}

const oneId = { min: 1, max: 1 };

export const systemsCommands: CliCommand[] = [
  {
    path: ['systems', 'add'],
    method: 'systems.create',
    usage: 'vigil systems add --name N (--vendor V | --vendor-id VEN-…) [--owner NAME] [--version X] [--model-version M] [--intended-use T] [--domain D] [--users T] [--population T] [--autonomy informs|augments|automates] [--worst-harm negligible|minor|serious|critical|catastrophic] [--time-critical yes|no] [--model-type predictive|generative|other] [--data phi,imaging,...] [--deployment vendorCloud|onPremises|embeddedDevice] [--regulatory S] [--regulatory-ref R] [--integration ehr,pacs,...]',
    summary: 'Register an AI system in the inventory',
    options: fieldOptions,
    run: (ctx) => callAndPrint(ctx, 'systems.create', fieldsFrom(ctx.values), (v: AiSystem) => `Added ${v.id}\n${describeSystem(v)}`),
  },
  {
    path: ['systems', 'list'],
    method: 'systems.page',
    usage:
      'vigil systems list [--include-archived | --all] [--lifecycle-stage STAGE] [--vendor V] [--overall-band B] [--above-appetite-only] ' +
      `[--review-due-within-days N] ${pageUsage}`,
    summary: 'The inventory, one page at a time, with each system\'s risk position (archived ones with --all)',
    options: {
      'include-archived': { type: 'boolean' },
      all: { type: 'boolean' },
      'lifecycle-stage': { type: 'string' },
      vendor: { type: 'string' },
      'overall-band': { type: 'string' },
      'above-appetite-only': { type: 'boolean' },
      'review-due-within-days': { type: 'string' },
      ...pageOptions,
    },
    run: (ctx) => {
      const text = (flag: string) => (typeof ctx.values[flag] === 'string' ? { [flag]: ctx.values[flag] } : {});
      const within = wholeNumber(ctx.values, 'review-due-within-days');
      const input = {
        includeArchived: ctx.values['include-archived'] === true || ctx.values.all === true,
        ...Object.fromEntries(Object.entries({ ...text('lifecycle-stage'), ...text('vendor'), ...text('overall-band') }).map(([flag, value]) => [camel(flag), value])),
        ...(ctx.values['above-appetite-only'] === true ? { aboveAppetiteOnly: true } : {}),
        ...(within === undefined ? {} : { reviewDueWithinDays: within }),
        ...pageInput(ctx.values),
      };
      return callAndPrint(ctx, 'systems.page', input, (page: SystemPage) => {
        if (page.total === 0 && input.includeArchived === false && Object.keys(input).length === 1) {
          return 'No AI systems in the inventory yet. Add one with: vigil systems add --name N --vendor V\n';
        }
        const table =
          page.rows.length === 0
            ? ''
            : formatTable(
                ['ID', 'Name', 'Vendor', 'Owner', 'Stage', 'Overall band', 'Open risks', 'Above appetite', 'Next review', 'Archived'],
                page.rows.map((s) => [
                  s.id,
                  s.name,
                  s.vendor,
                  s.owner || '—',
                  lifecycleLabels[s.lifecycleStage],
                  s.overallBand ?? '—',
                  String(s.openRisks),
                  String(s.aboveAppetite),
                  s.nextReview?.slice(0, 10) ?? '—',
                  s.archived ? 'yes' : '',
                ]),
              );
        return rowsLine(page) + table;
      });
    },
  },
  {
    path: ['systems', 'show'],
    method: 'systems.get',
    usage: 'vigil systems show ID',
    summary: 'Show one AI system',
    options: {},
    positionals: oneId,
    run: (ctx) => callAndPrint(ctx, 'systems.get', { id: ctx.positionals[0] }, describeSystem),
  },
  {
    path: ['systems', 'edit'],
    method: 'systems.update',
    usage: 'vigil systems edit ID [--name N] [--vendor V] [... the same flags as add; --worst-harm and --time-critical also take not-recorded]',
    summary: 'Change fields of an AI system',
    options: fieldOptions,
    positionals: oneId,
    run: (ctx) =>
      callAndPrint(ctx, 'systems.update', { id: ctx.positionals[0], changes: fieldsFrom(ctx.values) }, (v: AiSystem) => `Updated ${v.id}\n${describeSystem(v)}`),
  },
  {
    path: ['systems', 'archive'],
    method: 'systems.archive',
    usage: 'vigil systems archive ID',
    summary: 'Archive an AI system',
    options: {},
    positionals: oneId,
    run: (ctx) => callAndPrint(ctx, 'systems.archive', { id: ctx.positionals[0] }, (v: AiSystem) => `Archived ${v.id}\n`),
  },
  {
    path: ['systems', 'unarchive'],
    method: 'systems.unarchive',
    usage: 'vigil systems unarchive ID',
    summary: 'Bring an archived AI system back',
    options: {},
    positionals: oneId,
    run: (ctx) => callAndPrint(ctx, 'systems.unarchive', { id: ctx.positionals[0] }, (v: AiSystem) => `Restored ${v.id}\n`),
  },
];

export const describeTrigger = (t: TriggerResult) =>
  `Recorded ${t.event.kind} ${t.event.id} for ${t.event.systemId}; lifecycle stage now ${t.lifecycleStage}.\n` +
  (t.assessmentId ? `Re-assessment: ${t.assessmentId} (answers carried over are marked to re-confirm).\n` : '');

/** A system's changes and history; listed after the workflow commands in help. */
export const systemHistoryCommands: CliCommand[] = [
  {
    path: ['systems', 'record-change'],
    method: 'systems.recordChange',
    usage:
      'vigil systems record-change ID --kind modelVersion|dataSource|integration --description TEXT [--model-version V] [--provenance TEXT] [--dataset-digest D] [--change-notice REF] [--date YYYY-MM-DD]',
    summary: 'Record a change; the system becomes due for re-assessment',
    options: {
      kind: { type: 'string' },
      description: { type: 'string' },
      'model-version': { type: 'string' },
      provenance: { type: 'string' },
      'dataset-digest': { type: 'string' },
      'change-notice': { type: 'string' },
      date: { type: 'string' },
    },
    positionals: oneId,
    run: (ctx) =>
      callAndPrint(
        ctx,
        'systems.recordChange',
        {
          systemId: ctx.positionals[0],
          kind: ctx.values.kind,
          description: ctx.values.description,
          ...(ctx.values['model-version'] ? { modelVersion: ctx.values['model-version'] } : {}),
          ...(ctx.values.provenance ? { provenance: ctx.values.provenance } : {}),
          ...(ctx.values['dataset-digest'] ? { datasetDigest: ctx.values['dataset-digest'] } : {}),
          ...(ctx.values['change-notice'] ? { changeNotice: ctx.values['change-notice'] } : {}),
          ...(ctx.values.date ? { occurredAt: ctx.values.date } : {}),
        },
        describeTrigger,
      ),
  },
  {
    path: ['systems', 'history'],
    method: 'systems.history',
    usage: 'vigil systems history ID',
    summary: 'Lifecycle, model versions, changes, incidents and audit trail of a system',
    options: {},
    positionals: oneId,
    run: (ctx) =>
      callAndPrint(ctx, 'systems.history', { id: ctx.positionals[0] }, (h: SystemHistory) =>
        describeState(h.lifecycle) +
        `Re-assessment due: ${h.reassessmentDue ?? 'not set'}\n\nChanges and incidents\n` +
        (h.events.length === 0
          ? '  none\n'
          : formatTable(['Date', 'Kind', 'Description', 'Model version', 'Assessment'], h.events.map((e) => [e.occurredAt, e.kind, e.description, e.modelVersion || '—', e.assessmentId ?? '—']))) +
        '\nAudit trail\n' +
        formatTable(['#', 'At', 'Actor', 'Action', 'Detail'], h.ledger.map((l) => [String(l.seq), l.at, l.actor, l.action, l.summary])),
      ),
  },
];

/** A kebab-case flag as the input field it sets (lifecycle-stage → lifecycleStage). */
function camel(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
